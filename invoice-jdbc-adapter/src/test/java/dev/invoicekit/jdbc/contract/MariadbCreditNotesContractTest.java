package dev.invoicekit.jdbc.contract;

import dev.invoicekit.jdbc.JdbcCreditNotes;
import dev.invoicekit.jdbc.JdbcInvoices;
import dev.invoicekit.jdbc.JdbcTransactions;
import dev.invoicekit.jdbc.testing.SkipWithoutMariadb;
import dev.invoicekit.jdbc.testing.TestDatabases;
import dev.invoicekit.testkit.contract.CreditNotesContract;
import org.junit.jupiter.api.Assumptions;

/** The credit-note contract on JDBC with MariaDB, when a server is configured. */
class MariadbCreditNotesContractTest extends CreditNotesContract {

  @Override
  protected Repository newRepository() {
    Assumptions.assumeTrue(SkipWithoutMariadb.mariadbConfigured(),
        TestDatabases.mariadbSkipReason());
    JdbcTransactions transactions = JdbcTransactions.of(TestDatabases.mariadb().orElseThrow());
    return new Repository(new JdbcCreditNotes(transactions), new JdbcInvoices(transactions),
        transactions);
  }
}
