package dev.invoicekit.jdbc.testing;

import dev.invoicekit.jdbc.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases a JDBC test runs on, for {@code @EnumSource}: each {@link #create()} gives a fresh
 * one with the schema, or aborts the test with the reason when the database is not configured.
 */
public enum JdbcDatabase {
  H2(Dialect.H2) {
    @Override
    public DataSource create() {
      return TestDatabases.h2();
    }
  },
  POSTGRESQL(Dialect.POSTGRESQL) {
    @Override
    public DataSource create() {
      return TestDatabases.postgres();
    }
  },
  MARIADB(Dialect.MARIADB) {
    @Override
    public DataSource create() {
      Assumptions.assumeTrue(SkipWithoutMariadb.mariadbConfigured(),
          TestDatabases.mariadbSkipReason());
      return TestDatabases.mariadb().orElseThrow();
    }
  };

  private final Dialect dialect;

  JdbcDatabase(Dialect dialect) {
    this.dialect = dialect;
  }

  /** A new database with the schema installed. */
  public abstract DataSource create();

  public Dialect dialect() {
    return dialect;
  }

  /** How many rows a table holds, read on a connection of its own (so: committed rows). */
  public static long rows(DataSource dataSource, String table) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot count the rows of " + table, e);
    }
  }

  /** Rows of the invoice, line and payment tables, in that order. */
  public static long[] invoiceRows(DataSource dataSource) {
    return new long[] {
      rows(dataSource, "ik_invoice"), rows(dataSource, "ik_invoice_line"),
      rows(dataSource, "ik_payment")
    };
  }
}
