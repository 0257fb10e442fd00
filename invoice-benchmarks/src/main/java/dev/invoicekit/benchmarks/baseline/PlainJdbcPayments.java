package dev.invoicekit.benchmarks.baseline;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.HexFormat;
import javax.sql.DataSource;

/**
 * A payment recorded with hand-written JDBC on InvoiceKit's schema: the baseline of P3. One
 * transaction does the durable work of {@code InvoiceService.recordPayment} with an idempotency
 * key, and nothing else: lock the invoice row (reading its version, amounts and the last payment's
 * position), insert the payment, update the invoice guarded by the version it read, insert the
 * outbox event (its payload written by {@link EventPayloads}) and the idempotency record (a
 * SHA-256 of the request), commit. No load of the lines, no domain objects, no retries.
 *
 * <p>Thread-safe.
 */
public final class PlainJdbcPayments {

  static final String LOCK_INVOICE = "SELECT i.version, i.invoice_number, i.currency,"
      + " i.due_date, i.total_amount, i.amount_paid, i.amount_due,"
      + " (SELECT COALESCE(MAX(p.seq), 0) FROM ik_payment p WHERE p.tenant_id = i.tenant_id"
      + " AND p.invoice_id = i.invoice_id) AS last_seq"
      + " FROM ik_invoice i WHERE i.tenant_id = ? AND i.invoice_id = ? FOR UPDATE OF i";
  static final String INSERT_PAYMENT = "INSERT INTO ik_payment (tenant_id, invoice_id,"
      + " payment_id, seq, kind, amount, payment_date, method, reference)"
      + " VALUES (?, ?, ?, ?, 'PAYMENT', ?, ?, ?, ?)";
  static final String UPDATE_INVOICE = "UPDATE ik_invoice SET version = ?, status = ?,"
      + " amount_paid = ?, amount_due = ? WHERE tenant_id = ? AND invoice_id = ? AND version = ?";
  static final String INSERT_EVENT = "INSERT INTO ik_outbox (tenant_id, event_id, invoice_id,"
      + " invoice_version, event_type, occurred_at, payload, state, attempts, next_attempt_at)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?)";
  static final String INSERT_KEY = "INSERT INTO ik_idempotency_key (tenant_id, idempotency_key,"
      + " fingerprint, invoice_id, result_version) VALUES (?, ?, ?, ?, ?)";

  private final DataSource pool;

  /**
   * Creates the baseline on a pool.
   *
   * @param pool the shared pool
   */
  public PlainJdbcPayments(DataSource pool) {
    this.pool = pool;
  }

  /**
   * A payment to record.
   *
   * @param tenant the tenant id
   * @param invoiceId the invoice id
   * @param key the idempotency key
   * @param paymentId the new payment's id
   * @param eventId the new event's id
   * @param amount the amount, at the currency's scale
   * @param date the payment date
   * @param now the moment, for the event
   */
  public record Payment(String tenant, String invoiceId, String key, String paymentId,
      String eventId, BigDecimal amount, LocalDate date, Instant now) {}

  /**
   * Records the payment in one transaction.
   *
   * @param payment the payment
   * @return the invoice's new version
   * @throws IllegalStateException if the invoice is missing, the payment is more than its
   *     balance, or the database fails; nothing is written
   */
  public long record(Payment payment) {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try {
        long version = record(connection, payment);
        connection.commit();
        return version;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Plain JDBC payment failed", e);
    }
  }

  private static long record(Connection connection, Payment payment) throws SQLException {
    long version;
    String number;
    String currency;
    LocalDate dueDate;
    BigDecimal total;
    BigDecimal paid;
    BigDecimal due;
    int seq;
    try (PreparedStatement lock = connection.prepareStatement(LOCK_INVOICE)) {
      lock.setString(1, payment.tenant());
      lock.setString(2, payment.invoiceId());
      try (ResultSet rs = lock.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("No invoice " + payment.invoiceId());
        }
        version = rs.getLong(1);
        number = rs.getString(2);
        currency = rs.getString(3);
        dueDate = rs.getObject(4, LocalDate.class);
        int scale = Currency.getInstance(currency).getDefaultFractionDigits();
        total = rs.getBigDecimal(5).setScale(scale, RoundingMode.UNNECESSARY);
        paid = rs.getBigDecimal(6).setScale(scale, RoundingMode.UNNECESSARY);
        due = rs.getBigDecimal(7).setScale(scale, RoundingMode.UNNECESSARY);
        seq = rs.getInt(8) + 1;
      }
    }
    if (payment.amount().compareTo(due) > 0) {
      throw new IllegalStateException("Payment above the balance of " + payment.invoiceId());
    }
    BigDecimal newPaid = paid.add(payment.amount());
    BigDecimal newDue = due.subtract(payment.amount());
    String status = newDue.signum() == 0 ? "PAID"
        : dueDate != null && dueDate.isBefore(payment.date()) ? "OVERDUE" : "PARTIALLY_PAID";
    long newVersion = version + 1;
    try (PreparedStatement insert = connection.prepareStatement(INSERT_PAYMENT)) {
      insert.setString(1, payment.tenant());
      insert.setString(2, payment.invoiceId());
      insert.setString(3, payment.paymentId());
      insert.setInt(4, seq);
      insert.setBigDecimal(5, payment.amount());
      insert.setObject(6, payment.date());
      insert.setString(7, null);
      insert.setString(8, null);
      insert.executeUpdate();
    }
    try (PreparedStatement update = connection.prepareStatement(UPDATE_INVOICE)) {
      update.setLong(1, newVersion);
      update.setString(2, status);
      update.setBigDecimal(3, newPaid);
      update.setBigDecimal(4, newDue);
      update.setString(5, payment.tenant());
      update.setString(6, payment.invoiceId());
      update.setLong(7, version);
      if (update.executeUpdate() != 1) {
        throw new IllegalStateException("Invoice " + payment.invoiceId() + " changed meanwhile");
      }
    }
    String type = status.equals("PAID") ? "PAID" : "PAYMENT_RECORDED";
    String payload = EventPayloads.of(payment.eventId(), type, payment.tenant(),
        payment.invoiceId(), number, newVersion, payment.now(), status, currency, total, newPaid,
        newDue, new EventPayloads.PaymentPart(payment.paymentId(), payment.amount(),
            payment.date().toString(), null, null));
    LocalDateTime occurred =
        LocalDateTime.ofInstant(payment.now().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
      insert.setString(1, payment.tenant());
      insert.setString(2, payment.eventId());
      insert.setString(3, payment.invoiceId());
      insert.setLong(4, newVersion);
      insert.setString(5, type);
      insert.setObject(6, occurred);
      insert.setString(7, payload);
      insert.setObject(8, occurred);
      insert.executeUpdate();
    }
    try (PreparedStatement insert = connection.prepareStatement(INSERT_KEY)) {
      insert.setString(1, payment.tenant());
      insert.setString(2, payment.key());
      insert.setString(3, fingerprint(payment));
      insert.setString(4, payment.invoiceId());
      insert.setLong(5, newVersion);
      insert.executeUpdate();
    }
    return newVersion;
  }

  /** What a hand-written application would keep of a request to recognize its retry. */
  private static String fingerprint(Payment payment) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      String request = "payment|" + payment.invoiceId() + "|" + payment.amount().toPlainString()
          + "|" + payment.date();
      return HexFormat.of().formatHex(sha.digest(request.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("No SHA-256", e);
    }
  }
}
