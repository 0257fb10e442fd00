package dev.invoicekit.jdbc.contract;

import dev.invoicekit.jdbc.JdbcNumbering;
import dev.invoicekit.jdbc.JdbcTransactions;
import dev.invoicekit.jdbc.testing.TestDatabases;
import dev.invoicekit.testkit.contract.InvoiceNumberingContract;

/** The gapless numbering contract on JDBC with PostgreSQL (embedded unless a server is configured).
 * */
class PostgresNumberingContractTest extends InvoiceNumberingContract {

  @Override
  protected Numbering newNumbering() {
    JdbcTransactions transactions = JdbcTransactions.of(TestDatabases.postgres());
    return new Numbering(new JdbcNumbering(transactions), transactions);
  }
}
