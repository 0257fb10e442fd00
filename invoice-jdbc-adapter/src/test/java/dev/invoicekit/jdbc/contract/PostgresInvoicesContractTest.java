package dev.invoicekit.jdbc.contract;

import dev.invoicekit.jdbc.JdbcInvoices;
import dev.invoicekit.jdbc.JdbcTransactions;
import dev.invoicekit.jdbc.testing.TestDatabases;
import dev.invoicekit.testkit.contract.InvoicesContract;

/** The repository contract on JDBC with PostgreSQL (embedded unless a server is configured). */
class PostgresInvoicesContractTest extends InvoicesContract {

  @Override
  protected Repository newRepository() {
    JdbcTransactions transactions = JdbcTransactions.of(TestDatabases.postgres());
    return new Repository(new JdbcInvoices(transactions), transactions);
  }
}
