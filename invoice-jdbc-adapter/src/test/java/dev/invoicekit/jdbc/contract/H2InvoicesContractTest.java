package dev.invoicekit.jdbc.contract;

import dev.invoicekit.jdbc.JdbcInvoices;
import dev.invoicekit.jdbc.JdbcTransactions;
import dev.invoicekit.jdbc.testing.TestDatabases;
import dev.invoicekit.testkit.contract.InvoicesContract;

/** The repository contract on JDBC with an in-memory H2 database. */
class H2InvoicesContractTest extends InvoicesContract {

  @Override
  protected Repository newRepository() {
    JdbcTransactions transactions = JdbcTransactions.of(TestDatabases.h2());
    return new Repository(new JdbcInvoices(transactions), transactions);
  }
}
