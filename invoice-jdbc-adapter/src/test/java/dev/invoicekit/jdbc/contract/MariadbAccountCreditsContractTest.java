package dev.invoicekit.jdbc.contract;

import dev.invoicekit.jdbc.Dialect;
import dev.invoicekit.jdbc.JdbcAccountCredits;
import dev.invoicekit.jdbc.JdbcTransactions;
import dev.invoicekit.jdbc.testing.SkipWithoutMariadb;
import dev.invoicekit.jdbc.testing.TestDatabases;
import dev.invoicekit.testkit.contract.AccountCreditsContract;
import org.junit.jupiter.api.Assumptions;

/** The account-credit ledger contract on JDBC with MariaDB, when a server is configured. */
class MariadbAccountCreditsContractTest extends AccountCreditsContract {

  @Override
  protected Ledger newLedger() {
    Assumptions.assumeTrue(SkipWithoutMariadb.mariadbConfigured(),
        TestDatabases.mariadbSkipReason());
    JdbcTransactions transactions = JdbcTransactions.of(TestDatabases.mariadb().orElseThrow());
    return new Ledger(new JdbcAccountCredits(transactions, Dialect.MARIADB), transactions);
  }
}
