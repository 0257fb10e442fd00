package dev.invoicekit.jdbc.hostile;

import dev.invoicekit.jdbc.testing.JdbcDatabase;
import dev.invoicekit.jdbc.testing.SkipWithoutMariadb;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/** Hostile input through the service on MariaDB, when a server is configured. */
@AddLifecycleHook(SkipWithoutMariadb.class)
class MariadbHostileInputTest extends HostileInputRoundTrip {

  @Override
  JdbcDatabase database() {
    return JdbcDatabase.MARIADB;
  }
}
