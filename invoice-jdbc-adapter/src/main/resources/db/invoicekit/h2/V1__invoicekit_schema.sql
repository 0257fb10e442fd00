-- InvoiceKit schema for H2 (2.x). Flyway applies it from classpath:db/invoicekit/h2;
-- dev.invoicekit.jdbc.SchemaInstaller applies the same file without Flyway.
-- H2 counts VARCHAR lengths in UTF-16 units, the other databases in characters: text columns are
-- twice the library's limits in code points (dev.invoicekit.invoice.InputLimits), so that 100
-- emoji fit an id here as they do on PostgreSQL and MariaDB.
-- Every key starts with the tenant: one tenant can never reach another's rows.

CREATE TABLE ik_invoice (
  tenant_id           VARCHAR(200)   NOT NULL,
  invoice_id          VARCHAR(200)   NOT NULL,
  version             BIGINT         NOT NULL CHECK (version > 0),
  status              VARCHAR(16)    NOT NULL CHECK (status IN ('DRAFT', 'SENT', 'PARTIALLY_PAID', 'PAID', 'OVERDUE', 'CANCELLED', 'VOID')),
  invoice_number      VARCHAR(200),
  currency            CHAR(3)        NOT NULL,
  invoice_date        DATE           NOT NULL,
  due_date            DATE,
  account_id          VARCHAR(200)   NOT NULL,
  contact_id          VARCHAR(200),
  opportunity_id      VARCHAR(200),
  total_amount        NUMERIC(19, 4) NOT NULL,
  amount_paid         NUMERIC(19, 4) NOT NULL,
  amount_due          NUMERIC(19, 4) NOT NULL,
  content             CLOB           NOT NULL,
  PRIMARY KEY (tenant_id, invoice_id),
  CONSTRAINT ik_invoice_number_unique UNIQUE (tenant_id, invoice_number),
  CONSTRAINT ik_invoice_numbered_when_sent CHECK (status IN ('DRAFT', 'CANCELLED') OR invoice_number IS NOT NULL)
);
-- The overdue sweep claims one status at a time in due-date order (Sql.CLAIM_OVERDUE_CANDIDATES);
-- amount_due is checked on the index entry, so rows with nothing due are never fetched.
CREATE INDEX ik_invoice_sweep ON ik_invoice (tenant_id, status, due_date, amount_due);
CREATE INDEX ik_invoice_account ON ik_invoice (tenant_id, account_id, invoice_id);

CREATE TABLE ik_invoice_line (
  tenant_id           VARCHAR(200)   NOT NULL,
  invoice_id          VARCHAR(200)   NOT NULL,
  line_no             INTEGER        NOT NULL CHECK (line_no > 0),
  description         VARCHAR(2000)  NOT NULL,
  product_id          VARCHAR(200),
  quantity            NUMERIC(22, 6) NOT NULL,
  unit_price          NUMERIC(28, 10) NOT NULL CHECK (unit_price >= 0),
  base_quantity       NUMERIC(22, 6) NOT NULL CHECK (base_quantity > 0),
  tax_category        VARCHAR(2)     NOT NULL,
  tax_rate            NUMERIC(9, 4)  NOT NULL,
  allowance_charges   CLOB           NOT NULL,
  PRIMARY KEY (tenant_id, invoice_id, line_no),
  CONSTRAINT ik_line_invoice FOREIGN KEY (tenant_id, invoice_id) REFERENCES ik_invoice (tenant_id, invoice_id) ON DELETE CASCADE
);

CREATE TABLE ik_payment (
  tenant_id           VARCHAR(200)   NOT NULL,
  invoice_id          VARCHAR(200)   NOT NULL,
  payment_id          VARCHAR(200)   NOT NULL,
  seq                 INTEGER        NOT NULL CHECK (seq > 0),
  kind                VARCHAR(8)     NOT NULL CHECK (kind IN ('PAYMENT', 'REFUND')),
  amount              NUMERIC(19, 4) NOT NULL CHECK (amount > 0),
  payment_date        DATE           NOT NULL,
  method              VARCHAR(200),
  reference           VARCHAR(400),
  PRIMARY KEY (tenant_id, invoice_id, payment_id),
  CONSTRAINT ik_payment_seq_unique UNIQUE (tenant_id, invoice_id, seq),
  CONSTRAINT ik_payment_invoice FOREIGN KEY (tenant_id, invoice_id) REFERENCES ik_invoice (tenant_id, invoice_id) ON DELETE CASCADE
);

CREATE TABLE ik_number_counter (
  tenant_id           VARCHAR(200)   NOT NULL,
  series_key          VARCHAR(300)   NOT NULL,
  last_value          BIGINT         NOT NULL CHECK (last_value > 0),
  PRIMARY KEY (tenant_id, series_key)
);

CREATE SEQUENCE ik_invoice_number_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE ik_outbox (
  tenant_id           VARCHAR(200)   NOT NULL,
  event_id            VARCHAR(200)   NOT NULL,
  invoice_id          VARCHAR(200)   NOT NULL,
  invoice_version     BIGINT         NOT NULL,
  event_type          VARCHAR(32)    NOT NULL,
  occurred_at         TIMESTAMP      NOT NULL,
  payload             CLOB           NOT NULL,
  state               VARCHAR(10)    NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'PARKED')),
  attempts            INTEGER        NOT NULL DEFAULT 0,
  next_attempt_at     TIMESTAMP      NOT NULL,
  delivered_at        TIMESTAMP,
  last_error          VARCHAR(1000),
  PRIMARY KEY (tenant_id, event_id),
  CONSTRAINT ik_outbox_one_per_version UNIQUE (tenant_id, invoice_id, invoice_version)
);
-- The relay claims PENDING events in this order, so it reads no further than its batch.
CREATE INDEX ik_outbox_claim ON ik_outbox (state, occurred_at, invoice_version, event_id);

CREATE TABLE ik_idempotency_key (
  tenant_id           VARCHAR(200)   NOT NULL,
  idempotency_key     VARCHAR(200)   NOT NULL,
  fingerprint         VARCHAR(128)   NOT NULL,
  invoice_id          VARCHAR(200)   NOT NULL,
  result_version      BIGINT         NOT NULL,
  PRIMARY KEY (tenant_id, idempotency_key)
);
