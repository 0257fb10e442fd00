package dev.invoicekit.jdbc.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Wraps a data source to count the connections it hands out and the statements prepared on them,
 * so a test can tell how many round trips an operation costs.
 */
public final class CountingDataSource {

  private final DataSource dataSource;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger preparedStatements = new AtomicInteger();
  private final AtomicInteger transactionCalls = new AtomicInteger();

  public CountingDataSource(DataSource target) {
    this.dataSource = (DataSource) Proxy.newProxyInstance(
        getClass().getClassLoader(),
        new Class<?>[] {DataSource.class},
        forwarding(target, (name, result) -> {
          if (name.equals("getConnection")) {
            connections.incrementAndGet();
            return countingConnection((Connection) result);
          }
          return result;
        }));
  }

  /** The counting data source. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** Connections handed out so far. */
  public int connections() {
    return connections.get();
  }

  /** {@code prepareStatement} calls so far, on every connection handed out. */
  public int preparedStatements() {
    return preparedStatements.get();
  }

  /**
   * {@code setAutoCommit}, {@code commit} and {@code rollback} calls so far: zero when work ran
   * in autocommit mode, without BEGIN and COMMIT.
   */
  public int transactionCalls() {
    return transactionCalls.get();
  }

  /** Sets every count back to zero. */
  public void reset() {
    connections.set(0);
    preparedStatements.set(0);
    transactionCalls.set(0);
  }

  private Connection countingConnection(Connection target) {
    return (Connection) Proxy.newProxyInstance(
        getClass().getClassLoader(),
        new Class<?>[] {Connection.class},
        forwarding(target, (name, result) -> {
          if (name.equals("prepareStatement") || name.equals("prepareCall")) {
            preparedStatements.incrementAndGet();
          }
          if (name.equals("setAutoCommit") || name.equals("commit") || name.equals("rollback")) {
            transactionCalls.incrementAndGet();
          }
          return result;
        }));
  }

  /** What to do with a forwarded call's result, by method name. */
  private interface AfterCall {
    Object apply(String methodName, Object result);
  }

  private static InvocationHandler forwarding(Object target, AfterCall after) {
    return (proxy, method, args) -> {
      try {
        return after.apply(method.getName(), method.invoke(target, args));
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
  }
}
