package dev.invoicekit.ports;

import java.util.Objects;

/**
 * The root of the exceptions a port implementation throws when storage fails; unchecked, so no
 * {@code SQLException} or driver type escapes into the host's code. Its {@link #kind()} tells the
 * host what to do with the command that failed:
 *
 * <ul>
 *   <li>{@link Kind#TRANSIENT}: nothing was stored; try the whole command again later (a lost race,
 *       a deadlock, a database that is restarting or unreachable).
 *   <li>{@link Kind#PERMANENT}: nothing was stored and trying again will fail the same way; do not
 *       retry, fix the input, the schema or the configuration.
 *   <li>{@link Kind#OUTCOME_UNKNOWN}: the connection was lost while the change was being committed,
 *       so it may or may not be stored; retry with the same idempotency key (which replays the
 *       first result if it was stored) or reload and check before acting again.
 * </ul>
 *
 * <p>The message is written by the library: what failed, the kind in words and what to do. It
 * never carries the database's own message, which may quote SQL, bound values or table names; the
 * underlying exception, if any, is the {@linkplain #getCause() cause}.
 *
 * <p>Immutable apart from what every {@link Throwable} allows (stack trace, suppressed exceptions).
 */
public class InvoicePersistenceException extends RuntimeException {

  private static final long serialVersionUID = 2L;

  /** What a storage failure means for the command that met it. */
  public enum Kind {
    /**
     * Nothing was stored and a new attempt may succeed: retry the whole command later, from a
     * fresh read (the service does so a few times by itself).
     */
    TRANSIENT,
    /**
     * Nothing was stored and a new attempt fails the same way: do not retry; fix the input, the
     * schema or the configuration the message points to.
     */
    PERMANENT,
    /**
     * The connection was lost while committing: the change may or may not be stored. Retry with
     * the same idempotency key, which replays the first result if it was stored and applies the
     * command if it was not; without a key, reload and check before acting again.
     */
    OUTCOME_UNKNOWN
  }

  private final Kind kind;

  /**
   * Creates a permanent failure.
   *
   * @param message what failed, not null
   * @param cause the underlying failure, may be null
   */
  public InvoicePersistenceException(String message, Throwable cause) {
    this(message, cause, Kind.PERMANENT);
  }

  /**
   * Creates a permanent failure; its cause may be set once with {@link #initCause}.
   *
   * @param message what failed, not null
   */
  public InvoicePersistenceException(String message) {
    this(message, Kind.PERMANENT);
  }

  /**
   * Creates a failure of the given kind; its cause may be set once with {@link #initCause}.
   *
   * @param message what failed and what to do, not null
   * @param kind what the failure means for the command, not null
   */
  public InvoicePersistenceException(String message, Kind kind) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * Creates a failure of the given kind.
   *
   * @param message what failed and what to do, not null
   * @param cause the underlying failure, may be null
   * @param kind what the failure means for the command, not null
   */
  public InvoicePersistenceException(String message, Throwable cause, Kind kind) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * What the failure means for the command: retry later, never retry, or check first.
   *
   * @return the kind, not null
   */
  public final Kind kind() {
    return kind;
  }

  /**
   * True if trying the whole command again may succeed: {@link Kind#TRANSIENT} (a serialization
   * failure, a deadlock, a stale write that a reload resolves, a database that is briefly away)
   * and {@link Kind#OUTCOME_UNKNOWN} (safe with the same idempotency key, see there).
   *
   * @return whether a retry may succeed
   */
  public final boolean isRetryable() {
    return kind != Kind.PERMANENT;
  }

  /**
   * True if the change may or may not be stored ({@link Kind#OUTCOME_UNKNOWN}): retry only with the
   * same idempotency key, or reload and check.
   *
   * @return whether the outcome is unknown
   */
  public final boolean isOutcomeUnknown() {
    return kind == Kind.OUTCOME_UNKNOWN;
  }
}
