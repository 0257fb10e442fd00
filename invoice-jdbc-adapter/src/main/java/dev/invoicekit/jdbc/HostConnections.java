package dev.invoicekit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Where the adapter's joining mode ({@link JdbcTransactions#joining(HostConnections)}) gets the
 * connection of the transaction the host already holds, and where it gives it back.
 *
 * <p>For each unit of work (one service command, or one port call made outside a command) the
 * adapter calls {@link #acquire()} once, runs every statement of the unit on that connection, and
 * then calls {@link #release(Connection)} with it exactly once, also when the unit fails or is
 * refused. It never commits, rolls back, closes or changes the auto-commit mode of the connection:
 * the host's transaction decides. The ready wirings:
 *
 * <ul>
 *   <li>Spring: {@code HostConnections.of(() -> DataSourceUtils.getConnection(ds), c ->
 *       DataSourceUtils.releaseConnection(c, ds))}, or {@link #of(DataSource)} on a
 *       {@code TransactionAwareDataSourceProxy};
 *   <li>Jakarta EE / JTA: {@link #of(DataSource)} on the container-managed data source;
 *   <li>plain JDBC: {@link #of(Connection)} on a connection with auto-commit off.
 * </ul>
 *
 * <p>Implementations must be thread-safe; each thread gets the connection of its own transaction.
 */
@FunctionalInterface
public interface HostConnections {

  /**
   * The connection of the host's current transaction, for one unit of the adapter's work.
   *
   * @return the connection, with auto-commit off; null or a connection in auto-commit mode is
   *     refused with an {@link dev.invoicekit.ports.InvoicePersistenceException} (and released)
   * @throws SQLException if the host cannot give one
   */
  Connection acquire() throws SQLException;

  /**
   * Gives back a connection {@link #acquire()} returned, once the unit of work is over. Does
   * nothing by default, for hosts whose connection outlives the adapter's work.
   *
   * @param connection the connection, not null
   * @throws SQLException if giving it back fails
   */
  default void release(Connection connection) throws SQLException {
    // The host keeps the connection and closes it itself.
  }

  /**
   * Connections from the host's own acquire and release functions, such as Spring's
   * {@code DataSourceUtils.getConnection(ds)} and {@code DataSourceUtils.releaseConnection(c, ds)}.
   *
   * @param acquire gives the current transaction's connection, not null
   * @param release gives a connection back, not null
   * @return the host connections, not null
   */
  static HostConnections of(Supplier<Connection> acquire, Consumer<Connection> release) {
    Objects.requireNonNull(acquire, "acquire");
    Objects.requireNonNull(release, "release");
    return new HostConnections() {
      @Override
      public Connection acquire() {
        return acquire.get();
      }

      @Override
      public void release(Connection connection) {
        release.accept(connection);
      }
    };
  }

  /**
   * Connections from a data source that hands out the connection of the current transaction and
   * takes it back on {@link Connection#close()}: a container-managed (JTA) data source, or
   * Spring's {@code TransactionAwareDataSourceProxy}. Each unit of work opens one and closes it.
   *
   * @param dataSource the transaction-aware data source, not null
   * @return the host connections, not null
   */
  static HostConnections of(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return new HostConnections() {
      @Override
      public Connection acquire() throws SQLException {
        return dataSource.getConnection();
      }

      @Override
      public void release(Connection connection) throws SQLException {
        connection.close();
      }
    };
  }

  /**
   * One connection the host holds and ends itself (commit or rollback, then close), for plain
   * JDBC: set auto-commit off before calling the adapter. Never released by the adapter. Use it
   * from one thread at a time, as a JDBC connection is.
   *
   * @param connection the host's connection, not null
   * @return the host connections, not null
   */
  static HostConnections of(Connection connection) {
    Objects.requireNonNull(connection, "connection");
    return () -> connection;
  }
}
