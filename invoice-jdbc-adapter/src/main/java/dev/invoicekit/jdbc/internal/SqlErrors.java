package dev.invoicekit.jdbc.internal;

import dev.invoicekit.ports.DuplicateInvoiceException;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.ports.InvoicePersistenceException.Kind;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one place that decides what a database error means, and the one place that words it. Every
 * {@code SQLException} of the adapter passes through here and leaves as an
 * {@link InvoicePersistenceException} whose {@link Kind} the host acts on, whose message the
 * library writes (what failed, the kind in words, the SQLSTATE and vendor code, what to do) and
 * whose cause is the driver's exception. The driver's message never reaches the library's message:
 * PostgreSQL's quotes the failing row and a batch's statement with its bound values, MariaDB's and
 * H2's name the schema, the table and the key.
 *
 * <p>How an error is classified, first match wins, over the exception and its causes:
 *
 * <ol>
 *   <li>the vendor code, then the SQLSTATE, in {@link #CODES}: one table for H2 2.x, PostgreSQL
 *       (pgjdbc) and MariaDB/MySQL (Connector/J 3.x);
 *   <li>SQLSTATE class {@code 08} (connection exception), from any database or pool;
 *   <li>a SQLSTATE class that names a definite refusal ({@link #REFUSAL_CLASSES}: data, integrity,
 *       authorization, syntax and access, a trigger's own error): permanent, whatever the exception
 *       type says. MariaDB Connector/J throws {@code SQLTransientConnectionException} for every
 *       SQLSTATE class it does not know, a trigger's {@code SIGNAL SQLSTATE '45000'} included;
 *   <li>the JDBC exception type: {@link SQLTransientException} and its subtypes,
 *       {@link SQLRecoverableException} and {@link SQLNonTransientConnectionException} are
 *       transient (a refused connection is transient for the host: the server comes back);
 *   <li>anything else is permanent.
 * </ol>
 *
 * <p>Stateless and thread-safe.
 */
public final class SqlErrors {

  /** What went wrong, in the words of the library's message, and what it means for a retry. */
  public enum Reason {
    /** The connection failed: refused, broken, closed, or ended by the server. */
    CONNECTION(Kind.TRANSIENT, "the connection to the database failed (refused, broken or closed"
        + " by the server)", "retry the whole command later, once the database is reachable"),
    /** The server is up but takes no new work: starting, shutting down, at its connection limit. */
    UNAVAILABLE(Kind.TRANSIENT, "the database is not accepting connections now (starting up,"
        + " shutting down or at its connection limit)", "retry the whole command later"),
    /** The transaction lost to a concurrent one. */
    CONFLICT(Kind.TRANSIENT, "the transaction conflicted with a concurrent one (serialization"
        + " failure, deadlock or lock timeout)", "retry the whole command"),
    /** The statement was cancelled or ran out of time. */
    CANCELLED(Kind.TRANSIENT, "the statement was cancelled or ran out of time",
        "retry the whole command later; if it keeps happening, look at the database's load and"
            + " timeouts"),
    /** The driver calls the failure transient without saying more. */
    TRANSIENT_OTHER(Kind.TRANSIENT, "the driver reports a transient failure",
        "retry the whole command later"),
    /** A unique key refused the write. */
    DUPLICATE(Kind.PERMANENT, "a unique key refused the write (an id, number or key is already"
        + " taken)", "do not retry with the same values"),
    /** A constraint, a value, the schema, a permission or the configuration refused the work. */
    REFUSED(Kind.PERMANENT, "the database refused the statement (a constraint, a value, the"
        + " schema, a permission or the configuration)",
        "do not retry: fix the input, the schema or the database configuration");

    private final Kind kind;
    private final String words;
    private final String advice;

    Reason(Kind kind, String words, String advice) {
      this.kind = kind;
      this.words = words;
      this.advice = advice;
    }

    /**
     * What the reason means for the command.
     *
     * @return the kind, not null
     */
    public Kind kind() {
      return kind;
    }
  }

  /**
   * One row of the table: a vendor code of one database, or a SQLSTATE, and what it means.
   *
   * @param database H2, PostgreSQL or MariaDB (for MariaDB also MySQL clients), or any, for the
   *     reader
   * @param sqlState the SQLSTATE, or null when the row is a vendor code
   * @param vendorCode the vendor code, or 0 when the row is a SQLSTATE
   * @param reason what it means
   * @param name the database's own name for the condition
   */
  record Code(String database, String sqlState, int vendorCode, Reason reason, String name) {}

  private static Code state(String database, String sqlState, Reason reason, String name) {
    return new Code(database, sqlState, 0, reason, name);
  }

  private static Code vendor(String database, int vendorCode, Reason reason, String name) {
    return new Code(database, null, vendorCode, reason, name);
  }

  /**
   * The table. Vendor codes do not collide between the three databases (PostgreSQL's is always 0,
   * H2's are its SQLSTATEs as numbers, MariaDB's are below 5000); a vendor code is looked up before
   * the SQLSTATE. Sources: the PostgreSQL manual's appendix "PostgreSQL Error Codes", MariaDB's
   * error code reference, H2's {@code org.h2.api.ErrorCode}, and what the drivers throw in the
   * adapter's tests.
   */
  static final List<Code> CODES = List.of(
      // Unique keys.
      state("PostgreSQL, H2", "23505", Reason.DUPLICATE, "unique_violation"),
      vendor("MariaDB", 1062, Reason.DUPLICATE, "ER_DUP_ENTRY (SQLSTATE 23000)"),
      // PostgreSQL (pgjdbc throws PSQLException for all of them; its vendor code is 0).
      state("any", "40001", Reason.CONFLICT, "serialization_failure"),
      state("PostgreSQL", "40P01", Reason.CONFLICT, "deadlock_detected"),
      state("PostgreSQL", "55P03", Reason.CONFLICT, "lock_not_available (lock_timeout, NOWAIT)"),
      state("PostgreSQL", "57014", Reason.CANCELLED,
          "query_canceled (statement_timeout, cancel request)"),
      state("PostgreSQL", "57P01", Reason.CONNECTION,
          "admin_shutdown (server stopped, backend terminated)"),
      state("PostgreSQL", "57P02", Reason.CONNECTION, "crash_shutdown"),
      state("PostgreSQL", "57P03", Reason.UNAVAILABLE, "cannot_connect_now (starting up)"),
      state("PostgreSQL", "57P05", Reason.CONNECTION, "idle_session_timeout"),
      state("PostgreSQL", "53300", Reason.UNAVAILABLE, "too_many_connections"),
      // MariaDB / MySQL server codes.
      vendor("MariaDB", 1020, Reason.CONFLICT, "ER_CHECKREAD (record changed since last read)"),
      vendor("MariaDB", 1205, Reason.CONFLICT, "ER_LOCK_WAIT_TIMEOUT (SQLSTATE HY000)"),
      vendor("MariaDB", 1213, Reason.CONFLICT, "ER_LOCK_DEADLOCK (SQLSTATE 40001)"),
      vendor("MariaDB", 1040, Reason.UNAVAILABLE, "ER_CON_COUNT_ERROR (SQLSTATE 08004)"),
      vendor("MariaDB", 1053, Reason.CONNECTION, "ER_SERVER_SHUTDOWN (SQLSTATE 08S01)"),
      vendor("MariaDB", 1927, Reason.CONNECTION, "ER_CONNECTION_KILLED (SQLSTATE 70100)"),
      vendor("MariaDB", 1317, Reason.CANCELLED, "ER_QUERY_INTERRUPTED (SQLSTATE 70100)"),
      vendor("MariaDB", 1969, Reason.CANCELLED,
          "ER_STATEMENT_TIMEOUT, max_statement_time (SQLSTATE 70100)"),
      state("MariaDB", "70100", Reason.CANCELLED, "query interrupted"),
      // MariaDB / MySQL client codes (Connector/C, MySQL Connector/J); Connector/J 3.x reports a
      // lost or refused connection as SQLSTATE 08000 instead (vendor code -1, 0 or 1220).
      vendor("MariaDB", 2002, Reason.CONNECTION, "CR_CONNECTION_ERROR"),
      vendor("MariaDB", 2003, Reason.CONNECTION, "CR_CONN_HOST_ERROR"),
      vendor("MariaDB", 2006, Reason.CONNECTION, "CR_SERVER_GONE_ERROR"),
      vendor("MariaDB", 2013, Reason.CONNECTION, "CR_SERVER_LOST"),
      // H2 2.x (its SQLSTATE is mostly the vendor code as text).
      vendor("H2", 90131, Reason.CONFLICT, "CONCURRENT_UPDATE_1"),
      vendor("H2", 40001, Reason.CONFLICT, "DEADLOCK_1"),
      vendor("H2", 50200, Reason.CONFLICT, "LOCK_TIMEOUT_1 (SQLSTATE HYT00)"),
      vendor("H2", 57014, Reason.CANCELLED, "STATEMENT_WAS_CANCELED"),
      vendor("H2", 90067, Reason.CONNECTION, "CONNECTION_BROKEN_1"),
      vendor("H2", 90098, Reason.CONNECTION, "DATABASE_IS_CLOSED"),
      vendor("H2", 90121, Reason.CONNECTION, "DATABASE_CALLED_AT_SHUTDOWN"),
      // H2 reports these configuration errors as SQLNonTransientConnectionException; a retry
      // meets them again.
      vendor("H2", 90011, Reason.REFUSED, "URL_RELATIVE_TO_CWD"),
      vendor("H2", 90013, Reason.REFUSED, "DATABASE_NOT_FOUND_1"),
      vendor("H2", 90030, Reason.REFUSED, "FILE_CORRUPTED_1"),
      vendor("H2", 90046, Reason.REFUSED, "URL_FORMAT_ERROR_2"),
      vendor("H2", 90047, Reason.REFUSED, "DRIVER_VERSION_ERROR_2"),
      vendor("H2", 90048, Reason.REFUSED, "FILE_VERSION_ERROR_1"),
      vendor("H2", 90049, Reason.REFUSED, "FILE_ENCRYPTION_ERROR_1"),
      vendor("H2", 90050, Reason.REFUSED, "WRONG_PASSWORD_FORMAT"),
      vendor("H2", 90055, Reason.REFUSED, "UNSUPPORTED_CIPHER"),
      vendor("H2", 90060, Reason.REFUSED, "UNSUPPORTED_LOCK_METHOD_1"),
      vendor("H2", 90066, Reason.REFUSED, "DUPLICATE_PROPERTY_1"),
      vendor("H2", 90088, Reason.REFUSED, "UNKNOWN_MODE_1"),
      vendor("H2", 90113, Reason.REFUSED, "UNSUPPORTED_SETTING_1"),
      vendor("H2", 90117, Reason.REFUSED, "REMOTE_CONNECTION_NOT_ALLOWED"),
      vendor("H2", 90133, Reason.REFUSED, "CANNOT_CHANGE_SETTING_WHEN_OPEN_1"),
      vendor("H2", 90138, Reason.REFUSED, "INVALID_DATABASE_NAME_1"),
      vendor("H2", 90144, Reason.REFUSED, "AUTHENTICATOR_NOT_AVAILABLE"),
      vendor("H2", 90146, Reason.REFUSED, "DATABASE_NOT_FOUND_WITH_IF_EXISTS_1"),
      vendor("H2", 90149, Reason.REFUSED, "REMOTE_DATABASE_NOT_FOUND_1"));

  /**
   * SQLSTATE classes that name a definite refusal, permanent whatever the exception type: feature
   * not supported, cardinality, data, integrity, triggered data change, invalid authorization, SQL
   * routine, invalid catalog (no such database), invalid schema, syntax or access rule, with check
   * option, unhandled user-defined exception (MySQL/MariaDB {@code SIGNAL}), PL/pgSQL
   * {@code RAISE}.
   */
  static final Set<String> REFUSAL_CLASSES = Set.of(
      "0A", "21", "22", "23", "27", "28", "2F", "3D", "3F", "42", "44", "45", "P0");

  private static final String CONNECTION_CLASS = "08";
  private static final int MAX_CHAIN = 16;
  /** What a SQLSTATE looks like; anything else a driver puts there is not repeated. */
  private static final Pattern SQL_STATE = Pattern.compile("[0-9A-Z]{5}");

  private static final Map<Integer, Reason> BY_VENDOR_CODE = new HashMap<>();
  private static final Map<String, Reason> BY_STATE = new HashMap<>();

  static {
    for (Code code : CODES) {
      Reason earlier = code.sqlState() == null
          ? BY_VENDOR_CODE.put(code.vendorCode(), code.reason())
          : BY_STATE.put(code.sqlState(), code.reason());
      if (earlier != null) {
        throw new IllegalStateException("Two rows for " + code);
      }
    }
  }

  private SqlErrors() {}

  /** What decided: the reason and the exception of the chain that gave it. */
  private record Verdict(Reason reason, SQLException source) {}

  /**
   * Why the database failed, by the rules in this class's description.
   *
   * @param e the error, not null
   * @return the reason, not null
   */
  public static Reason reasonOf(SQLException e) {
    return verdict(e).reason();
  }

  /**
   * What the error means for the command: transient or permanent (never outcome unknown: only a
   * failed commit can be that, see {@link #commitFailed}).
   *
   * @param e the error, not null
   * @return the kind, not null
   */
  public static Kind kindOf(SQLException e) {
    return reasonOf(e).kind();
  }

  /**
   * True for a unique-key violation.
   *
   * @param e the error
   * @return whether a unique constraint refused the write
   */
  public static boolean isUniqueViolation(SQLException e) {
    return reasonOf(e) == Reason.DUPLICATE;
  }

  /**
   * Turns a database error into the library's unchecked exception: a
   * {@link DuplicateInvoiceException} for a unique key, otherwise an
   * {@link InvoicePersistenceException} of the error's kind. The message says what failed, why in
   * the library's words, the SQLSTATE and vendor code and what to do; the error is the cause.
   *
   * @param what what was being done, for the message, such as "save invoice inv-1"; names the
   *     command and ids, never customer data
   * @param e the error, not null
   * @return the exception to throw, not null
   */
  public static InvoicePersistenceException translate(String what, SQLException e) {
    Verdict verdict = verdict(e);
    Reason reason = verdict.reason();
    String message = "Could not " + what + ": " + reason.words + "; a "
        + reason.kind().name().toLowerCase(Locale.ROOT) + " failure (" + codes(verdict.source())
        + "). " + capitalized(reason.advice) + ". The driver's exception is the cause.";
    if (reason == Reason.DUPLICATE) {
      DuplicateInvoiceException duplicate = new DuplicateInvoiceException(message);
      duplicate.initCause(e);
      return duplicate;
    }
    return new InvoicePersistenceException(message, e, reason.kind());
  }

  /**
   * Turns a failure of {@code Connection.commit()} into the library's exception. A lost connection
   * leaves the outcome unknown: the server may have committed before the answer was lost, so the
   * result is {@link Kind#OUTCOME_UNKNOWN}; any other failure is translated as by
   * {@link #translate} (the database answered, so nothing was committed).
   *
   * @param e the commit's error, not null
   * @return the exception to throw, not null
   */
  public static InvoicePersistenceException commitFailed(SQLException e) {
    Verdict verdict = verdict(e);
    if (verdict.reason() != Reason.CONNECTION) {
      return translate("commit the transaction", e);
    }
    return new InvoicePersistenceException("Could not commit the transaction: the connection was"
        + " lost while committing (" + codes(verdict.source()) + "): the change may or may not be"
        + " stored; retry with the same idempotency key, which replays the first result if it was"
        + " stored, or reload and check before acting again. The driver's exception is the cause.",
        e, Kind.OUTCOME_UNKNOWN);
  }

  /**
   * A failure that is known to go away when the whole transaction is tried again, such as losing
   * the race to insert the first row of a counter.
   *
   * @param message what failed and why a retry helps, written by the library
   * @param cause the underlying error
   * @return the transient exception to throw
   */
  public static InvoicePersistenceException retryable(String message, SQLException cause) {
    return new InvoicePersistenceException(message, cause, Kind.TRANSIENT);
  }

  /**
   * A failure without a database error that a new attempt of the whole transaction resolves.
   *
   * @param message what failed and why a retry helps, written by the library
   * @return the transient exception to throw
   */
  public static InvoicePersistenceException retryable(String message) {
    return new InvoicePersistenceException(message, Kind.TRANSIENT);
  }

  private static Verdict verdict(SQLException e) {
    List<SQLException> chain = chain(e);
    for (SQLException sql : chain) {
      Reason reason = byCode(sql);
      if (reason != null) {
        return new Verdict(reason, sql);
      }
    }
    for (SQLException sql : chain) {
      Reason reason = byType(sql);
      if (reason != null) {
        return new Verdict(reason, sql);
      }
    }
    return new Verdict(Reason.REFUSED, e);
  }

  /** The exception, its causes and next exceptions that are {@code SQLException}s, in order. */
  private static List<SQLException> chain(SQLException e) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<SQLException> chain = new ArrayList<>();
    Deque<Throwable> todo = new ArrayDeque<>();
    todo.add(e);
    while (!todo.isEmpty() && chain.size() < MAX_CHAIN) {
      Throwable t = todo.removeFirst();
      if (!seen.add(t)) {
        continue;
      }
      if (t instanceof SQLException sql) {
        chain.add(sql);
        if (sql.getNextException() != null) {
          todo.addLast(sql.getNextException());
        }
      }
      if (t.getCause() != null) {
        todo.addLast(t.getCause());
      }
    }
    return chain;
  }

  /** Steps 1 to 3: the table, the connection class, the refusal classes; null if none applies. */
  private static Reason byCode(SQLException sql) {
    int vendorCode = sql.getErrorCode();
    if (vendorCode > 0 && BY_VENDOR_CODE.containsKey(vendorCode)) {
      return BY_VENDOR_CODE.get(vendorCode);
    }
    String state = sql.getSQLState();
    if (state == null || state.length() < 2) {
      return null;
    }
    state = state.toUpperCase(Locale.ROOT);
    Reason reason = BY_STATE.get(state);
    if (reason != null) {
      return reason;
    }
    String sqlClass = state.substring(0, 2);
    if (CONNECTION_CLASS.equals(sqlClass)) {
      return Reason.CONNECTION;
    }
    return REFUSAL_CLASSES.contains(sqlClass) ? Reason.REFUSED : null;
  }

  /** Step 4: the JDBC exception type; null if it says nothing. */
  private static Reason byType(SQLException sql) {
    if (sql instanceof SQLTransientConnectionException
        || sql instanceof SQLNonTransientConnectionException
        || sql instanceof SQLRecoverableException) {
      return Reason.CONNECTION;
    }
    if (sql instanceof SQLTransactionRollbackException) {
      return Reason.CONFLICT;
    }
    if (sql instanceof SQLTimeoutException) {
      return Reason.CANCELLED;
    }
    return sql instanceof SQLTransientException ? Reason.TRANSIENT_OTHER : null;
  }

  private static String codes(SQLException sql) {
    String state = sql.getSQLState();
    return "SQLSTATE " + (state == null ? "none"
        : SQL_STATE.matcher(state).matches() ? state : "not standard")
        + ", vendor code " + sql.getErrorCode();
  }

  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
