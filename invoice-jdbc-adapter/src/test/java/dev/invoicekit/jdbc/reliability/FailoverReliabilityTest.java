package dev.invoicekit.jdbc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.Dialect;
import dev.invoicekit.jdbc.JdbcInvoiceKit;
import dev.invoicekit.jdbc.reliability.FailoverLoad.Ack;
import dev.invoicekit.jdbc.reliability.FailoverLoad.Action;
import dev.invoicekit.jdbc.reliability.FailoverLoad.Command;
import dev.invoicekit.jdbc.reliability.FailoverLoad.Failure;
import dev.invoicekit.ports.InvoicePersistenceException.Kind;
import dev.invoicekit.service.InvoiceService;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.joda.money.Money;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failover without a lost payment, on a PostgreSQL primary with a synchronous streaming standby
 * that the test starts itself ({@link PostgresPair}). Two application instances with eight threads
 * each ({@link FailoverLoad}) record keyed payments, create and send invoices and run the relay
 * and the sweep, through pgjdbc's multi-host URL with {@code targetServerType=primary}. Mid-load
 * the primary's processes are frozen and killed with SIGKILL, as when its machine dies, and the
 * standby is promoted a moment later, as an orchestrator does.
 *
 * <p>Expected: every command that failed during the switch failed with the library's transient or
 * outcome-unknown exception, within {@link #FAILURE_BOUND}; the host retried each with the same
 * key and every command was acknowledged once the standby had taken over; no command started after
 * the kill was acknowledged before the promotion; afterwards every payment acknowledged before the
 * kill is there, each distinct payment once and the paid amount their sum, the audit finds one
 * outbox event per stored version, the numbers are 1..n without a gap or a duplicate, every event
 * was delivered by a relay at least once, none is left pending and none was delivered that the
 * new primary does not hold. CI: one round; long mode: 20 rounds, the kill after a different
 * share of the load and the promotion after a different pause each time.
 */
class FailoverReliabilityTest {

  private static final TenantId TENANT = TenantId.of("tenant-a");
  private static final long SEED = 20261124L;
  /** A failed attempt must come back within this: no command hangs on the dead primary. */
  private static final Duration FAILURE_BOUND = Duration.ofSeconds(15);

  @TempDir
  static Path directory;
  private static PostgresBinaries binaries;
  private static Path template;

  @BeforeAll
  static void prepareTheServers() {
    Assumptions.assumeTrue(PostgresBinaries.supported(), "Failover suite skipped: it runs the"
        + " embedded PostgreSQL's Linux binaries and signals their processes; this is "
        + System.getProperty("os.name"));
    binaries = PostgresBinaries.unpack(directory.resolve("pg"));
    template = PostgresPair.template(binaries, directory);
  }

  @Test
  void aKilledPrimaryLosesNoAcknowledgedPaymentAndRetriesWithTheSameKeyTakeEffectOnce()
      throws Exception {
    int rounds = ReliabilityMode.pick(1, 20);
    int commandsPerThread = ReliabilityMode.pick(30, 60);
    Random moments = new Random(SEED);
    Totals totals = new Totals();
    for (int round = 1; round <= rounds; round++) {
      double killAfterShare = rounds == 1 ? 0.4 : 0.1 + 0.7 * moments.nextDouble();
      long promoteAfterMillis = rounds == 1 ? 500 : 100 + moments.nextInt(1400);
      try (PostgresPair pair = PostgresPair.start(binaries, template,
          directory.resolve("round-" + round))) {
        round(pair, round, commandsPerThread, killAfterShare, promoteAfterMillis, totals);
      }
    }
    if (rounds > 1) {
      ReliabilityMode.report("failover", "POSTGRESQL (primary + synchronous standby)",
          rounds + " rounds: " + totals);
    }
  }

  private void round(PostgresPair pair, int round, int commandsPerThread, double killAfterShare,
      long promoteAfterMillis, Totals totals) throws Exception {
    long roundStarted = System.nanoTime();
    SteppingClock clock =
        new SteppingClock(Instant.parse("2026-11-02T09:00:00Z"), ZoneId.of("UTC"));
    try (FailoverLoad load = new FailoverLoad(List.of(pair.hostDataSource(),
        pair.hostDataSource()), clock, TENANT, new Random(SEED + round), commandsPerThread)) {
      switchUnderLoad(pair, round, killAfterShare, promoteAfterMillis, totals, load, clock,
          roundStarted);
    }
  }

  private void switchUnderLoad(PostgresPair pair, int round, double killAfterShare,
      long promoteAfterMillis, Totals totals, FailoverLoad load, SteppingClock clock,
      long roundStarted) throws Exception {
    load.createInvoices();
    List<Command> all = load.plans().stream().flatMap(List::stream).toList();
    int killAfter = (int) Math.round(all.size() * killAfterShare);

    long loadStarted = System.nanoTime();
    load.start();
    long waitLimit = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (load.acknowledged() < killAfter) {
      assertThat(System.nanoTime()).as("round %s: %s commands acknowledged before the kill",
          round, killAfter).isLessThan(waitLimit);
      Thread.sleep(2);
    }
    Set<String> paidBeforeKill = new HashSet<>();
    load.acks().stream().filter(ack -> ack.command().action() == Action.PAY)
        .forEach(ack -> paidBeforeKill.add(ack.command().key()));
    int acknowledgedBeforeKill = load.acknowledged();
    long killAt = System.nanoTime();
    int killed = pair.killPrimary();
    long killedAt = System.nanoTime();
    Thread.sleep(promoteAfterMillis);
    long promoteAt = System.nanoTime();
    assertThat(pair.standbyInRecovery()).as("the standby before its promotion").isTrue();
    pair.promoteStandby();
    long promotedAt = System.nanoTime();
    load.awaitEnd(Duration.ofMinutes(5));
    long loadEnded = System.nanoTime();

    // The host's relay runs once more on the new primary until the outbox is empty.
    DataSource survivor = pair.standbyDirect();
    JdbcInvoiceKit kit = JdbcInvoiceKit.of(survivor, Dialect.POSTGRESQL);
    kit.relay(load::deliver, clock).relayUntilEmpty(10_000);

    // The switch: every failure retryable, in time, and nothing acknowledged without a primary.
    assertThat(load.violations()).as("round %s: commands the host could not complete", round)
        .isEmpty();
    List<Failure> failures = load.failures();
    List<Failure> atTheSwitch = failures.stream().filter(f -> !f.conflict()).toList();
    assertThat(atTheSwitch).as("round %s: failures at the switch", round).isNotEmpty()
        .allSatisfy(f -> assertThat(f.kind()).as("kind of %s", f.command())
            .isIn(Kind.TRANSIENT, Kind.OUTCOME_UNKNOWN));
    long slowestFailure = failures.stream().mapToLong(Failure::nanos).max().orElse(0);
    assertThat(Duration.ofNanos(slowestFailure)).as("round %s: slowest failed attempt", round)
        .isLessThanOrEqualTo(FAILURE_BOUND);
    List<Ack> acks = load.acks();
    assertThat(acks.stream().filter(a -> a.startedAt() > killedAt && a.endedAt() < promoteAt)
        .map(a -> a.command().key() + " " + millis(a.startedAt() - killedAt) + ".."
            + millis(a.endedAt() - killedAt) + " ms after the kill"))
        .as("round %s: commands acknowledged with no primary (promotion started %s ms after the"
            + " kill)", round, millis(promoteAt - killedAt)).isEmpty();
    assertThat(acks).as("round %s: acknowledged commands", round).hasSize(all.size());

    // Payments: each distinct one exactly once, the paid amount their sum, none acknowledged lost.
    InvoiceService reader = kit.configure(InvoiceService.builder())
        .clock(clock, ZoneId.of("UTC")).ids(new SequentialIdSource("r-")).build();
    Map<Integer, Map<String, Money>> expected = new HashMap<>();
    all.stream().filter(c -> c.action() == Action.PAY && !c.repeated())
        .forEach(c -> expected.computeIfAbsent(c.invoice(), k -> new LinkedHashMap<>())
            .put(c.key(), c.amount()));
    Set<String> stored = new HashSet<>();
    int doubled = 0;
    for (int i = 0; i < FailoverLoad.INVOICES; i++) {
      Invoice invoice = reader.find(TENANT, load.invoices().get(i)).orElseThrow();
      Map<String, Money> wanted = expected.getOrDefault(i, Map.of());
      List<String> references = invoice.payments().stream()
          .map(p -> p.reference().orElseThrow()).toList();
      doubled += references.size() - new HashSet<>(references).size();
      assertThat(references).as("round %s: payments of invoice %s", round, i)
          .containsExactlyInAnyOrderElementsOf(wanted.keySet());
      assertThat(invoice.totals().amountPaid()).as("round %s: paid on invoice %s", round, i)
          .isEqualTo(wanted.values().stream().reduce(Money.parse("EUR 0.00"), Money::plus));
      invoice.payments().stream().map(Payment::reference).forEach(r -> stored.add(r.get()));
    }
    assertThat(doubled).as("round %s: doubled payments", round).isZero();
    assertThat(stored).as("round %s: payments acknowledged before the kill", round)
        .containsAll(paidBeforeKill);

    // Sends: every one stored once, numbered, and the numbers 1..n.
    Map<String, InvoiceId> sent = load.sent();
    long sends = all.stream().filter(c -> c.action() == Action.SEND).count();
    assertThat(sent).as("round %s: sent invoices", round).hasSize((int) sends);
    for (InvoiceId id : sent.values()) {
      assertThat(reader.find(TENANT, id).orElseThrow().status()).isEqualTo(InvoiceStatus.SENT);
    }
    Audit audit = new Audit(survivor);
    List<Integer> numbers = audit.numbers(TENANT).stream()
        .map(n -> Integer.parseInt(n.substring(n.lastIndexOf('-') + 1))).sorted().toList();
    assertThat(numbers).as("round %s: invoice numbers", round)
        .isEqualTo(IntStream.rangeClosed(1, FailoverLoad.INVOICES + (int) sends).boxed().toList());
    assertThat(audit.violations(TENANT)).as("round %s: audit", round).isEmpty();

    // The outbox: every event delivered at least once, none pending, none delivered from nowhere.
    Set<String> events = eventIds(survivor);
    Map<String, Integer> deliveries = load.deliveries();
    assertThat(deliveries.keySet()).as("round %s: delivered events", round)
        .containsAll(events);
    assertThat(new TreeSet<>(deliveries.keySet())).as("round %s: events delivered that the new"
        + " primary does not hold", round).isSubsetOf(events);
    assertThat(audit.outboxRows("PENDING")).as("round %s: pending events", round).isZero();

    Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
    atTheSwitch.forEach(f -> kinds.merge(f.kind(), 1, Integer::sum));
    Set<String> states = new TreeSet<>();
    atTheSwitch.forEach(f -> states.addAll(f.sqlStates()));
    long inFlight = atTheSwitch.stream().filter(f -> f.startedAt() < killAt).count();
    long firstAfterKill = acks.stream().filter(a -> a.startedAt() > killedAt)
        .mapToLong(Ack::endedAt).min().orElse(loadEnded);
    int deliveryCount = deliveries.values().stream().mapToInt(Integer::intValue).sum();
    long payments = all.stream().filter(c -> c.action() == Action.PAY).count();
    long repeated = all.stream().filter(Command::repeated).count();
    totals.add(atTheSwitch.size(), kinds, stored.size(), paidBeforeKill.size(), events.size(),
        deliveryCount, millis(firstAfterKill - killedAt), millis(slowestFailure));
    ReliabilityMode.report("failover", "POSTGRESQL (primary + synchronous standby)", String.join(
        "; ", List.of(
            "round " + round + ": " + FailoverLoad.INSTANCES + " instances x "
                + FailoverLoad.THREADS_PER_INSTANCE + " threads, " + all.size() + " commands ("
                + payments + " keyed payments of which " + repeated + " repeat a key, " + sends
                + " sends, " + count(all, Action.RELAY) + " relay runs, "
                + count(all, Action.SWEEP) + " sweeps)",
            "primary killed after " + acknowledgedBeforeKill + " acknowledged commands ("
                + millis(killAt - loadStarted) + " ms into the load, " + killed
                + " processes frozen and killed in " + millis(killedAt - killAt) + " ms)",
            "standby promoted " + promoteAfterMillis + " ms later (pg_promote "
                + millis(promotedAt - promoteAt) + " ms)",
            atTheSwitch.size() + " failed attempts at the switch ("
                + kinds.getOrDefault(Kind.TRANSIENT, 0) + " transient, "
                + kinds.getOrDefault(Kind.OUTCOME_UNKNOWN, 0) + " outcome unknown, 0 permanent,"
                + " 0 other, " + inFlight + " of them in flight at the kill), driver SQLSTATEs "
                + states + ", slowest failed attempt " + millis(slowestFailure) + " ms",
            "first command acknowledged " + millis(firstAfterKill - killedAt)
                + " ms after the kill (" + millis(firstAfterKill - promotedAt)
                + " ms after the promotion)",
            (failures.size() - atTheSwitch.size()) + " lost races beyond the service's attempts,"
                + " retried",
            paidBeforeKill.size() + " payments acknowledged before the kill, all present",
            stored.size() + " distinct payments stored, 0 lost, 0 doubled, paid = sum on "
                + FailoverLoad.INVOICES + " invoices",
            "numbers 1.." + numbers.size() + ", 0 gaps, 0 duplicates",
            events.size() + " events, " + deliveryCount + " deliveries, 0 undelivered, 0 pending,"
                + " 0 delivered that the new primary lacks",
            "0 audit violations",
            "round " + millis(System.nanoTime() - roundStarted) + " ms")));
  }

  private static Set<String> eventIds(DataSource dataSource) throws SQLException {
    Set<String> ids = new HashSet<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT event_id FROM ik_outbox WHERE tenant_id = ?")) {
      select.setString(1, TENANT.value());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    return ids;
  }

  private static long count(List<Command> commands, Action action) {
    return commands.stream().filter(c -> c.action() == action).count();
  }

  private static long millis(long nanos) {
    return Duration.ofNanos(nanos).toMillis();
  }

  /** Figures summed over the rounds of the long mode. */
  private static final class Totals {

    private int rounds;
    private int failures;
    private final Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
    private int payments;
    private int paidBeforeKill;
    private int events;
    private int deliveries;
    private final List<Long> failoverMillis = new ArrayList<>();
    private long slowestFailureMillis;

    void add(int failures, Map<Kind, Integer> kinds, int payments, int paidBeforeKill,
        int events, int deliveries, long failoverMillis, long slowestFailureMillis) {
      rounds++;
      this.failures += failures;
      kinds.forEach((kind, n) -> this.kinds.merge(kind, n, Integer::sum));
      this.payments += payments;
      this.paidBeforeKill += paidBeforeKill;
      this.events += events;
      this.deliveries += deliveries;
      this.failoverMillis.add(failoverMillis);
      this.slowestFailureMillis = Math.max(this.slowestFailureMillis, slowestFailureMillis);
    }

    @Override
    public String toString() {
      List<Long> sorted = failoverMillis.stream().sorted().toList();
      return failures + " failed attempts at the switches (" + kinds.getOrDefault(Kind.TRANSIENT,
          0) + " transient, " + kinds.getOrDefault(Kind.OUTCOME_UNKNOWN, 0) + " outcome unknown,"
          + " 0 permanent, 0 other), slowest " + slowestFailureMillis + " ms; first command"
          + " acknowledged after the kill: median " + sorted.get(sorted.size() / 2) + " ms, max "
          + sorted.get(sorted.size() - 1) + " ms; " + payments + " distinct payments ("
          + paidBeforeKill + " acknowledged before a kill), 0 lost, 0 doubled; " + events
          + " events, " + deliveries + " deliveries, 0 undelivered; 0 gaps, 0 duplicates, 0 audit"
          + " violations in " + rounds + " rounds";
    }
  }
}
