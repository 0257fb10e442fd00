package dev.invoicekit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.invoicekit.benchmarks.baseline.PlainJdbcRelay;
import dev.invoicekit.benchmarks.support.BenchDatabase;
import dev.invoicekit.benchmarks.support.Check;
import dev.invoicekit.benchmarks.support.CountingDataSource;
import dev.invoicekit.benchmarks.support.Fixtures;
import dev.invoicekit.benchmarks.support.RunFacts;
import dev.invoicekit.benchmarks.support.Sql;
import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.events.InvoiceEventType;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.jdbc.Dialect;
import dev.invoicekit.jdbc.JdbcInvoiceKit;
import dev.invoicekit.jdbc.OutboxRelay;
import dev.invoicekit.jdbc.internal.InvoiceCodec;
import dev.invoicekit.ports.InvoiceEvents;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import org.joda.money.Money;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * P8: the outbox relay on PostgreSQL with fsync and synchronous commit on. {@link OutboxRelay}
 * (batches of {@value OutboxRelay#DEFAULT_BATCH_SIZE}) against {@link PlainJdbcRelay}, a
 * hand-written {@code FOR UPDATE SKIP LOCKED} relay with the same batch size, both delivering to
 * the same no-op target (it counts).
 *
 * <ul>
 *   <li>Throughput ({@code kit1}, {@code kit2}, {@code handWritten1}, {@code handWritten2}): before
 *       each operation (untimed) the outbox holds {@value #EVENTS} PENDING payment events; the
 *       operation is one relay, or two on two threads side by side, delivering until the target
 *       has all of them. The score is the time per event ({@code @OperationsPerInvocation}), so
 *       its inverse is events delivered per second.
 *   <li>Delay ({@code kitDelay2}, {@code handWrittenDelay2}): two relays poll (again at once after
 *       a batch that delivered something, after 1 ms otherwise) while the benchmark thread commits
 *       {@value #DELAY_EVENTS} events one transaction each, as fast as the commits go. The target
 *       notes when each event arrives; the delay of an event is from the moment its commit
 *       returned to the producer to that arrival (zero if it arrived first). The delays of the
 *       measured iterations are kept in the benchmark's state and their 50th and 99th percentiles
 *       and maximum go to the report (JMH's score of these two methods is the producer's time).
 * </ul>
 *
 * <p>Setup delivers the same {@value #CHECK_EVENTS} events through one relay of each and fails
 * unless the target received the same events in the same order and the rows were marked alike;
 * then through two relays of each, and fails unless every event arrived exactly once. It also
 * counts the statements and round trips of one full batch of each, for the report.
 *
 * <p>Target: at least 0.8x the hand-written relay's events per second, with one and two relays.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(1)
@State(Scope.Benchmark)
public class P8RelayBenchmark {

  static final int EVENTS = 2_000;
  static final int DELAY_EVENTS = 500;
  static final int CHECK_EVENTS = 250;
  private static final int BATCH = OutboxRelay.DEFAULT_BATCH_SIZE;
  private static final String DATABASE = "bench_p8_relay";
  private static final String TENANT = Fixtures.TENANT.value();
  private static final Instant NOW = Instant.parse("2026-11-10T09:00:00Z");
  private static final String INSERT_EVENT = "INSERT INTO ik_outbox (tenant_id, event_id,"
      + " invoice_id, invoice_version, event_type, occurred_at, payload, state, attempts,"
      + " next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?)";

  /** The no-op target: counts, and notes arrival times when asked to. */
  static final class Sink implements InvoiceEvents {
    final LongAdder delivered = new LongAdder();
    final List<InvoiceEvent> kept = new ArrayList<>();
    volatile boolean keep;
    volatile ConcurrentHashMap<String, Long> arrivals;

    @Override
    public void publish(InvoiceEvent event) {
      delivered.increment();
      ConcurrentHashMap<String, Long> times = arrivals;
      if (times != null) {
        times.putIfAbsent(event.eventId(), System.nanoTime());
      }
      if (keep) {
        synchronized (kept) {
          kept.add(event);
        }
      }
    }
  }

  private HikariDataSource pool;
  private final Sink sink = new Sink();
  private OutboxRelay kitA;
  private OutboxRelay kitB;
  private PlainJdbcRelay handA;
  private PlainJdbcRelay handB;
  private ExecutorService relayThreads;
  private String[] eventIds;
  private String[] payloads;
  private final List<Long> delays = new ArrayList<>();
  private boolean measuring;

  /** Creates the database and checks both relays deliver the same events and mark the same rows. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    pool = BenchDatabase.create(DATABASE);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    JdbcInvoiceKit kit = JdbcInvoiceKit.of(pool, Dialect.POSTGRESQL);
    // The no-op target writes nothing through the relay's transaction, as a broker's would not.
    kitA = kit.relay(sink, clock).withTargetOutsideItsTransaction();
    kitB = kit.relay(sink, clock).withTargetOutsideItsTransaction();
    handA = new PlainJdbcRelay(pool, sink, BATCH);
    handB = new PlainJdbcRelay(pool, sink, BATCH);
    relayThreads = Executors.newFixedThreadPool(2);
    eventIds = new String[EVENTS];
    payloads = new String[EVENTS];
    for (int i = 0; i < EVENTS; i++) {
      eventIds[i] = String.format("event-%05d", i);
      payloads[i] = InvoiceCodec.event(event(eventIds[i], i));
    }

    fill(CHECK_EVENTS);
    sink.keep = true;
    drain(() -> kitA.relayOnce(), CHECK_EVENTS);
    List<InvoiceEvent> viaKit = new ArrayList<>(sink.kept);
    List<List<String>> rowsViaKit = outboxRows();
    sink.kept.clear();
    Sql.execute(pool, "UPDATE ik_outbox SET state = 'PENDING', attempts = 0, delivered_at = NULL");
    sink.delivered.reset();
    drain(() -> handA.relayOnce(NOW), CHECK_EVENTS);
    Check.equal("events the target received", CHECK_EVENTS, sink.kept.size());
    Check.that("the target received the same events in the same order from both relays",
        viaKit.equals(sink.kept));
    Check.equal("the outbox rows after delivery", rowsViaKit, outboxRows());
    sink.keep = false;
    sink.kept.clear();
    for (String who : List.of("kit", "hand")) {
      fill(CHECK_EVENTS);
      sink.arrivals = new ConcurrentHashMap<>();
      if (who.equals("kit")) {
        kit2();
      } else {
        handWritten2();
      }
      Check.equal("events delivered by two relays (" + who + ")", (long) CHECK_EVENTS,
          sink.delivered.sum());
      Check.equal("distinct events delivered by two relays (" + who + ")", CHECK_EVENTS,
          sink.arrivals.size());
      sink.arrivals = null;
    }

    CountingDataSource counting = new CountingDataSource(pool);
    OutboxRelay countedKit = JdbcInvoiceKit.of(counting, Dialect.POSTGRESQL).relay(sink, clock)
        .withTargetOutsideItsTransaction();
    PlainJdbcRelay countedHand = new PlainJdbcRelay(counting, sink, BATCH);
    fill(2 * BATCH);
    counting.reset();
    Check.equal("events in a counted batch", BATCH, countedKit.relayOnce());
    CountingDataSource.Counts kitCounts = counting.counts();
    counting.reset();
    Check.equal("events in a counted batch", BATCH, countedHand.relayOnce(NOW));
    CountingDataSource.Counts handCounts = counting.counts();
    fact("statements per batch of " + BATCH, "OutboxRelay", kitCounts.statements());
    fact("statements per batch of " + BATCH, "hand-written relay", handCounts.statements());
    fact("round trips per batch of " + BATCH, "OutboxRelay", kitCounts.roundTrips());
    fact("round trips per batch of " + BATCH, "hand-written relay", handCounts.roundTrips());
  }

  private static void fact(String what, String who, Object value) {
    RunFacts.record(new RunFacts.Fact("P8", what, who, value.toString()));
  }

  private static InvoiceEvent event(String eventId, int i) {
    Money total = Money.parse("EUR 1190.00");
    Money paid = Money.parse("EUR 100.00");
    Payment payment = new Payment.Builder().id(PaymentId.of("payment-" + i))
        .kind(Payment.Kind.PAYMENT).amount(paid).date(NOW.atZone(ZoneOffset.UTC).toLocalDate())
        .build();
    return new InvoiceEvent.Builder().eventId(eventId).type(InvoiceEventType.PAYMENT_RECORDED)
        .tenant(Fixtures.TENANT).invoiceId(InvoiceId.of(invoiceId(i)))
        .number(InvoiceNumber.of(String.format("INV-2026-%05d", i % 200)))
        .version(version(i)).occurredAt(NOW.minusSeconds(EVENTS).plusMillis(i))
        .status(InvoiceStatus.PARTIALLY_PAID).total(total).amountPaid(paid)
        .amountDue(total.minus(paid)).payment(payment).build();
  }

  private static String invoiceId(int i) {
    return String.format("inv-%03d", i % 200);
  }

  private static long version(int i) {
    return 2 + i / 200;
  }

  /** Empties the outbox and stores the first {@code count} events as PENDING. */
  private void fill(int count) {
    Sql.execute(pool, "DELETE FROM ik_outbox");
    try (Connection connection = pool.getConnection();
        PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
      connection.setAutoCommit(false);
      for (int i = 0; i < count; i++) {
        bind(insert, i, eventIds[i], payloads[i]);
        insert.addBatch();
      }
      insert.executeBatch();
      connection.commit();
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot fill the outbox", e);
    }
    Sql.executeOutsideTransaction(pool, "VACUUM ANALYZE ik_outbox");
    sink.delivered.reset();
  }

  private static void bind(PreparedStatement insert, int i, String eventId, String payload)
      throws SQLException {
    LocalDateTime occurred =
        LocalDateTime.ofInstant(NOW.minusSeconds(EVENTS).plusMillis(i), ZoneOffset.UTC);
    insert.setString(1, TENANT);
    insert.setString(2, eventId);
    insert.setString(3, invoiceId(i));
    insert.setLong(4, version(i));
    insert.setString(5, InvoiceEventType.PAYMENT_RECORDED.name());
    insert.setObject(6, occurred);
    insert.setString(7, payload);
    insert.setObject(8, occurred);
  }

  private List<List<String>> outboxRows() {
    return Sql.queryRows(pool, "SELECT tenant_id, event_id, invoice_id, invoice_version,"
        + " event_type, occurred_at, payload, state, attempts, next_attempt_at, delivered_at,"
        + " last_error FROM ik_outbox ORDER BY event_id");
  }

  /** Runs one relay until the target has {@code count} events. */
  private void drain(IntSupplier relay, int count) {
    while (sink.delivered.sum() < count) {
      relay.getAsInt();
    }
  }

  /** Runs two relays side by side until the target has every event of the outbox. */
  private void drainWithTwo(IntSupplier a, IntSupplier b, long count) throws Exception {
    Future<?> first = relayThreads.submit(() -> drain(a, (int) count));
    Future<?> second = relayThreads.submit(() -> drain(b, (int) count));
    first.get();
    second.get();
  }

  /** Records whether the coming iteration is measured, and fills the outbox for throughput. */
  @Setup(Level.Iteration)
  public void startIteration(IterationParams iteration) {
    measuring = iteration.getType() == IterationType.MEASUREMENT;
  }

  /** Before each throughput operation: the outbox holds the events; before a delay one, none. */
  @Setup(Level.Invocation)
  public void prepare(BenchmarkParams params) {
    if (params.getBenchmark().contains("Delay")) {
      Sql.execute(pool, "DELETE FROM ik_outbox");
      Sql.executeOutsideTransaction(pool, "VACUUM ik_outbox");
      sink.delivered.reset();
      sink.arrivals = new ConcurrentHashMap<>();
    } else {
      fill(EVENTS);
    }
    Sql.executeOutsideTransaction(pool, "CHECKPOINT");
  }

  /** After each operation: stops noting arrival times. */
  @TearDown(Level.Invocation)
  public void endInvocation() {
    sink.arrivals = null;
  }

  /** Writes the delay percentiles, closes the pool and drops the database. */
  @TearDown(Level.Trial)
  public void tearDown(BenchmarkParams params) {
    relayThreads.shutdownNow();
    if (!delays.isEmpty()) {
      long[] sorted = delays.stream().mapToLong(Long::longValue).sorted().toArray();
      String who = params.getBenchmark().endsWith(".kitDelay2") ? "two OutboxRelays"
          : "two hand-written relays";
      fact("delay from commit to delivery, ms (p50 / p99 / max of " + sorted.length
          + " events)", who, String.format(Locale.ROOT, "%.2f / %.2f / %.2f",
          sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
          sorted[sorted.length - 1] / 1e6));
    }
    pool.close();
    BenchDatabase.drop(DATABASE);
  }

  /** One OutboxRelay delivers every event. @return events delivered */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long kit1() {
    drain(() -> kitA.relayOnce(), EVENTS);
    return sink.delivered.sum();
  }

  /** Two OutboxRelays deliver every event. @return events delivered */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long kit2() throws Exception {
    drainWithTwo(() -> kitA.relayOnce(), () -> kitB.relayOnce(), pending());
    return sink.delivered.sum();
  }

  /** One hand-written relay delivers every event. @return events delivered */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long handWritten1() {
    drain(() -> handA.relayOnce(NOW), EVENTS);
    return sink.delivered.sum();
  }

  /** Two hand-written relays deliver every event. @return events delivered */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long handWritten2() throws Exception {
    drainWithTwo(() -> handA.relayOnce(NOW), () -> handB.relayOnce(NOW), pending());
    return sink.delivered.sum();
  }

  private long pending() {
    return Sql.queryLong(pool, "SELECT count(*) FROM ik_outbox WHERE state = 'PENDING'");
  }

  /** Events committed one by one while two OutboxRelays poll. @return events delivered */
  @Benchmark
  @OperationsPerInvocation(DELAY_EVENTS)
  public long kitDelay2() throws Exception {
    return produceWhilePolling(() -> kitA.relayOnce(), () -> kitB.relayOnce());
  }

  /** Events committed one by one while two hand-written relays poll. @return events delivered */
  @Benchmark
  @OperationsPerInvocation(DELAY_EVENTS)
  public long handWrittenDelay2() throws Exception {
    return produceWhilePolling(() -> handA.relayOnce(NOW), () -> handB.relayOnce(NOW));
  }

  private long produceWhilePolling(IntSupplier a, IntSupplier b) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    Future<?> first = relayThreads.submit(() -> poll(a, stop));
    Future<?> second = relayThreads.submit(() -> poll(b, stop));
    long[] committed = new long[DELAY_EVENTS];
    try (Connection connection = pool.getConnection();
        PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
      connection.setAutoCommit(false);
      for (int i = 0; i < DELAY_EVENTS; i++) {
        bind(insert, i, eventIds[i], payloads[i]);
        insert.executeUpdate();
        connection.commit();
        committed[i] = System.nanoTime();
      }
      connection.setAutoCommit(true);
    }
    while (sink.delivered.sum() < DELAY_EVENTS) {
      Thread.onSpinWait();
    }
    stop.set(true);
    first.get();
    second.get();
    if (measuring) {
      ConcurrentHashMap<String, Long> arrivals = sink.arrivals;
      for (int i = 0; i < DELAY_EVENTS; i++) {
        Long arrived = arrivals.get(eventIds[i]);
        Check.that("event " + eventIds[i] + " arrived", arrived != null);
        delays.add(Math.max(0, arrived - committed[i]));
      }
    }
    return sink.delivered.sum();
  }

  private static void poll(IntSupplier relay, AtomicBoolean stop) {
    while (!stop.get()) {
      if (relay.getAsInt() == 0) {
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
