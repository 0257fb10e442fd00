package dev.invoicekit.jdbc.contract;

import dev.invoicekit.jdbc.JdbcNumbering;
import dev.invoicekit.jdbc.JdbcTransactions;
import dev.invoicekit.jdbc.testing.TestDatabases;
import dev.invoicekit.testkit.contract.InvoiceNumberingContract;

/** The gapless numbering contract on JDBC with an in-memory H2 database. */
class H2NumberingContractTest extends InvoiceNumberingContract {

  @Override
  protected Numbering newNumbering() {
    JdbcTransactions transactions = JdbcTransactions.of(TestDatabases.h2());
    return new Numbering(new JdbcNumbering(transactions), transactions);
  }
}
