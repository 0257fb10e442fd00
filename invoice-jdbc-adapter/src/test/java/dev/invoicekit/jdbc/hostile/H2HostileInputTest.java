package dev.invoicekit.jdbc.hostile;

import dev.invoicekit.jdbc.testing.JdbcDatabase;

/** Hostile input through the service on H2. */
class H2HostileInputTest extends HostileInputRoundTrip {

  @Override
  JdbcDatabase database() {
    return JdbcDatabase.H2;
  }
}
