package dev.invoicekit.jdbc.contract;

import dev.invoicekit.jdbc.testing.TestDatabases;
import javax.sql.DataSource;

/** The notification contract on the outbox and its relay with an in-memory H2 database. */
class H2EventsContractTest extends OutboxEventsContract {

  @Override
  protected DataSource freshDatabase() {
    return TestDatabases.h2();
  }
}
