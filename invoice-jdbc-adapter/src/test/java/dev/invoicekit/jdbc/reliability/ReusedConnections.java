package dev.invoicekit.jdbc.reliability;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A minimal connection pool for the test suites, as a host has one: a closed connection goes back
 * to the pool (rolled back, auto-commit on) instead of being closed, so a suite that runs thousands
 * of short transactions does not pay for a new database session (a PostgreSQL backend process, a
 * MariaDB login) each time. Unbounded; connections are closed when the pool is.
 */
final class ReusedConnections implements DataSource, AutoCloseable {

  private final DataSource target;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  private final ConcurrentLinkedDeque<Connection> all = new ConcurrentLinkedDeque<>();

  ReusedConnections(DataSource target) {
    this.target = target;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection physical = idle.pollFirst();
    if (physical == null) {
      physical = target.getConnection();
      all.add(physical);
    }
    Connection lent = physical;
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            if (!lent.getAutoCommit()) {
              lent.rollback();
              lent.setAutoCommit(true);
            }
            idle.addFirst(lent);
            return null;
          }
          if (method.getName().equals("isClosed")) {
            return false;
          }
          try {
            return method.invoke(lent, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("One pool, one user");
  }

  @Override
  public void close() {
    for (Connection connection : all) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // Closing anyway; the database goes away with the test.
      }
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return target.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return target.isWrapperFor(type);
  }
}
