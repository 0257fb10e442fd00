package dev.invoicekit.jdbc.reliability;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Wraps a data source so that a chosen statement execution, or the next commit, fails with an
 * {@link SQLException} before it reaches the database, as if the connection broke at that moment.
 * Counts every statement execution ({@code execute*} on any statement) on the connections it hands
 * out. Plain {@link Proxy} forwarding, no mocking library.
 *
 * <p>Thread-safe counters; meant for one thread at a time.
 */
final class FaultInjectingDataSource {

  /**
   * A broken connection (connection_failure): transient at a statement, outcome unknown at the
   * commit. A service that should see the failure itself is built to try each command once.
   */
  static final String INJECTED_STATE = "08006";

  private final DataSource dataSource;
  private final AtomicInteger executions = new AtomicInteger();
  private volatile int failAtExecution;
  private volatile boolean failNextCommit;
  private final AtomicInteger injected = new AtomicInteger();

  FaultInjectingDataSource(DataSource target) {
    this.dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DataSource.class}, forwarding(target, (method, args) -> null,
            result -> result instanceof Connection c ? connection(c) : result));
  }

  DataSource dataSource() {
    return dataSource;
  }

  /** Counts from zero again and fails the k-th execution from now on (1 is the first). */
  void failAtExecution(int k) {
    executions.set(0);
    failAtExecution = k;
  }

  /** Fails the next commit, once. */
  void failNextCommit() {
    failNextCommit = true;
  }

  /** No more failures; counts from zero again. */
  void heal() {
    failAtExecution = 0;
    failNextCommit = false;
    executions.set(0);
  }

  /** Statement executions since the last reset. */
  int executions() {
    return executions.get();
  }

  /** Failures injected so far. */
  int injected() {
    return injected.get();
  }

  private Connection connection(Connection target) {
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Connection.class}, forwarding(target, (method, args) -> {
          if (method.equals("commit") && failNextCommit) {
            failNextCommit = false;
            injected.incrementAndGet();
            return new SQLException("Injected failure at commit", INJECTED_STATE);
          }
          return null;
        }, result -> result instanceof Statement s ? statement(s) : result));
  }

  private Statement statement(Statement target) {
    return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(),
        allStatementInterfaces(target),
        forwarding(target, (method, args) -> {
          if (method.startsWith("execute")) {
            int n = executions.incrementAndGet();
            if (n == failAtExecution) {
              injected.incrementAndGet();
              return new SQLException("Injected failure at statement execution " + n,
                  INJECTED_STATE);
            }
          }
          return null;
        }, result -> result));
  }

  /** Statement, PreparedStatement or CallableStatement, whichever the target is. */
  private static Class<?>[] allStatementInterfaces(Statement target) {
    if (target instanceof java.sql.CallableStatement) {
      return new Class<?>[] {java.sql.CallableStatement.class};
    }
    if (target instanceof java.sql.PreparedStatement) {
      return new Class<?>[] {java.sql.PreparedStatement.class};
    }
    return new Class<?>[] {Statement.class};
  }

  /** Decides before a call: null to go on, or the exception to throw instead. */
  private interface BeforeCall {
    SQLException check(String methodName, Object[] args);
  }

  private interface AfterCall {
    Object apply(Object result);
  }

  private static InvocationHandler forwarding(Object target, BeforeCall before, AfterCall after) {
    return (proxy, method, args) -> {
      SQLException failure = before.check(method.getName(), args);
      if (failure != null) {
        throw failure;
      }
      try {
        return after.apply(method.invoke(target, args));
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
  }
}
