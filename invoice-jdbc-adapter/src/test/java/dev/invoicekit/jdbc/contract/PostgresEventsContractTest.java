package dev.invoicekit.jdbc.contract;

import dev.invoicekit.jdbc.testing.TestDatabases;
import javax.sql.DataSource;

/**
 * The notification contract on the outbox and its relay with PostgreSQL (embedded unless a server
 * is configured).
 */
class PostgresEventsContractTest extends OutboxEventsContract {

  @Override
  protected DataSource freshDatabase() {
    return TestDatabases.postgres();
  }
}
