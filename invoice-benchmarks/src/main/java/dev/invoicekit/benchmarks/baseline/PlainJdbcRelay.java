package dev.invoicekit.benchmarks.baseline;

import dev.invoicekit.jdbc.internal.InvoiceCodec;
import dev.invoicekit.ports.InvoiceEvents;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A hand-written outbox relay on InvoiceKit's schema: the baseline of P8. One transaction per
 * batch claims the due PENDING events oldest first with {@code FOR UPDATE SKIP LOCKED} (the
 * adapter's claim, word for word), hands each to the target, and marks the delivered ones with one
 * JDBC batch of updates by primary key (one round trip); a failed event gets its attempt counted
 * and is retried ten seconds later. The payload is decoded with the adapter's own codec, so the
 * target gets the same {@code InvoiceEvent} values from both relays: what differs is the SQL.
 *
 * <p>Thread-safe.
 */
public final class PlainJdbcRelay {

  static final String CLAIM = "SELECT tenant_id, event_id, attempts, payload FROM ik_outbox"
      + " WHERE state = 'PENDING' AND (attempts = 0 OR next_attempt_at <= ?)"
      + " ORDER BY occurred_at, invoice_version, event_id LIMIT ? FOR UPDATE SKIP LOCKED";
  static final String MARK_DELIVERED = "UPDATE ik_outbox SET state = 'DELIVERED',"
      + " attempts = attempts + 1, delivered_at = ?, last_error = NULL"
      + " WHERE tenant_id = ? AND event_id = ?";
  static final String MARK_FAILED = "UPDATE ik_outbox SET attempts = attempts + 1,"
      + " next_attempt_at = ?, last_error = ? WHERE tenant_id = ? AND event_id = ?";

  private final DataSource pool;
  private final InvoiceEvents target;
  private final int batchSize;

  /**
   * Creates the relay.
   *
   * @param pool the shared pool
   * @param target where events go
   * @param batchSize events per transaction
   */
  public PlainJdbcRelay(DataSource pool, InvoiceEvents target, int batchSize) {
    this.pool = pool;
    this.target = target;
    this.batchSize = batchSize;
  }

  /**
   * Delivers one batch.
   *
   * @param now the moment, for the claim and the delivery time
   * @return how many events were delivered
   */
  public int relayOnce(Instant now) {
    LocalDateTime at = LocalDateTime.ofInstant(now.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try {
        List<String[]> claimed = new ArrayList<>(batchSize);
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
          claim.setObject(1, at);
          claim.setInt(2, batchSize);
          try (ResultSet rs = claim.executeQuery()) {
            while (rs.next()) {
              claimed.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(4)});
            }
          }
        }
        int delivered = 0;
        try (PreparedStatement done = connection.prepareStatement(MARK_DELIVERED);
            PreparedStatement failed = connection.prepareStatement(MARK_FAILED)) {
          boolean anyFailed = false;
          for (String[] event : claimed) {
            try {
              target.publish(InvoiceCodec.readEvent(event[2]));
            } catch (RuntimeException e) {
              failed.setObject(1, at.plusSeconds(10));
              failed.setString(2, e.getClass().getName());
              failed.setString(3, event[0]);
              failed.setString(4, event[1]);
              failed.addBatch();
              anyFailed = true;
              continue;
            }
            done.setObject(1, at);
            done.setString(2, event[0]);
            done.setString(3, event[1]);
            done.addBatch();
            delivered++;
          }
          if (delivered > 0) {
            done.executeBatch();
          }
          if (anyFailed) {
            failed.executeBatch();
          }
        }
        connection.commit();
        return delivered;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("The hand-written relay failed", e);
    }
  }
}
