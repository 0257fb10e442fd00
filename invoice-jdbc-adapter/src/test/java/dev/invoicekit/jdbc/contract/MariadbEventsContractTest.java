package dev.invoicekit.jdbc.contract;

import dev.invoicekit.jdbc.testing.SkipWithoutMariadb;
import dev.invoicekit.jdbc.testing.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;

/** The notification contract on the outbox and its relay with MariaDB, when configured. */
class MariadbEventsContractTest extends OutboxEventsContract {

  @Override
  protected DataSource freshDatabase() {
    Assumptions.assumeTrue(SkipWithoutMariadb.mariadbConfigured(),
        TestDatabases.mariadbSkipReason());
    return TestDatabases.mariadb().orElseThrow();
  }
}
