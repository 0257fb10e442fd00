package dev.invoicekit.jdbc;

import dev.invoicekit.credit.CreditEvent;
import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.jdbc.internal.ColumnLimits;
import dev.invoicekit.jdbc.internal.InvoiceCodec;
import dev.invoicekit.jdbc.internal.Sql;
import dev.invoicekit.jdbc.internal.SqlTime;
import dev.invoicekit.ports.InvoiceEvents;
import dev.invoicekit.ports.InvoicePersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the events of the {@link JdbcOutbox} to the host's {@link InvoiceEvents} (its
 * notification port), at least once: invoice events to {@link InvoiceEvents#publish(InvoiceEvent)},
 * credit-note and ledger events to {@link InvoiceEvents#publish(CreditEvent)}, in one order. A
 * target that does not implement the second refuses such an event, which then fails as any
 * refused delivery does (retried with backoff, then parked) without holding back the others.
 *
 * <p>Each {@link #relayOnce()} runs one transaction (READ COMMITTED when the relay opens it
 * itself): it claims up to {@linkplain #withBatchSize(int) a batch} of PENDING events whose next
 * attempt is due, oldest first, with {@code SELECT ... FOR UPDATE SKIP LOCKED}; hands each to the
 * target; and marks it DELIVERED, or, if the target threw a {@link RuntimeException}, counts the
 * attempt, stores the error and schedules the next attempt after an exponential backoff
 * ({@linkplain #withBackoff(Duration, Duration) base, doubled per failure, up to a cap}). After
 * {@linkplain #withMaxAttempts(int) the last attempt} the event is PARKED and left for an operator.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>Several relays, in one process or in many application instances, can run at once: an
 *       event stays locked by the relay that claimed it until that relay's transaction ends, and
 *       the others skip it, so no two relays deliver a claimed event at the same time. (On H2,
 *       which applies the batch limit before skipping locked rows, a second relay finds nothing
 *       while the first holds the oldest batch: relays there take turns.)
 *   <li>At least once: if the relay dies between delivering and committing (the process is
 *       killed, the connection drops, the target throws an {@link Error}), the transaction rolls
 *       back and every event of the batch is delivered again later, with the same event id.
 *       Consumers deduplicate by {@link InvoiceEvent#eventId()}.
 *   <li>Order: one relay delivers in the order the events occurred (then by invoice version); a
 *       failed event does not hold back the others, and several relays deliver side by side, so
 *       consumers that care order the events of an invoice by {@link InvoiceEvent#version()}.
 * </ul>
 *
 * <p>Events are delivered while the batch's rows are locked, so the target should be quick (hand
 * the event to a queue or a broker) and the batch small enough for a short transaction. A target
 * that writes through the same {@link JdbcTransactions} joins the relay's transaction: its writes
 * commit with the DELIVERED mark, and are undone (to a savepoint) if it throws. A target that
 * writes elsewhere (a broker, a queue) needs no savepoint: see
 * {@link #withTargetOutsideItsTransaction()}.
 *
 * <p>The relay starts no threads: the host calls {@link #relayOnce()} or
 * {@link #relayUntilEmpty(int)} on its own schedule. Time comes only from the given {@link Clock}.
 *
 * <p>Clocks: a new event is due at once, whatever this relay's clock says, so a relay whose clock
 * is behind the service's (another machine, another time source) still delivers every new event
 * on its next run. Only a retry waits: its next attempt is set from the clock of the relay that
 * saw the failure and compared with the clock of the relay that claims it, so relays whose clocks
 * disagree move retries earlier or later by the difference, never new events.
 * It reads the outbox of every tenant. Immutable and thread-safe; the {@code with...} methods
 * return a new relay.
 */
public final class OutboxRelay {

  /** Events claimed per transaction unless {@link #withBatchSize(int)} says otherwise. */
  public static final int DEFAULT_BATCH_SIZE = 100;
  /** Delivery attempts before an event is parked, unless {@link #withMaxAttempts(int)} says. */
  public static final int DEFAULT_MAX_ATTEMPTS = 10;
  /** The wait after the first failure, unless {@link #withBackoff(Duration, Duration)} says. */
  public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofSeconds(10);
  /** The longest wait between attempts, unless {@link #withBackoff(Duration, Duration)} says. */
  public static final Duration DEFAULT_BACKOFF_CAP = Duration.ofHours(1);

  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
  private static final String PENDING = "PENDING";
  private static final String PARKED = "PARKED";

  private final JdbcTransactions transactions;
  private final InvoiceEvents target;
  private final Clock clock;
  private final int batchSize;
  private final int maxAttempts;
  private final Duration backoffBase;
  private final Duration backoffCap;
  private final boolean savepointPerEvent;

  /**
   * Creates a relay with the default batch size, attempts and backoff.
   *
   * @param transactions the transactions of the outbox's database, not null
   * @param target where events go: the host's notification port, not null
   * @param clock the only source of "now" (when a retry is due, when delivered), not null
   */
  public OutboxRelay(JdbcTransactions transactions, InvoiceEvents target, Clock clock) {
    this(transactions, target, clock, DEFAULT_BATCH_SIZE, DEFAULT_MAX_ATTEMPTS,
        DEFAULT_BACKOFF_BASE, DEFAULT_BACKOFF_CAP, true);
  }

  private OutboxRelay(JdbcTransactions transactions, InvoiceEvents target, Clock clock,
      int batchSize, int maxAttempts, Duration backoffBase, Duration backoffCap,
      boolean savepointPerEvent) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.target = Objects.requireNonNull(target, "target");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.batchSize = batchSize;
    this.maxAttempts = maxAttempts;
    this.backoffBase = backoffBase;
    this.backoffCap = backoffCap;
    this.savepointPerEvent = savepointPerEvent;
  }

  /**
   * A relay like this one that claims at most the given number of events per transaction.
   *
   * @param batchSize events per transaction, at least 1
   * @return the new relay, not null
   * @throws IllegalArgumentException if the size is less than 1
   */
  public OutboxRelay withBatchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("The batch size must be at least 1, was " + batchSize);
    }
    return new OutboxRelay(transactions, target, clock, batchSize, maxAttempts, backoffBase,
        backoffCap, savepointPerEvent);
  }

  /**
   * A relay like this one that parks an event after the given number of failed deliveries.
   *
   * @param maxAttempts delivery attempts before parking, at least 1
   * @return the new relay, not null
   * @throws IllegalArgumentException if the number is less than 1
   */
  public OutboxRelay withMaxAttempts(int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("The attempts must be at least 1, was " + maxAttempts);
    }
    return new OutboxRelay(transactions, target, clock, batchSize, maxAttempts, backoffBase,
        backoffCap, savepointPerEvent);
  }

  /**
   * A relay like this one with another backoff: after the n-th failed delivery of an event, the
   * next attempt is due {@code min(cap, base * 2^(n-1))} later.
   *
   * @param base the wait after the first failure, positive, not null
   * @param cap the longest wait, at least the base, not null
   * @return the new relay, not null
   * @throws IllegalArgumentException if the base is not positive or the cap is below it
   */
  public OutboxRelay withBackoff(Duration base, Duration cap) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(cap, "cap");
    if (base.isNegative() || base.isZero()) {
      throw new IllegalArgumentException("The backoff base must be positive, was " + base);
    }
    if (cap.compareTo(base) < 0) {
      throw new IllegalArgumentException(
          "The backoff cap " + cap + " must not be less than the base " + base);
    }
    return new OutboxRelay(transactions, target, clock, batchSize, maxAttempts, base, cap,
        savepointPerEvent);
  }

  /**
   * A relay like this one for a target that does not write through the relay's
   * {@link JdbcTransactions} (one that hands each event to a broker, a queue or another service):
   * it sets no savepoint around each delivery, two round trips fewer per event. A failing
   * delivery is still recorded for that event alone and holds back no other.
   *
   * <p>Not for a target that writes to the outbox's database through the same transactions: the
   * writes of a delivery that fails would then stay in the relay's transaction and commit with
   * it. Keep the default relay for such a target.
   *
   * @return the new relay, not null
   */
  public OutboxRelay withTargetOutsideItsTransaction() {
    return new OutboxRelay(transactions, target, clock, batchSize, maxAttempts, backoffBase,
        backoffCap, false);
  }

  /**
   * Delivers one batch: the due PENDING events, oldest first, that no other relay holds.
   *
   * @return how many events were delivered; failed ones are not counted
   * @throws InvoicePersistenceException if the database fails; the batch is then rolled back and
   *     delivered again later
   * @throws Error whatever {@link Error} the target throws; the batch is rolled back likewise
   */
  public int relayOnce() {
    return relayBatch().delivered();
  }

  /**
   * Delivers batch after batch until a batch finds fewer due events than the batch size, or the
   * given number of batches ran. Events that fail are scheduled for later, not retried here.
   *
   * @param maxBatches the most batches to run, at least 1
   * @return how many events were delivered in all
   * @throws IllegalArgumentException if maxBatches is less than 1
   * @throws InvoicePersistenceException if the database fails; batches delivered before stay
   *     delivered
   */
  public int relayUntilEmpty(int maxBatches) {
    if (maxBatches < 1) {
      throw new IllegalArgumentException("maxBatches must be at least 1, was " + maxBatches);
    }
    int delivered = 0;
    for (int i = 0; i < maxBatches; i++) {
      Batch batch = relayBatch();
      delivered += batch.delivered();
      if (batch.claimed() < batchSize) {
        break;
      }
    }
    return delivered;
  }

  /**
   * How many events wait for delivery (due now or later), in every tenant; for monitoring.
   *
   * @return the number of PENDING events
   * @throws InvoicePersistenceException if the database fails
   */
  public long pendingCount() {
    return count(PENDING);
  }

  /**
   * How many events were given up after the last attempt, in every tenant; these need an
   * operator.
   *
   * @return the number of PARKED events
   * @throws InvoicePersistenceException if the database fails
   */
  public long parkedCount() {
    return count(PARKED);
  }

  // ---- machinery -------------------------------------------------------------------------------

  /** One claimed row. */
  private record Claimed(String tenant, String eventId, String subjectKind, int attempts,
      String payload) {}

  /** What one transaction did. */
  private record Batch(int claimed, int delivered) {}

  private Batch relayBatch() {
    Instant now = clock.instant();
    return transactions.inTransaction(Connection.TRANSACTION_READ_COMMITTED,
        () -> transactions.withConnection("relay outbox events", connection -> {
          List<Claimed> claimed = claim(connection, now);
          List<Claimed> delivered = new ArrayList<>(claimed.size());
          for (Claimed event : claimed) {
            if (deliver(connection, event, now)) {
              delivered.add(event);
            }
          }
          markDelivered(connection, delivered, now);
          if (!claimed.isEmpty()) {
            LOG.debug("Outbox relay: {} of {} claimed events delivered", delivered.size(),
                claimed.size());
          }
          return new Batch(claimed.size(), delivered.size());
        }));
  }

  private List<Claimed> claim(Connection connection, Instant now) throws SQLException {
    List<Claimed> claimed = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(Sql.CLAIM_OUTBOX_EVENTS)) {
      select.setObject(1, SqlTime.column(now));
      select.setInt(2, batchSize);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          claimed.add(new Claimed(rs.getString("tenant_id"), rs.getString("event_id"),
              rs.getString("subject_kind"), rs.getInt("attempts"), rs.getString("payload")));
        }
      }
    }
    return claimed;
  }

  /**
   * Delivers one event; true if delivered, else its failure is recorded. An Error escapes: the
   * batch rolls back.
   */
  private boolean deliver(Connection connection, Claimed event, Instant now) throws SQLException {
    Savepoint savepoint = savepointPerEvent ? connection.setSavepoint() : null;
    try {
      if (Sql.OUTBOX_INVOICE.equals(event.subjectKind())) {
        target.publish(InvoiceCodec.readEvent(event.payload()));
      } else {
        target.publish(InvoiceCodec.readCreditEvent(event.payload()));
      }
    } catch (RuntimeException e) {
      if (savepoint != null) {
        // Undo whatever the target wrote in this transaction; on PostgreSQL this also clears a
        // failed statement of the target, so the failure can be recorded.
        connection.rollback(savepoint);
      }
      markFailed(connection, event, e, now);
      return false;
    }
    if (savepoint != null) {
      connection.releaseSavepoint(savepoint);
    }
    return true;
  }

  /** Marks the delivered events of the batch, in one JDBC batch (one round trip). */
  private static void markDelivered(Connection connection, List<Claimed> delivered, Instant now)
      throws SQLException {
    if (delivered.isEmpty()) {
      return;
    }
    try (PreparedStatement update = connection.prepareStatement(Sql.MARK_OUTBOX_DELIVERED)) {
      for (Claimed event : delivered) {
        update.setObject(1, SqlTime.column(now));
        update.setString(2, event.tenant());
        update.setString(3, event.eventId());
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  private void markFailed(Connection connection, Claimed event, RuntimeException failure,
      Instant now) throws SQLException {
    int attempts = event.attempts() + 1;
    boolean park = attempts >= maxAttempts;
    Instant next = park ? now : now.plus(backoff(attempts));
    try (PreparedStatement update = connection.prepareStatement(Sql.MARK_OUTBOX_FAILED)) {
      update.setString(1, park ? PARKED : PENDING);
      update.setInt(2, attempts);
      update.setObject(3, SqlTime.column(next));
      update.setString(4, describe(failure));
      update.setString(5, event.tenant());
      update.setString(6, event.eventId());
      update.executeUpdate();
    }
    if (park) {
      LOG.warn("Outbox event {} of tenant {} parked after {} failed deliveries ({})",
          event.eventId(), event.tenant(), attempts, failure.getClass().getName());
    } else {
      LOG.debug("Outbox event {} of tenant {}: delivery {} failed, next attempt at {}",
          event.eventId(), event.tenant(), attempts, next, failure);
    }
  }

  /** The wait after the given number of failed deliveries: base, 2 x base, 4 x base, ... cap. */
  private Duration backoff(int failedAttempts) {
    Duration delay = backoffBase;
    for (int i = 1; i < failedAttempts && delay.compareTo(backoffCap) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(backoffCap) > 0 ? backoffCap : delay;
  }

  /**
   * The failure as it fits {@code last_error}: cut without splitting a surrogate pair, with U+0000
   * and unpaired surrogates (which a target's message may hold, and PostgreSQL cannot store or
   * drivers store as '?') replaced by U+FFFD.
   */
  private static String describe(RuntimeException failure) {
    String text = failure.getMessage() == null ? failure.getClass().getName()
        : failure.getClass().getName() + ": " + failure.getMessage();
    int max = ColumnLimits.OUTBOX_LAST_ERROR;
    StringBuilder out = new StringBuilder(Math.min(text.length(), max));
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        if (out.length() + 2 > max) {
          break;
        }
        out.append(c).append(text.charAt(++i));
      } else if (c == 0 || Character.isSurrogate(c)) {
        out.append('\uFFFD');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private long count(String state) {
    return transactions.withConnection("count " + state + " outbox events", connection -> {
      try (PreparedStatement select = connection.prepareStatement(Sql.COUNT_OUTBOX_BY_STATE)) {
        select.setString(1, state);
        try (ResultSet rs = select.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }
}
