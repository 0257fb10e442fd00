package dev.invoicekit.jdbc.contract;

import dev.invoicekit.jdbc.JdbcNumbering;
import dev.invoicekit.jdbc.JdbcTransactions;
import dev.invoicekit.jdbc.testing.SkipWithoutMariadb;
import dev.invoicekit.jdbc.testing.TestDatabases;
import dev.invoicekit.testkit.contract.InvoiceNumberingContract;
import org.junit.jupiter.api.Assumptions;

/** The gapless numbering contract on JDBC with MariaDB, when a server is configured. */
class MariadbNumberingContractTest extends InvoiceNumberingContract {

  @Override
  protected Numbering newNumbering() {
    Assumptions.assumeTrue(SkipWithoutMariadb.mariadbConfigured(),
        TestDatabases.mariadbSkipReason());
    JdbcTransactions transactions = JdbcTransactions.of(TestDatabases.mariadb().orElseThrow());
    return new Numbering(new JdbcNumbering(transactions), transactions);
  }
}
