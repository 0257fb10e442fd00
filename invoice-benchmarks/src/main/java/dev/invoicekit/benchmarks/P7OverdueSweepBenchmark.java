package dev.invoicekit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.invoicekit.benchmarks.baseline.EventPayloads;
import dev.invoicekit.benchmarks.baseline.JsonColumns;
import dev.invoicekit.benchmarks.support.BenchDatabase;
import dev.invoicekit.benchmarks.support.Check;
import dev.invoicekit.benchmarks.support.Fixtures;
import dev.invoicekit.benchmarks.support.Sql;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.jdbc.Dialect;
import dev.invoicekit.jdbc.JdbcInvoiceKit;
import dev.invoicekit.jdbc.JdbcInvoices;
import dev.invoicekit.jdbc.JdbcTransactions;
import dev.invoicekit.lifecycle.InvoiceLifecycle;
import dev.invoicekit.lifecycle.OverdueRule;
import dev.invoicekit.service.InvoiceService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * P7: the overdue sweep over a table of 100,000 or 1,000,000 invoices of which
 * {@value #NEWLY_OVERDUE} (SENT, 10 lines, due a month ago) became overdue today; the others are
 * PAID, already OVERDUE, or SENT and PARTIALLY_PAID with a due date still ahead. Four contenders:
 * <ul>
 *   <li>{@code service}: the product's sweep, {@link InvoiceService#sweepOverdue} on the JDBC
 *       adapter, which also writes one OVERDUE event per invoice into the outbox (a product rule);
 *   <li>{@code adapter}: only its claim and UPDATE ({@link JdbcInvoices#markOverdue} in batches of
 *       {@value #BATCH}, each batch a transaction, as the service runs it), without the events, to
 *       show what the events cost;
 *   <li>{@code handWrittenUpdate}: one hand-written UPDATE with the same guard, which writes no
 *       event;
 *   <li>{@code handWrittenWithEvents}: the fair baseline of the service, which writes the events
 *       too: the same UPDATE with {@code RETURNING} what the events carry, then one set-based
 *       INSERT of the 500 outbox rows ({@code unnest} of arrays, payloads written by hand), in
 *       one transaction.
 * </ul>
 * Before each operation (untimed) the 500 are put back to SENT, their events deleted and both
 * tables vacuumed, so every sweep finds the same work. Setup runs all four once and fails unless
 * they moved the same invoices to the same versions, the service wrote one event per invoice, and
 * the hand-written events are the service's row for row (but for the event ids).
 *
 * <p>The 500 invoices are written through the adapter; the rest, header rows only, by one
 * {@code INSERT ... SELECT generate_series}. The database of each size is made once per run and
 * shared by every contender and by {@link P7ScalingReadsBenchmark}.
 *
 * <p>Targets: at most 1.5x the UPDATE's time, at most 1.3x the time of the UPDATE with its events,
 * and a cost that follows the newly overdue count, not the table size (compare the two sizes).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(1)
@State(Scope.Benchmark)
public class P7OverdueSweepBenchmark {

  static final int NEWLY_OVERDUE = 500;
  static final int BATCH = 500;
  private static final String TENANT = Fixtures.TENANT.value();
  private static final LocalDate TODAY = Fixtures.INVOICE_DATE.plusDays(30);
  private static final OverdueRule OVERDUE_AS_OF_TODAY = InvoiceLifecycle.overdueRule(TODAY);
  private static final String FIRST = "due-00000";
  private static final String LAST = String.format("due-%05d", NEWLY_OVERDUE - 1);
  private static final String HAND_WRITTEN_UPDATE = "UPDATE ik_invoice SET status = 'OVERDUE',"
      + " version = version + 1 WHERE tenant_id = ? AND status IN ('PARTIALLY_PAID', 'SENT')"
      + " AND due_date < ? AND amount_due > 0";
  private static final String HAND_WRITTEN_UPDATE_RETURNING = HAND_WRITTEN_UPDATE
      + " RETURNING invoice_id, version, invoice_number, currency, total_amount, amount_paid,"
      + " amount_due";
  private static final String HAND_WRITTEN_EVENTS = "INSERT INTO ik_outbox (tenant_id, event_id,"
      + " invoice_id, invoice_version, event_type, occurred_at, payload, state, attempts,"
      + " next_attempt_at) SELECT ?, e, i, v, 'OVERDUE', ?, p, 'PENDING', 0, ?"
      + " FROM unnest(?::varchar[], ?::varchar[], ?::bigint[], ?::text[]) AS t(e, i, v, p)";
  private static final Instant NOW = TODAY.atTime(6, 0).toInstant(ZoneOffset.UTC);
  private static final String OUTBOX_ROWS = "SELECT invoice_id, invoice_version, event_type,"
      + " occurred_at, state, attempts, next_attempt_at, delivered_at, last_error,"
      + " regexp_replace(payload, '\"eventId\":\"[^\"]*\"', 'eventId') FROM ik_outbox"
      + " WHERE tenant_id = ? ORDER BY invoice_id, invoice_version";

  /** Invoices in the table. */
  @Param({"100000", "1000000"})
  public int invoices;

  private HikariDataSource pool;
  private JdbcTransactions transactions;
  private JdbcInvoices adapter;
  private InvoiceService service;
  private final AtomicLong handWrittenEventIds = new AtomicLong();

  /** Makes the table (once per run and size) and checks both contenders do the same. */
  @Setup(Level.Trial)
  public void setUp() {
    pool = openTable(invoices);
    JdbcInvoiceKit kit = JdbcInvoiceKit.of(pool, Dialect.POSTGRESQL);
    transactions = kit.transactions();
    adapter = kit.invoices();
    AtomicLong eventIds = new AtomicLong();
    service = kit.configure(InvoiceService.builder())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC), ZoneOffset.UTC)
        .ids(() -> "event-" + eventIds.incrementAndGet())
        .build();
    Check.equal("invoices in the table", (long) invoices,
        Sql.queryLong(pool, "SELECT count(*) FROM ik_invoice"));

    reset();
    Check.equal("invoices the sweep moved", NEWLY_OVERDUE, service.sweepOverdue(Fixtures.TENANT)
        .size());
    List<List<String>> afterService = moved();
    Check.equal("OVERDUE events in the outbox, one per invoice and version", afterService,
        Sql.queryRows(pool, "SELECT i.invoice_id, 'OVERDUE', o.invoice_version FROM ik_outbox o"
            + " JOIN ik_invoice i ON i.tenant_id = o.tenant_id AND i.invoice_id = o.invoice_id"
            + " WHERE o.tenant_id = ? AND o.event_type = 'OVERDUE' ORDER BY i.invoice_id",
            TENANT));
    List<List<String>> eventsOfService = Sql.queryRows(pool, OUTBOX_ROWS, TENANT);
    reset();
    Check.equal("invoices the claim and UPDATE moved", NEWLY_OVERDUE, sweepWithAdapter());
    Check.equal("the invoices moved and their versions", afterService, moved());
    reset();
    Check.equal("invoices the UPDATE moved", NEWLY_OVERDUE, sweepWithUpdate());
    Check.equal("the invoices moved and their versions", afterService, moved());
    reset();
    Check.equal("invoices the UPDATE with events moved", NEWLY_OVERDUE, sweepWithEvents());
    Check.equal("the invoices moved and their versions", afterService, moved());
    Check.equal("the events the UPDATE wrote (but for their ids)", eventsOfService,
        Sql.queryRows(pool, OUTBOX_ROWS, TENANT));
  }

  /**
   * Opens the pool on the table of the given size, making it first if this run has not (the
   * sweep and the scaling reads share it).
   *
   * @param invoices invoices in the table
   * @return the pool; the caller closes it
   */
  static HikariDataSource openTable(int invoices) {
    String database = "bench_p7_" + invoices;
    if (BenchDatabase.exists(database)) {
      return BenchDatabase.open(database);
    }
    HikariDataSource pool = BenchDatabase.create(database);
    populate(pool, invoices);
    return pool;
  }

  private static void populate(HikariDataSource pool, int invoices) {
    List<LineItem> lines = Fixtures.storedLines(10);
    List<Invoice> due = new ArrayList<>(NEWLY_OVERDUE);
    for (int i = 0; i < NEWLY_OVERDUE; i++) {
      due.add(Fixtures.sent(String.format("due-%05d", i), String.format("INV-2026-%05d", i),
          lines, Fixtures.INVOICE_DATE));
    }
    new JdbcInvoices(JdbcTransactions.of(pool)).importAll(due);
    String content = JsonColumns.of(due.get(0)).content();
    try (Connection connection = pool.getConnection();
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO ik_invoice (tenant_id, invoice_id, version, status, invoice_number,"
                + " currency, invoice_date, due_date, account_id, total_amount, amount_paid,"
                + " amount_due, content)"
                + " SELECT ?, 'f-' || lpad(g::text, 7, '0'), 1,"
                + " CASE WHEN g % 10 < 6 THEN 'PAID' WHEN g % 10 < 8 THEN 'OVERDUE'"
                + "  WHEN g % 10 = 8 THEN 'SENT' ELSE 'PARTIALLY_PAID' END,"
                + " 'F-' || g, 'EUR', DATE '2026-10-01' - (g % 300),"
                + " CASE WHEN g % 10 < 8 THEN DATE '2026-10-15' - (g % 300)"
                + "  ELSE ?::date + 1 + (g % 60) END,"
                + " 'acct-' || (g % 5000), 1000.00,"
                + " CASE WHEN g % 10 < 6 THEN 1000.00 WHEN g % 10 = 9 THEN 400.00 ELSE 0 END,"
                + " CASE WHEN g % 10 < 6 THEN 0 WHEN g % 10 = 9 THEN 600.00 ELSE 1000.00 END,"
                + " ? FROM generate_series(1, ?) g")) {
      insert.setString(1, TENANT);
      insert.setObject(2, TODAY);
      insert.setString(3, content);
      insert.setInt(4, invoices - NEWLY_OVERDUE);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot fill the table", e);
    }
    Sql.executeOutsideTransaction(pool, "VACUUM ANALYZE");
  }

  private void reset() {
    try (Connection connection = pool.getConnection();
        PreparedStatement update = connection.prepareStatement("UPDATE ik_invoice"
            + " SET status = 'SENT', version = 1 WHERE tenant_id = ?"
            + " AND invoice_id BETWEEN ? AND ?")) {
      update.setString(1, TENANT);
      update.setString(2, FIRST);
      update.setString(3, LAST);
      Check.equal("invoices put back to SENT", NEWLY_OVERDUE, update.executeUpdate());
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot reset the sweep's invoices", e);
    }
    Sql.execute(pool, "DELETE FROM ik_outbox");
    Sql.executeOutsideTransaction(pool, "VACUUM ik_invoice");
    Sql.executeOutsideTransaction(pool, "VACUUM ik_outbox");
    Sql.executeOutsideTransaction(pool, "CHECKPOINT");
  }

  private List<List<String>> moved() {
    return Sql.queryRows(pool, "SELECT invoice_id, status, version FROM ik_invoice"
        + " WHERE tenant_id = ? AND invoice_id BETWEEN ? AND ? ORDER BY invoice_id",
        TENANT, FIRST, LAST);
  }

  /** Puts the newly overdue invoices back, outside the time. */
  @Setup(Level.Invocation)
  public void putBack() {
    reset();
  }

  /** Closes the pool; the database stays for the other contender. */
  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
  }

  private int sweepWithAdapter() {
    int marked = 0;
    while (true) {
      int batch = transactions.inTransaction(
          () -> adapter.markOverdue(Fixtures.TENANT, OVERDUE_AS_OF_TODAY, BATCH)).size();
      marked += batch;
      if (batch < BATCH) {
        return marked;
      }
    }
  }

  /**
   * The fair baseline: the same UPDATE returning what the events need, then every OVERDUE event
   * in one set-based INSERT (arrays unnested), its payload written by {@link EventPayloads}, one
   * transaction.
   */
  private int sweepWithEvents() {
    try (Connection connection = pool.getConnection();
        PreparedStatement update = connection.prepareStatement(HAND_WRITTEN_UPDATE_RETURNING);
        PreparedStatement insert = connection.prepareStatement(HAND_WRITTEN_EVENTS)) {
      connection.setAutoCommit(false);
      update.setString(1, TENANT);
      update.setObject(2, TODAY);
      List<String> eventIds = new ArrayList<>();
      List<String> invoiceIds = new ArrayList<>();
      List<Long> versions = new ArrayList<>();
      List<String> payloads = new ArrayList<>();
      try (ResultSet rs = update.executeQuery()) {
        while (rs.next()) {
          String eventId = "hw-event-" + handWrittenEventIds.incrementAndGet();
          String invoiceId = rs.getString(1);
          long version = rs.getLong(2);
          String currency = rs.getString(4);
          int scale = Currency.getInstance(currency).getDefaultFractionDigits();
          eventIds.add(eventId);
          invoiceIds.add(invoiceId);
          versions.add(version);
          payloads.add(EventPayloads.of(eventId, "OVERDUE", TENANT, invoiceId, rs.getString(3),
              version, NOW, "OVERDUE", currency, rs.getBigDecimal(5).setScale(scale),
              rs.getBigDecimal(6).setScale(scale), rs.getBigDecimal(7).setScale(scale), null));
        }
      }
      if (!eventIds.isEmpty()) {
        LocalDateTime occurred = LocalDateTime.ofInstant(NOW, ZoneOffset.UTC);
        insert.setString(1, TENANT);
        insert.setObject(2, occurred);
        insert.setObject(3, occurred);
        insert.setArray(4, connection.createArrayOf("varchar", eventIds.toArray()));
        insert.setArray(5, connection.createArrayOf("varchar", invoiceIds.toArray()));
        insert.setArray(6, connection.createArrayOf("bigint", versions.toArray()));
        insert.setArray(7, connection.createArrayOf("text", payloads.toArray()));
        Check.equal("events inserted", eventIds.size(), insert.executeUpdate());
      }
      connection.commit();
      connection.setAutoCommit(true);
      return eventIds.size();
    } catch (SQLException e) {
      throw new IllegalStateException("The hand-written sweep with events failed", e);
    }
  }

  private int sweepWithUpdate() {
    try (Connection connection = pool.getConnection();
        PreparedStatement update = connection.prepareStatement(HAND_WRITTEN_UPDATE)) {
      connection.setAutoCommit(false);
      update.setString(1, TENANT);
      update.setObject(2, TODAY);
      int moved = update.executeUpdate();
      connection.commit();
      connection.setAutoCommit(true);
      return moved;
    } catch (SQLException e) {
      throw new IllegalStateException("The hand-written sweep failed", e);
    }
  }

  /** InvoiceKit's sweep with its events. @return how many invoices it marked */
  @Benchmark
  public int service() {
    return service.sweepOverdue(Fixtures.TENANT).size();
  }

  /** InvoiceKit's claim and UPDATE alone, no events. @return how many invoices it marked */
  @Benchmark
  public int adapter() {
    return sweepWithAdapter();
  }

  /** The UPDATE returning, with its events inserted set-based. @return invoices marked */
  @Benchmark
  public int handWrittenWithEvents() {
    return sweepWithEvents();
  }

  /** One hand-written UPDATE. @return how many invoices it marked */
  @Benchmark
  public int handWrittenUpdate() {
    return sweepWithUpdate();
  }
}
