package dev.invoicekit.jdbc.contract;

import dev.invoicekit.jdbc.Dialect;
import dev.invoicekit.jdbc.JdbcAccountCredits;
import dev.invoicekit.jdbc.JdbcTransactions;
import dev.invoicekit.jdbc.testing.TestDatabases;
import dev.invoicekit.testkit.contract.AccountCreditsContract;

/** The account-credit ledger contract on JDBC with an in-memory H2 database. */
class H2AccountCreditsContractTest extends AccountCreditsContract {

  @Override
  protected Ledger newLedger() {
    JdbcTransactions transactions = JdbcTransactions.of(TestDatabases.h2());
    return new Ledger(new JdbcAccountCredits(transactions, Dialect.H2), transactions);
  }
}
