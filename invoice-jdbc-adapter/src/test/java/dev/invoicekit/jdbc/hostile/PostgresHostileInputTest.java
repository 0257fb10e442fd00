package dev.invoicekit.jdbc.hostile;

import dev.invoicekit.jdbc.testing.JdbcDatabase;

/** Hostile input through the service on PostgreSQL. */
class PostgresHostileInputTest extends HostileInputRoundTrip {

  @Override
  JdbcDatabase database() {
    return JdbcDatabase.POSTGRESQL;
  }
}
