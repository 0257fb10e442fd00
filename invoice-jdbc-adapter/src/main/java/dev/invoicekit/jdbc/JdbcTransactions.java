package dev.invoicekit.jdbc;

import dev.invoicekit.jdbc.internal.SqlErrors;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.ports.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Transactions on JDBC, in one of two modes:
 *
 * <ul>
 *   <li>{@link #of(DataSource)}: the adapter runs its own transactions, one connection per
 *       transaction, bound to the thread; a nested call joins the open one.
 *   <li>{@link #joining(HostConnections)}: the host already holds a transaction (its framework's);
 *       the adapter's statements run on that connection and the host commits or rolls back.
 * </ul>
 *
 * <p>Every port of the adapter runs its statements through the same instance, so an invoice, its
 * lines and payments, its number, its events and its idempotency key are written in one
 * transaction or not at all.
 *
 * <p>Failures are {@link InvoicePersistenceException}s classified by the adapter: a connection that
 * cannot be opened, or breaks before the commit, is
 * {@link InvoicePersistenceException.Kind#TRANSIENT transient} (nothing was committed); a
 * connection
 * lost while committing is
 * {@link InvoicePersistenceException.Kind#OUTCOME_UNKNOWN outcome unknown} (the change may or may
 * not be stored: retry with the same idempotency key, or reload and check). A transaction the host
 * holds is the host's to commit, and so is the unknown outcome of its commit.
 *
 * <p>In joining mode, a unit of work is one {@link #inTransaction} (a service command) or one port
 * call made outside it. For each unit the adapter acquires the host's connection once, refuses it
 * if it is in auto-commit mode (the writes of a command would not be atomic), marks a savepoint,
 * runs the unit's statements on it, releases the savepoint when the unit returns or rolls back to
 * it when the unit throws, and gives the connection back with {@link HostConnections#release}. So
 * a refused command (a duplicate id, a stale write) leaves nothing of itself in the host's
 * transaction and leaves that transaction usable on every database, PostgreSQL included. A read
 * by id or number outside a unit is one statement: it runs without a savepoint, on an auto-commit
 * connection as well.
 *
 * <p>Thread-safe.
 */
public final class JdbcTransactions implements Transactions {

  /** A unit of JDBC work on a connection. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;
  private final HostConnections host;
  private final ThreadLocal<Connection> current = new ThreadLocal<>();

  private JdbcTransactions(DataSource dataSource, HostConnections host) {
    this.dataSource = dataSource;
    this.host = host;
  }

  /**
   * Transactions the adapter runs itself on connections from the data source.
   *
   * @param dataSource the data source, not null
   * @return the transactions, not null
   */
  public static JdbcTransactions of(DataSource dataSource) {
    return new JdbcTransactions(Objects.requireNonNull(dataSource, "dataSource"), null);
  }

  /**
   * Transactions the host holds: statements run on the host's current connection, acquired once per
   * unit of work and released after it; see the class description.
   *
   * @param host gives and takes back the connection of the host's current transaction, not null
   * @return the transactions, not null
   */
  public static JdbcTransactions joining(HostConnections host) {
    return new JdbcTransactions(null, Objects.requireNonNull(host, "host"));
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return inTransaction(null, work);
  }

  /**
   * Runs the work like {@link #inTransaction(Supplier)}; a transaction this instance opens for it
   * runs at the given isolation level (the connection's level is restored afterwards). A joined
   * transaction, the host's or an open one, keeps its level.
   *
   * @param isolation a {@link Connection} {@code TRANSACTION_*} level, or null for the default
   */
  <T> T inTransaction(Integer isolation, Supplier<T> work) {
    Objects.requireNonNull(work, "work");
    if (current.get() != null) {
      return work.get();
    }
    if (host != null) {
      return joined(work);
    }
    Connection connection;
    boolean autoCommit;
    int previousIsolation;
    try {
      connection = dataSource.getConnection();
      autoCommit = connection.getAutoCommit();
      // Asking for the level costs a round trip on PostgreSQL: only when it is to be changed.
      previousIsolation = isolation == null ? -1 : connection.getTransactionIsolation();
      connection.setAutoCommit(false);
      if (isolation != null && isolation != previousIsolation) {
        connection.setTransactionIsolation(isolation);
      }
    } catch (SQLException e) {
      throw SqlErrors.translate("begin a transaction", e);
    }
    current.set(connection);
    try {
      T result = work.get();
      connection.commit();
      return result;
    } catch (SQLException e) {
      // Only commit() throws it here: a lost connection leaves the outcome unknown.
      rollbackQuietly(connection);
      throw SqlErrors.commitFailed(e);
    } catch (RuntimeException | Error e) {
      rollbackQuietly(connection);
      throw e;
    } finally {
      current.remove();
      try {
        if (isolation != null && isolation != previousIsolation) {
          connection.setTransactionIsolation(previousIsolation);
        }
        connection.setAutoCommit(autoCommit);
      } catch (SQLException ignored) {
        // The connection goes back to the pool, which resets it.
      }
      try {
        connection.close();
      } catch (SQLException ignored) {
        // Nothing left to do for a connection we are done with.
      }
    }
  }

  /** Runs a unit of work on the host's connection, inside a savepoint of the host's transaction. */
  private <T> T joined(Supplier<T> work) {
    Connection connection = acquire(true);
    Savepoint savepoint;
    try {
      savepoint = connection.setSavepoint();
    } catch (SQLException e) {
      RuntimeException failure =
          SqlErrors.translate("mark a savepoint in the host's transaction", e);
      releaseAfter(connection, failure);
      throw failure;
    }
    current.set(connection);
    T result;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      current.remove();
      RuntimeException failure = e;
      try {
        connection.rollback(savepoint);
      } catch (SQLException lost) {
        // The database ended the host's transaction itself (MariaDB does on a deadlock): what the
        // host did before is gone too, and a retry inside it would commit without it.
        failure = new InvoicePersistenceException("The database ended the host's transaction while"
            + " the adapter worked in it (" + e.getMessage() + "); roll the host's transaction"
            + " back and run it again", e);
        failure.addSuppressed(lost);
      }
      releaseAfter(connection, failure);
      throw failure;
    } catch (Error e) {
      current.remove();
      try {
        connection.rollback(savepoint);
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      releaseAfter(connection, e);
      throw e;
    }
    current.remove();
    try {
      connection.releaseSavepoint(savepoint);
    } catch (SQLException e) {
      RuntimeException failure =
          SqlErrors.translate("release the savepoint in the host's transaction", e);
      releaseAfter(connection, failure);
      throw failure;
    }
    release(connection);
    return result;
  }

  /**
   * The host's connection for one unit of work; refused (and released) when there is none or, for
   * a unit that writes, when it is in auto-commit mode.
   */
  private Connection acquire(boolean writes) {
    Connection connection;
    try {
      connection = host.acquire();
    } catch (SQLException e) {
      throw SqlErrors.translate("get the connection of the host's transaction", e);
    }
    if (connection == null) {
      throw new InvoicePersistenceException(
          "The host gave no connection; call the adapter inside the host's transaction");
    }
    if (writes) {
      InvoicePersistenceException refusal;
      try {
        refusal = connection.getAutoCommit() ? new InvoicePersistenceException("The host's"
            + " connection is in auto-commit mode: call the adapter inside the host's transaction"
            + " (the adapter in joining mode never commits, and a command's writes must commit"
            + " together)") : null;
      } catch (SQLException e) {
        refusal = SqlErrors.translate("ask the host's connection for its auto-commit mode", e);
      }
      if (refusal != null) {
        releaseAfter(connection, refusal);
        throw refusal;
      }
    }
    return connection;
  }

  /** Gives the connection back to the host after a successful unit. */
  private void release(Connection connection) {
    try {
      host.release(connection);
    } catch (SQLException e) {
      throw SqlErrors.translate("give the connection back to the host", e);
    }
  }

  /** Gives the connection back to the host after a failed unit; the failure stays the news. */
  private void releaseAfter(Connection connection, Throwable failure) {
    try {
      host.release(connection);
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The original failure is the one worth reporting.
    }
  }

  /**
   * Runs JDBC work on the current transaction's connection, or in a transaction of its own when
   * none is open, and translates any {@code SQLException}.
   */
  <T> T withConnection(String what, SqlWork<T> work) {
    return inTransaction(
        () -> {
          try {
            return work.run(connection());
          } catch (SQLException e) {
            throw SqlErrors.translate(what, e);
          }
        });
  }

  /**
   * Runs read work that is a single statement: inside an open transaction (the host's or this
   * instance's) like {@link #withConnection}; alone, on a connection in autocommit mode, without
   * BEGIN and COMMIT, since one statement reads one consistent snapshot anyway. A pool that hands
   * out connections in manual-commit mode gets its transaction committed. In joining mode, alone:
   * on the host's connection, in whatever mode it is, without a savepoint, released afterwards.
   */
  <T> T readOnce(String what, SqlWork<T> work) {
    if (current.get() != null) {
      return withConnection(what, work);
    }
    if (host != null) {
      Connection connection = acquire(false);
      T result;
      try {
        result = work.run(connection);
      } catch (SQLException e) {
        RuntimeException failure = SqlErrors.translate(what, e);
        releaseAfter(connection, failure);
        throw failure;
      } catch (RuntimeException | Error e) {
        releaseAfter(connection, e);
        throw e;
      }
      release(connection);
      return result;
    }
    try (Connection connection = dataSource.getConnection()) {
      if (connection.getAutoCommit()) {
        return work.run(connection);
      }
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(connection);
        throw e;
      }
    } catch (SQLException e) {
      throw SqlErrors.translate(what, e);
    }
  }

  private Connection connection() {
    return current.get();
  }
}
