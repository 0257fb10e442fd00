package dev.invoicekit.jdbc.contract;

import dev.invoicekit.jdbc.JdbcCreditNotes;
import dev.invoicekit.jdbc.JdbcInvoices;
import dev.invoicekit.jdbc.JdbcTransactions;
import dev.invoicekit.jdbc.testing.TestDatabases;
import dev.invoicekit.testkit.contract.CreditNotesContract;

/** The credit-note contract on JDBC with PostgreSQL (embedded unless a server is configured). */
class PostgresCreditNotesContractTest extends CreditNotesContract {

  @Override
  protected Repository newRepository() {
    JdbcTransactions transactions = JdbcTransactions.of(TestDatabases.postgres());
    return new Repository(new JdbcCreditNotes(transactions), new JdbcInvoices(transactions),
        transactions);
  }
}
