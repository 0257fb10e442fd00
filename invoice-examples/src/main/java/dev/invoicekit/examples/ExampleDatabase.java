package dev.invoicekit.examples;

import dev.invoicekit.jdbc.Dialect;
import dev.invoicekit.jdbc.SchemaInstaller;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** An embedded H2 database in memory with the InvoiceKit schema: nothing to install. */
final class ExampleDatabase {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private ExampleDatabase() {}

  static DataSource create() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:invoicekit-example-" + COUNTER.incrementAndGet()
        + ";DB_CLOSE_DELAY=-1");
    SchemaInstaller.install(dataSource, Dialect.H2);
    return dataSource;
  }
}
