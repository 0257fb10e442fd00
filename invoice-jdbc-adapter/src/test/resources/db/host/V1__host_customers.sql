-- A host application's own first migration, in its own Flyway location (FlywayBesideTheHostTest).
CREATE TABLE host_customer (
  customer_id         VARCHAR(50)    NOT NULL PRIMARY KEY,
  name                VARCHAR(200)   NOT NULL
);
