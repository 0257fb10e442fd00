package dev.invoicekit.benchmarks.support;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that counts what its connections send to the database: statements and round
 * trips. Used once in a benchmark's setup, never while timing, to report the cost of one
 * operation as a count. The counts are taken at the JDBC calls, as the PostgreSQL driver sends
 * them:
 *
 * <ul>
 *   <li>statements: every {@code execute...} call counts one, a batch counts its entries, and
 *       {@code commit}, {@code rollback} and savepoint calls count one each (they are statements
 *       on the server: COMMIT, ROLLBACK, SAVEPOINT, RELEASE);
 *   <li>round trips: every {@code execute...} call and every batch counts one (the driver sends a
 *       batch in one exchange), and so do {@code commit}, {@code rollback}, the savepoint calls,
 *       {@code setTransactionIsolation} and {@code getTransactionIsolation} (both a statement of
 *       the driver's), and {@code setAutoCommit(true)} while a transaction has sent statements
 *       (it commits). The driver's BEGIN travels with the first statement and costs none.
 * </ul>
 *
 * <p>Thread-safe; the counts are shared by every connection of the data source.
 */
public final class CountingDataSource implements DataSource {

  private final DataSource target;
  private final AtomicLong statements = new AtomicLong();
  private final AtomicLong roundTrips = new AtomicLong();

  /**
   * Wraps a data source.
   *
   * @param target the data source whose connections are counted, not null
   */
  public CountingDataSource(DataSource target) {
    this.target = target;
  }

  /**
   * What was counted since the last {@link #reset()}.
   *
   * @param statements the statements
   * @param roundTrips the round trips
   */
  public record Counts(long statements, long roundTrips) {

    @Override
    public String toString() {
      return statements + " statements, " + roundTrips + " round trips";
    }
  }

  /** Starts counting from zero. */
  public void reset() {
    statements.set(0);
    roundTrips.set(0);
  }

  /**
   * The counts since the last {@link #reset()}.
   *
   * @return the counts
   */
  public Counts counts() {
    return new Counts(statements.get(), roundTrips.get());
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(target.getConnection());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return wrap(target.getConnection(user, password));
  }

  private Connection wrap(Connection connection) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new ConnectionHandler(connection));
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Counts the connection's own round trips and wraps the statements it makes. */
  private final class ConnectionHandler implements InvocationHandler {

    private final Connection connection;
    private boolean autoCommit = true;
    private boolean dirty;

    ConnectionHandler(Connection connection) {
      this.connection = connection;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      switch (name) {
        case "commit", "rollback", "setSavepoint", "releaseSavepoint" -> {
          statements.incrementAndGet();
          roundTrips.incrementAndGet();
          if (!name.contains("avepoint") && (args == null || args.length == 0)) {
            dirty = false;
          }
        }
        case "setTransactionIsolation", "getTransactionIsolation" ->
            roundTrips.incrementAndGet();
        case "setAutoCommit" -> {
          boolean on = (Boolean) args[0];
          if (on && !autoCommit && dirty) {
            statements.incrementAndGet();
            roundTrips.incrementAndGet();
            dirty = false;
          }
          autoCommit = on;
        }
        case "unwrap", "isWrapperFor" -> {
          return CountingDataSource.invoke(connection, method, args);
        }
        default -> {
          // Nothing sent by itself.
        }
      }
      Object result = CountingDataSource.invoke(connection, method, args);
      if (result instanceof Statement statement) {
        Class<?> type = name.equals("prepareCall") ? java.sql.CallableStatement.class
            : name.equals("prepareStatement") ? java.sql.PreparedStatement.class
            : Statement.class;
        return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {type},
            new StatementHandler(statement, this));
      }
      return result;
    }
  }

  /** Counts executions and batches. */
  private final class StatementHandler implements InvocationHandler {

    private final Statement statement;
    private final ConnectionHandler connection;
    private long batched;

    StatementHandler(Statement statement, ConnectionHandler connection) {
      this.statement = statement;
      this.connection = connection;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (name.equals("addBatch")) {
        batched++;
      } else if (name.equals("clearBatch")) {
        batched = 0;
      } else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
        if (batched > 0) {
          statements.addAndGet(batched);
          roundTrips.incrementAndGet();
          connection.dirty = !connection.autoCommit;
        }
        batched = 0;
      } else if (name.startsWith("execute")) {
        statements.incrementAndGet();
        roundTrips.incrementAndGet();
        connection.dirty = !connection.autoCommit;
      }
      return CountingDataSource.invoke(statement, method, args);
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
