package dev.invoicekit.jdbc.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
  private final List<String> preparedSql = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> rowsWritten = new ConcurrentHashMap<>();

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

  /** The text of every statement prepared so far, in order. */
  public List<String> preparedSql() {
    return List.copyOf(preparedSql);
  }

  /**
   * The rows that the drivers reported written (by {@code executeUpdate} and {@code executeBatch})
   * so far by statements whose text starts with {@code prefix}; an element of a batch the driver
   * reports as "succeeded, count unknown" counts as one.
   */
  public int rowsWritten(String prefix) {
    int rows = 0;
    for (Map.Entry<String, AtomicInteger> written : rowsWritten.entrySet()) {
      if (written.getKey().startsWith(prefix)) {
        rows += written.getValue().get();
      }
    }
    return rows;
  }

  /** Sets every count back to zero. */
  public void reset() {
    connections.set(0);
    preparedStatements.set(0);
    transactionCalls.set(0);
    preparedSql.clear();
    rowsWritten.clear();
  }

  private Connection countingConnection(Connection target) {
    return (Connection) Proxy.newProxyInstance(
        getClass().getClassLoader(),
        new Class<?>[] {Connection.class},
        forwardingWithArguments(target, (name, args, result) -> {
          if (name.equals("prepareStatement") || name.equals("prepareCall")) {
            preparedStatements.incrementAndGet();
            String sql = (String) args[0];
            preparedSql.add(sql);
            if (name.equals("prepareStatement")) {
              return countingStatement((PreparedStatement) result, sql);
            }
          }
          if (name.equals("setAutoCommit") || name.equals("commit") || name.equals("rollback")) {
            transactionCalls.incrementAndGet();
          }
          return result;
        }));
  }

  private PreparedStatement countingStatement(PreparedStatement target, String sql) {
    return (PreparedStatement) Proxy.newProxyInstance(
        getClass().getClassLoader(),
        new Class<?>[] {PreparedStatement.class},
        forwarding(target, (name, result) -> {
          int rows = 0;
          if (name.equals("executeUpdate")) {
            rows = (Integer) result;
          } else if (name.equals("executeBatch")) {
            for (int count : (int[]) result) {
              rows += count == Statement.SUCCESS_NO_INFO ? 1 : Math.max(0, count);
            }
          }
          if (rows > 0) {
            rowsWritten.computeIfAbsent(sql, k -> new AtomicInteger()).addAndGet(rows);
          }
          return result;
        }));
  }

  /** What to do with a forwarded call's result, by method name and arguments. */
  private interface AfterCallWithArguments {
    Object apply(String methodName, Object[] args, Object result);
  }

  private static InvocationHandler forwardingWithArguments(Object target,
      AfterCallWithArguments after) {
    return (proxy, method, args) -> {
      try {
        return after.apply(method.getName(), args, method.invoke(target, args));
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
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
