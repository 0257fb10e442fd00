package dev.invoicekit.benchmarks.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Small JDBC helpers for benchmark setup and checks; never used inside a timed method. */
public final class Sql {

  private Sql() {}

  /**
   * Runs statements in one transaction.
   *
   * @param pool where
   * @param statements the SQL
   */
  public static void execute(DataSource pool, String... statements) {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        for (String sql : statements) {
          statement.execute(sql);
        }
      }
      connection.commit();
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      throw new IllegalStateException("Setup SQL failed: " + String.join("; ", statements), e);
    }
  }

  /**
   * Runs a statement outside a transaction (VACUUM, ANALYZE, CHECKPOINT).
   *
   * @param pool where
   * @param sql the SQL
   */
  public static void executeOutsideTransaction(DataSource pool, String sql) {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Setup SQL failed: " + sql, e);
    }
  }

  /**
   * Reads a single number.
   *
   * @param pool where
   * @param sql a query returning one row of one number
   * @param parameters its parameters
   * @return the number
   */
  public static long queryLong(DataSource pool, String sql, Object... parameters) {
    List<List<String>> rows = queryRows(pool, sql, parameters);
    return Long.parseLong(rows.get(0).get(0));
  }

  /**
   * Reads a single text value.
   *
   * @param pool where
   * @param sql a query returning one row of one column
   * @return the value
   */
  public static String queryString(DataSource pool, String sql) {
    return queryRows(pool, sql).get(0).get(0);
  }

  /**
   * Reads every row of a query as text, for comparing what two contenders wrote.
   *
   * @param pool where
   * @param sql the query
   * @param parameters its parameters
   * @return the rows, each a list of column values as text (null stays null)
   */
  public static List<List<String>> queryRows(DataSource pool, String sql, Object... parameters) {
    try (Connection connection = pool.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setObject(i + 1, parameters[i]);
      }
      List<List<String>> rows = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<String> row = new ArrayList<>(columns);
          for (int c = 1; c <= columns; c++) {
            row.add(rs.getString(c));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("Query failed: " + sql, e);
    }
  }
}
