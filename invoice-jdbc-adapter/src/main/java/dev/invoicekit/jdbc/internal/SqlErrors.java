package dev.invoicekit.jdbc.internal;

import dev.invoicekit.ports.DuplicateInvoiceException;
import dev.invoicekit.ports.InvoicePersistenceException;
import java.sql.SQLException;
import java.util.Set;

/**
 * The one place that decides what a database error means: retryable (serialization failures and
 * deadlocks), a unique-key violation, or anything else. Every {@code SQLException} passes through
 * here and leaves as an {@link InvoicePersistenceException}.
 */
public final class SqlErrors {

  /** SQLSTATEs worth a retry: PostgreSQL serialization failure and deadlock, generic 40xxx. */
  private static final Set<String> RETRYABLE_STATES = Set.of("40001", "40P01");
  /** Vendor codes worth a retry: MariaDB 1020 (record changed), 1213 (deadlock), 1205 (lock
   * wait timeout); H2 90131 (concurrent update), 40001 (deadlock). */
  private static final Set<Integer> RETRYABLE_CODES = Set.of(1020, 1213, 1205, 90131, 40001);
  /** Unique-key violations: SQLSTATE 23505 (PostgreSQL, H2), MariaDB 1062. */
  private static final String UNIQUE_STATE = "23505";
  private static final int MARIADB_DUPLICATE = 1062;

  private SqlErrors() {}

  /**
   * True if the whole transaction may succeed when tried again.
   *
   * @param e the error
   * @return whether it is transient
   */
  public static boolean isRetryable(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && (RETRYABLE_STATES.contains(sql.getSQLState())
              || RETRYABLE_CODES.contains(sql.getErrorCode()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * True for a unique-key violation.
   *
   * @param e the error
   * @return whether a unique constraint refused the write
   */
  public static boolean isUniqueViolation(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && (UNIQUE_STATE.equals(sql.getSQLState()) || sql.getErrorCode() == MARIADB_DUPLICATE)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Turns a database error into the library's unchecked exception.
   *
   * @param what what was being done, for the message, such as "save invoice inv-1"
   * @param e the error
   * @return the exception to throw
   */
  public static InvoicePersistenceException translate(String what, SQLException e) {
    String message = "Could not " + what + ": " + e.getMessage() + " (SQLSTATE " + e.getSQLState()
        + ", code " + e.getErrorCode() + ")";
    if (isRetryable(e)) {
      return new TransientPersistenceException(message, e);
    }
    if (isUniqueViolation(e)) {
      DuplicateInvoiceException duplicate = new DuplicateInvoiceException(message);
      duplicate.initCause(e);
      return duplicate;
    }
    return new InvoicePersistenceException(message, e);
  }

  /**
   * A failure that is known to go away when the whole transaction is tried again, such as losing
   * the race to insert the first row of a counter.
   *
   * @param message what failed and why a retry helps
   * @param cause the underlying error
   * @return the retryable exception to throw
   */
  public static InvoicePersistenceException retryable(String message, SQLException cause) {
    return new TransientPersistenceException(message, cause);
  }

  /**
   * A failure without a database error that a new attempt of the whole transaction resolves.
   *
   * @param message what failed and why a retry helps
   * @return the retryable exception to throw
   */
  public static InvoicePersistenceException retryable(String message) {
    return new TransientPersistenceException(message, null);
  }

  /** A failure that a new attempt of the whole transaction may not meet again. */
  public static final class TransientPersistenceException extends InvoicePersistenceException {

    private static final long serialVersionUID = 1L;

    TransientPersistenceException(String message, Throwable cause) {
      super(message, cause, Kind.TRANSIENT);
    }
  }
}
