package dev.invoicekit.jdbc.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Wraps a data source to count what an operation costs: the connections it takes, the statements
 * it prepares, its transaction calls, the rows it writes, and its round trips to the database
 * server.
 *
 * <p>A <em>round trip</em> is one JDBC call that sends a request to the server and waits for its
 * answer:
 *
 * <ul>
 *   <li>each execution of a statement, prepared or plain: {@code execute}, {@code executeQuery},
 *       {@code executeUpdate}, {@code executeLargeUpdate}, and {@code executeBatch} or
 *       {@code executeLargeBatch}, which count as <em>one</em> round trip whatever the batch holds
 *       (see below);
 *   <li>{@code commit}, {@code rollback()} and {@code rollback(Savepoint)};
 *   <li>{@code setAutoCommit} when it changes the mode (switching it off stands for the BEGIN of a
 *       transaction, switching it back on for the reset a pool would otherwise make), not when it
 *       leaves the mode as it was;
 *   <li>{@code setSavepoint} and {@code releaseSavepoint};
 *   <li>{@code setTransactionIsolation} and {@code getTransactionIsolation} (the PostgreSQL driver
 *       asks the server: {@code SHOW TRANSACTION ISOLATION LEVEL});
 *   <li>{@code isValid}.
 * </ul>
 *
 * <p>Not counted: {@code getConnection} (with a pool, taking a connection costs none; the
 * {@linkplain #connections() connections} are counted on their own), {@code prepareStatement}
 * (the PostgreSQL driver sends the parse with the first execution, and MariaDB Connector/J
 * prepares on the client unless told otherwise), {@code getAutoCommit}, closing statements and
 * result sets, and fetching rows (the drivers read a whole result with its execution unless a
 * fetch size is set, which the adapter never does).
 *
 * <p>This is a count at the JDBC interface, the same for every driver, which is what a budget
 * can hold on every database; docs/BENCHMARKS.md ("Round-trip budgets") says where a driver sends
 * fewer messages than it counts (the PostgreSQL driver sends no message for
 * {@code setAutoCommit}: it puts BEGIN in front of the next statement). A batch counts as one:
 * the PostgreSQL driver sends every element of a batch before it reads an answer (and with
 * {@code reWriteBatchedInserts} rewrites inserts into multi-row ones), and MariaDB Connector/J
 * pipelines the elements; the PostgreSQL driver stops to read answers after about 256 elements,
 * so only larger batches (a full sweep batch of 500 events) take more than one network exchange.
 *
 * <p>Every {@link Connection}, {@link Statement}, {@link PreparedStatement} and
 * {@link CallableStatement} handed out is wrapped. Thread-safe: the counts are shared by all
 * threads.
 */
public final class CountingDataSource {

  /** Statement methods that execute: one round trip each. */
  private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate",
      "executeLargeUpdate", "executeBatch", "executeLargeBatch");

  /** Connection methods that always go to the server. */
  private static final Set<String> CONNECTION_ROUND_TRIPS = Set.of("commit", "rollback",
      "setSavepoint", "releaseSavepoint", "setTransactionIsolation", "getTransactionIsolation",
      "isValid");

  /**
   * One round trip: the JDBC call and, for a statement's execution, its SQL (null otherwise).
   *
   * @param call the JDBC method and, for {@code setAutoCommit}, its argument
   * @param sql the statement executed, or null for a call of the connection
   */
  public record RoundTrip(String call, String sql) {

    /** Whether this round trip executed a statement. */
    public boolean isStatement() {
      return sql != null;
    }

    @Override
    public String toString() {
      return sql == null ? call : call + " " + sql;
    }
  }

  private final DataSource dataSource;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger preparedStatements = new AtomicInteger();
  private final AtomicInteger transactionCalls = new AtomicInteger();
  private final List<String> preparedSql = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> rowsWritten = new ConcurrentHashMap<>();
  private final List<RoundTrip> roundTrips = new CopyOnWriteArrayList<>();

  /**
   * Wraps a data source.
   *
   * @param target the data source whose connections are counted, not null
   */
  public CountingDataSource(DataSource target) {
    this.dataSource = proxy(DataSource.class, target, (method, args, call) -> {
      Object result = call.proceed();
      if (method.getName().equals("getConnection")) {
        connections.incrementAndGet();
        return countingConnection((Connection) result);
      }
      return result;
    });
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

  /** Round trips so far, as the class description counts them. */
  public int roundTrips() {
    return roundTrips.size();
  }

  /** Statements executed so far: the round trips that executed a statement (a batch is one). */
  public int statements() {
    return (int) roundTrips.stream().filter(RoundTrip::isStatement).count();
  }

  /** Every round trip so far, in order. */
  public List<RoundTrip> roundTripLog() {
    return List.copyOf(roundTrips);
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
    roundTrips.clear();
  }

  private Connection countingConnection(Connection target) {
    return proxy(Connection.class, target, (method, args, call) -> {
      String name = method.getName();
      if (name.equals("setAutoCommit")) {
        transactionCalls.incrementAndGet();
        boolean mode = (Boolean) args[0];
        boolean changes = target.getAutoCommit() != mode;
        Object result = call.proceed();
        if (changes) {
          roundTrips.add(new RoundTrip("setAutoCommit(" + mode + ")", null));
        }
        return result;
      }
      if (name.equals("commit") || name.equals("rollback")) {
        transactionCalls.incrementAndGet();
      }
      if (CONNECTION_ROUND_TRIPS.contains(name)) {
        Object result = call.proceed();
        roundTrips.add(new RoundTrip(name, null));
        return result;
      }
      Object result = call.proceed();
      if (name.equals("prepareStatement") || name.equals("prepareCall")) {
        preparedStatements.incrementAndGet();
        String sql = (String) args[0];
        preparedSql.add(sql);
        return countingStatement(method.getReturnType(), result, sql);
      }
      if (name.equals("createStatement")) {
        return countingStatement(Statement.class, result, null);
      }
      return result;
    });
  }

  /**
   * Wraps a statement as the interface the connection's method returned. {@code preparedSql} is
   * the text of a prepared or callable statement, null for a plain one, whose text comes with each
   * execution (or, for a batch, with {@code addBatch}).
   */
  private Object countingStatement(Class<?> type, Object target, String preparedSql) {
    List<String> batched = new CopyOnWriteArrayList<>();
    return proxy(type, target, (method, args, call) -> {
      String name = method.getName();
      if (preparedSql == null && name.equals("addBatch") && args != null) {
        batched.add((String) args[0]);
      }
      if (preparedSql == null && name.equals("clearBatch")) {
        batched.clear();
      }
      Object result = call.proceed();
      if (!EXECUTIONS.contains(name)) {
        return result;
      }
      String sql = preparedSql;
      if (sql == null) {
        sql = args != null && args.length > 0 ? (String) args[0] : String.join("; ", batched);
        if (name.endsWith("Batch")) {
          batched.clear();
        }
      }
      roundTrips.add(new RoundTrip(name, sql));
      countRows(sql, result);
      return result;
    });
  }

  private void countRows(String sql, Object result) {
    long rows = 0;
    if (result instanceof Integer || result instanceof Long) {
      rows = ((Number) result).longValue();
    } else if (result instanceof int[]) {
      for (int count : (int[]) result) {
        rows += count == Statement.SUCCESS_NO_INFO ? 1 : Math.max(0, count);
      }
    } else if (result instanceof long[]) {
      for (long count : (long[]) result) {
        rows += count == Statement.SUCCESS_NO_INFO ? 1 : Math.max(0, count);
      }
    }
    if (rows > 0) {
      rowsWritten.computeIfAbsent(sql, k -> new AtomicInteger()).addAndGet((int) rows);
    }
  }

  /** The forwarded call, made when the interceptor says so. */
  @FunctionalInterface
  private interface Call {
    Object proceed() throws Throwable;
  }

  /** What a proxy does around each forwarded call. */
  @FunctionalInterface
  private interface Interceptor {
    Object intercept(Method method, Object[] args, Call call) throws Throwable;
  }

  private <T> T proxy(Class<T> type, Object target, Interceptor interceptor) {
    InvocationHandler handler = (proxy, method, args) -> interceptor.intercept(method, args, () -> {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    });
    return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
        handler));
  }
}
