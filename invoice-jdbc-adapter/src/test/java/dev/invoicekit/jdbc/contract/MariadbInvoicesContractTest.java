package dev.invoicekit.jdbc.contract;

import dev.invoicekit.jdbc.JdbcInvoices;
import dev.invoicekit.jdbc.JdbcTransactions;
import dev.invoicekit.jdbc.testing.SkipWithoutMariadb;
import dev.invoicekit.jdbc.testing.TestDatabases;
import dev.invoicekit.testkit.contract.InvoicesContract;
import javax.sql.DataSource;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.junit.jupiter.api.Assumptions;

/** The repository contract on JDBC with MariaDB, when a server is configured. */
@AddLifecycleHook(SkipWithoutMariadb.class)
class MariadbInvoicesContractTest extends InvoicesContract {

  @Override
  protected Repository newRepository() {
    Assumptions.assumeTrue(SkipWithoutMariadb.mariadbConfigured(),
        TestDatabases.mariadbSkipReason());
    DataSource dataSource = TestDatabases.mariadb().orElseThrow();
    JdbcTransactions transactions = JdbcTransactions.of(dataSource);
    return new Repository(new JdbcInvoices(transactions), transactions);
  }
}
