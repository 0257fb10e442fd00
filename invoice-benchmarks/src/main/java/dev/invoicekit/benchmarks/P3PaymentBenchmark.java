package dev.invoicekit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.invoicekit.benchmarks.baseline.PlainJdbcPayments;
import dev.invoicekit.benchmarks.support.BenchDatabase;
import dev.invoicekit.benchmarks.support.Check;
import dev.invoicekit.benchmarks.support.CountingDataSource;
import dev.invoicekit.benchmarks.support.Fixtures;
import dev.invoicekit.benchmarks.support.RunFacts;
import dev.invoicekit.benchmarks.support.Sql;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.jdbc.Dialect;
import dev.invoicekit.jdbc.JdbcInvoiceKit;
import dev.invoicekit.jdbc.JdbcInvoices;
import dev.invoicekit.jdbc.JdbcTransactions;
import dev.invoicekit.service.IdempotencyKey;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.service.PaymentRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.joda.money.Money;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * P3: a payment end to end, from 1 and from 16 threads, on PostgreSQL with fsync and synchronous
 * commit on. {@link InvoiceService#recordPayment} with an idempotency key on the JDBC adapter
 * (wired with {@link JdbcInvoiceKit}: repository, outbox and idempotency keys in one transaction)
 * against {@link PlainJdbcPayments}, a hand-written transaction doing the same durable work: lock
 * the invoice row, insert the payment, update the invoice with its version check, insert the
 * outbox event and the idempotency record, commit.
 *
 * <p>{@value #INVOICES} sent invoices of 10 lines, due in 25 days; each operation records a
 * payment of EUR {@value #AMOUNT} under a new key on the next invoice in turn (a counter shared by
 * the threads, so concurrent payments meet the same invoice only when one thread is a whole round
 * behind). Before every iteration (untimed) the payments, events and keys are deleted, the
 * invoices put back to SENT at version 1 with nothing paid, the tables vacuumed and a checkpoint
 * taken, so no invoice comes near PAID (an iteration takes a few euros off balances of EUR
 * 480.30) and no invoice collects more than a few dozen payment rows. The check at the end of
 * each iteration fails the run if one was PAID.
 *
 * <p>Setup pays two spare invoices twice through each contender and fails unless both left the
 * same invoice row, payment rows, outbox rows (the payload equal but for the ids) and idempotency
 * rows; then it counts, with a {@link CountingDataSource}, the statements and round trips of one
 * payment through each, for the report.
 *
 * <p>Target: at least 0.9x the baseline's throughput at 1 and at 16 threads.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class P3PaymentBenchmark {

  static final int INVOICES = 200;
  static final String AMOUNT = "0.10";
  private static final String DATABASE = "bench_p3_payment";
  private static final String TENANT = Fixtures.TENANT.value();
  private static final LocalDate TODAY = Fixtures.INVOICE_DATE.plusDays(5);
  private static final Instant NOW = TODAY.atTime(9, 30).toInstant(ZoneOffset.UTC);
  private static final BigDecimal PLAIN_AMOUNT = new BigDecimal(AMOUNT);
  private static final PaymentRequest REQUEST = new PaymentRequest.Builder()
      .amount(Money.parse("EUR " + AMOUNT)).date(TODAY).build();

  private HikariDataSource pool;
  private InvoiceService service;
  private PlainJdbcPayments plain;
  private String[] ids;
  private InvoiceId[] invoiceIds;
  private final AtomicLong next = new AtomicLong();
  private final AtomicLong newIds = new AtomicLong();

  /** Stores the invoices, checks both contenders write the same rows, counts their statements. */
  @Setup(Level.Trial)
  public void setUp() {
    pool = BenchDatabase.create(DATABASE);
    List<LineItem> lines = Fixtures.storedLines(10);
    LocalDate due = Fixtures.INVOICE_DATE.plusDays(30);
    List<Invoice> invoices = new ArrayList<>(INVOICES + 2);
    ids = new String[INVOICES];
    invoiceIds = new InvoiceId[INVOICES];
    for (int i = 0; i < INVOICES; i++) {
      ids[i] = String.format("pay-%03d", i);
      invoiceIds[i] = InvoiceId.of(ids[i]);
      invoices.add(Fixtures.sent(ids[i], String.format("INV-2026-%05d", i), lines, due));
    }
    invoices.add(Fixtures.sent("check-kit", "INV-2026-90001", lines, due));
    invoices.add(Fixtures.sent("check-plain", "INV-2026-90002", lines, due));
    new JdbcInvoices(JdbcTransactions.of(pool)).importAll(invoices);
    service = service(pool);
    plain = new PlainJdbcPayments(pool);

    for (int i = 0; i < 2; i++) {
      service.recordPayment(Fixtures.TENANT, InvoiceId.of("check-kit"), REQUEST, newKey());
      plain.record(plainPayment("check-plain"));
    }
    Check.equal("the invoice row after two payments", rows("check-kit"), rows("check-plain"));
    Check.that("the invoice is PARTIALLY_PAID after two payments",
        rows("check-kit").get(0).get(1).equals("PARTIALLY_PAID"));
    Check.equal("rows written", List.of(1L, 2L, 2L, 2L), List.of(
        Sql.queryLong(pool, "SELECT count(*) FROM ik_invoice WHERE invoice_id = 'check-kit'"),
        Sql.queryLong(pool, "SELECT count(*) FROM ik_payment WHERE invoice_id = 'check-kit'"),
        Sql.queryLong(pool, "SELECT count(*) FROM ik_outbox WHERE invoice_id = 'check-kit'"),
        Sql.queryLong(pool, "SELECT count(*) FROM ik_idempotency_key"
            + " WHERE invoice_id = 'check-kit'")));
    Sql.execute(pool, "DELETE FROM ik_outbox WHERE invoice_id LIKE 'check-%'",
        "DELETE FROM ik_idempotency_key WHERE invoice_id LIKE 'check-%'",
        "DELETE FROM ik_invoice WHERE invoice_id LIKE 'check-%'");

    CountingDataSource counting = new CountingDataSource(pool);
    InvoiceService countedService = service(counting);
    counting.reset();
    countedService.recordPayment(Fixtures.TENANT, invoiceIds[0], REQUEST, newKey());
    CountingDataSource.Counts kit = counting.counts();
    PlainJdbcPayments countedPlain = new PlainJdbcPayments(counting);
    counting.reset();
    countedPlain.record(plainPayment(ids[1]));
    CountingDataSource.Counts hand = counting.counts();
    record("statements per payment", kit.statements(), hand.statements());
    record("round trips per payment", kit.roundTrips(), hand.roundTrips());
  }

  private static void record(String what, long kit, long hand) {
    RunFacts.record(new RunFacts.Fact("P3", what, "InvoiceService.recordPayment",
        Long.toString(kit)));
    RunFacts.record(new RunFacts.Fact("P3", what, "hand-written JDBC transaction",
        Long.toString(hand)));
  }

  private InvoiceService service(DataSource dataSource) {
    JdbcInvoiceKit kit = JdbcInvoiceKit.of(dataSource, Dialect.POSTGRESQL);
    return kit.configure(InvoiceService.builder())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC), ZoneOffset.UTC)
        .ids(() -> "p3-" + newIds.incrementAndGet())
        .build();
  }

  private IdempotencyKey newKey() {
    return IdempotencyKey.of("key-" + newIds.incrementAndGet());
  }

  private PlainJdbcPayments.Payment plainPayment(String invoiceId) {
    return new PlainJdbcPayments.Payment(TENANT, invoiceId, "key-" + newIds.incrementAndGet(),
        "p3-" + newIds.incrementAndGet(), "p3-" + newIds.incrementAndGet(), PLAIN_AMOUNT, TODAY,
        NOW);
  }

  /** What a contender left of one invoice, without its id, number or any generated id. */
  private List<List<String>> rows(String invoiceId) {
    List<List<String>> rows = new ArrayList<>();
    rows.addAll(Sql.queryRows(pool, "SELECT version, status, currency, due_date, total_amount,"
        + " amount_paid, amount_due, content FROM ik_invoice WHERE tenant_id = ?"
        + " AND invoice_id = ?", TENANT, invoiceId));
    rows.addAll(Sql.queryRows(pool, "SELECT seq, kind, amount, payment_date, method, reference"
        + " FROM ik_payment WHERE tenant_id = ? AND invoice_id = ? ORDER BY seq",
        TENANT, invoiceId));
    // The payload with its ids and number taken out: they are the only values that differ.
    rows.addAll(Sql.queryRows(pool, "SELECT invoice_version, event_type, occurred_at, state,"
        + " attempts, next_attempt_at, delivered_at, last_error,"
        + " regexp_replace(payload, '\"(eventId|invoiceId|number|id)\":\"[^\"]*\"', '\\1', 'g')"
        + " FROM ik_outbox WHERE tenant_id = ? AND invoice_id = ? ORDER BY invoice_version",
        TENANT, invoiceId));
    rows.addAll(Sql.queryRows(pool, "SELECT result_version, length(fingerprint)"
        + " FROM ik_idempotency_key WHERE tenant_id = ? AND invoice_id = ?"
        + " ORDER BY result_version", TENANT, invoiceId));
    return rows;
  }

  /** Puts every invoice back to SENT with nothing paid, before each iteration (untimed). */
  @Setup(Level.Iteration)
  public void putBack() {
    Sql.execute(pool, "DELETE FROM ik_payment", "DELETE FROM ik_outbox",
        "DELETE FROM ik_idempotency_key", "UPDATE ik_invoice SET version = 1, status = 'SENT',"
            + " amount_paid = 0, amount_due = total_amount");
    for (String table : List.of("ik_invoice", "ik_payment", "ik_outbox", "ik_idempotency_key")) {
      Sql.executeOutsideTransaction(pool, "VACUUM " + table);
    }
    Sql.executeOutsideTransaction(pool, "CHECKPOINT");
  }

  /** Fails the run if an invoice was paid in full: every payment must have been a part. */
  @TearDown(Level.Iteration)
  public void checkNothingPaid() {
    Check.equal("invoices PAID during the iteration", 0L,
        Sql.queryLong(pool, "SELECT count(*) FROM ik_invoice WHERE status = 'PAID'"));
  }

  /** Closes the pool and drops the database. */
  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
    BenchDatabase.drop(DATABASE);
  }

  private int nextIndex() {
    return (int) (next.getAndIncrement() % INVOICES);
  }

  private Invoice pay() {
    return service.recordPayment(Fixtures.TENANT, invoiceIds[nextIndex()], REQUEST, newKey());
  }

  private long payByHand() {
    return plain.record(plainPayment(ids[nextIndex()]));
  }

  /** The service, one thread. @return the invoice with the payment */
  @Benchmark
  @Threads(1)
  public Invoice service1() {
    return pay();
  }

  /** The hand-written transaction, one thread. @return the invoice's new version */
  @Benchmark
  @Threads(1)
  public long plainJdbc1() {
    return payByHand();
  }

  /** The service, 16 threads. @return the invoice with the payment */
  @Benchmark
  @Threads(16)
  public Invoice service16() {
    return pay();
  }

  /** The hand-written transaction, 16 threads. @return the invoice's new version */
  @Benchmark
  @Threads(16)
  public long plainJdbc16() {
    return payByHand();
  }
}
