package dev.invoicekit.jdbc.contract;

import dev.invoicekit.jdbc.Dialect;
import dev.invoicekit.jdbc.JdbcAccountCredits;
import dev.invoicekit.jdbc.JdbcTransactions;
import dev.invoicekit.jdbc.testing.TestDatabases;
import dev.invoicekit.testkit.contract.AccountCreditsContract;

/** The account-credit ledger contract on JDBC with PostgreSQL (embedded unless one is set). */
class PostgresAccountCreditsContractTest extends AccountCreditsContract {

  @Override
  protected Ledger newLedger() {
    JdbcTransactions transactions = JdbcTransactions.of(TestDatabases.postgres());
    return new Ledger(new JdbcAccountCredits(transactions, Dialect.POSTGRESQL), transactions);
  }
}
