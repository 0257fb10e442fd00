package dev.invoicekit.jdbc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.Dialect;
import dev.invoicekit.jdbc.JdbcInvoiceKit;
import dev.invoicekit.jdbc.testing.TestDatabases;
import dev.invoicekit.service.InvoiceService;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.joda.money.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Concurrency across processes: two application instances, each a JVM of its own
 * ({@link CrossProcessWorker}, started with {@link ProcessBuilder} from the test class path), six
 * threads each, record payments on a few invoices with about 30 % of the submissions repeating an
 * earlier key (often the other process's, often at the same moment), and run sweeps and relays
 * between them. Halfway through its plan the first process is killed (SIGKILL) and started again,
 * and the new process submits its whole plan once more, as a host that replays its queue after a
 * crash does.
 *
 * <p>Expected: no failure that is not the library's exception, and no permanent one, reached
 * either host (in particular no retryable database error, such as a deadlock or a serialization
 * failure, arrived unclassified); every retryable one was retried with its key and every command of
 * the finishing processes was acknowledged, so no deadlock was left unretried; afterwards each
 * distinct payment is stored once and the paid amount is their sum, the audit finds one outbox
 * event per stored version, and every event was delivered at least once with none left pending.
 * PostgreSQL runs on the embedded server; MariaDB where {@code INVOICEKIT_MARIADB_URL} is set.
 */
class CrossProcessReliabilityTest {

  private static final TenantId TENANT = TenantId.of("tenant-a");
  private static final long SEED = 20261124L;
  private static final String CLOCK = "2026-11-02T09:00:00Z";
  private static final int PROCESSES = 2;
  private static final int THREADS = 6;
  private static final int INVOICES = 3;
  private static final List<String> AMOUNTS = List.of("1.00", "2.50", "0.01", "10.00");
  private static final Duration PROCESS_LIMIT = Duration.ofMinutes(5);

  @TempDir
  Path directory;
  private final List<Process> started = new ArrayList<>();

  /** One submission of a plan: a payment under its key, a sweep or a relay run. */
  private record Submission(String action, String key, int invoice, String amount) {}

  @AfterEach
  void stopEveryWorker() {
    started.forEach(Process::destroyForcibly);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
  void twoProcessesOneKilledAndRestartedNeitherLoseNorDoubleAPayment(Dialect dialect)
      throws Exception {
    int submissionsPerThread = ReliabilityMode.pick(25, 200);
    DataSource dataSource = TestDatabases.fresh(dialect);
    SteppingClock clock = new SteppingClock(Instant.parse(CLOCK), ZoneId.of("UTC"));
    JdbcInvoiceKit kit = JdbcInvoiceKit.of(dataSource, dialect);
    InvoiceService service = kit.configure(InvoiceService.builder())
        .clock(clock, ZoneId.of("UTC")).ids(new SequentialIdSource("p-")).build();
    List<InvoiceId> invoices = new ArrayList<>();
    LocalDate today = LocalDate.now(clock);
    for (int i = 0; i < INVOICES; i++) {
      Invoice draft = service.createDraft(service.newDraft(TENANT)
          .invoiceDate(i == 0 ? today.minusDays(45) : today)
          .account(AccountId.of("acme"))
          .currency("EUR")
          .paymentTerms(PaymentTerms.net(30))
          .addLine(ServiceFixture.line("Retainer", 1, "10000000.00"))
          .build());
      invoices.add(service.send(TENANT, draft.id()).id());
    }

    // The plans: about 30 % of the payments repeat a recent one of either process.
    Random random = new Random(SEED);
    List<List<List<Submission>>> plans = new ArrayList<>();
    List<Submission> distinct = new ArrayList<>();
    int repeats = 0;
    for (int p = 0; p < PROCESSES; p++) {
      plans.add(new ArrayList<>());
      for (int t = 0; t < THREADS; t++) {
        plans.get(p).add(new ArrayList<>());
      }
    }
    for (int s = 0; s < submissionsPerThread; s++) {
      for (int p = 0; p < PROCESSES; p++) {
        for (int t = 0; t < THREADS; t++) {
          int draw = random.nextInt(100);
          Submission submission;
          if (draw < 5) {
            submission = new Submission("SWEEP", "sweep-" + p + "-" + t + "-" + s, -1, "");
          } else if (draw < 12) {
            submission = new Submission("RELAY", "relay-" + p + "-" + t + "-" + s, -1, "");
          } else if (draw < 40 && !distinct.isEmpty()) {
            submission = distinct.get(distinct.size() - 1
                - random.nextInt(Math.min(distinct.size(), 2 * PROCESSES * THREADS)));
            repeats++;
          } else {
            submission = new Submission("PAY", "pay-" + p + "-" + t + "-" + s,
                random.nextInt(INVOICES), AMOUNTS.get(random.nextInt(AMOUNTS.size())));
            distinct.add(submission);
          }
          plans.get(p).get(t).add(submission);
        }
      }
    }
    long payments = plans.stream().flatMap(List::stream).flatMap(List::stream)
        .filter(s -> s.action().equals("PAY")).count();

    // Both processes start; the first is killed halfway through its plan and started again.
    long began = System.nanoTime();
    int firstPlan = plans.get(0).stream().mapToInt(List::size).sum();
    Path settingsA1 = settings(dialect, dataSource, invoices, plans.get(0), "a1");
    Path settingsB = settings(dialect, dataSource, invoices, plans.get(1), "b1");
    Process a1 = start(settingsA1, "a1");
    Process b = start(settingsB, "b1");
    long deadline = System.nanoTime() + PROCESS_LIMIT.toNanos();
    while (count(output("a1"), "ACK ") < firstPlan / 2) {
      assertThat(a1.isAlive()).as("process a1 before its kill: %s", tail("a1")).isTrue();
      assertThat(System.nanoTime()).as("process a1 reaching half its plan").isLessThan(deadline);
      Thread.sleep(20);
    }
    a1.destroyForcibly();
    assertThat(a1.waitFor(30, TimeUnit.SECONDS)).as("process a1 killed").isTrue();
    int acknowledgedBeforeKill = count(output("a1"), "ACK ");
    Process a2 = start(settings(dialect, dataSource, invoices, plans.get(0), "a2"), "a2");
    for (Map.Entry<String, Process> run : Map.of("a2", a2, "b1", b).entrySet()) {
      assertThat(run.getValue().waitFor(Math.max(1, deadline - System.nanoTime()),
          TimeUnit.NANOSECONDS)).as("process %s finished in time", run.getKey()).isTrue();
      assertThat(run.getValue().exitValue()).as("exit code of %s: %s", run.getKey(),
          tail(run.getKey())).isZero();
    }
    long processesEnded = System.nanoTime();

    // What the hosts saw.
    Map<String, List<String>> outputs = new TreeMap<>();
    for (String run : List.of("a1", "a2", "b1")) {
      outputs.put(run, Files.readAllLines(output(run), StandardCharsets.UTF_8));
    }
    List<String> unexpected = outputs.entrySet().stream()
        .flatMap(e -> e.getValue().stream().map(line -> e.getKey() + ": " + line))
        .filter(line -> line.contains(": UNCLASSIFIED ") || line.contains(": PERMANENT ")
            || line.contains(": GAVEUP "))
        .toList();
    assertThat(unexpected).as("failures the hosts could not retry").isEmpty();
    assertThat(outputs.get("a2")).as("the restarted process").contains("DONE " + firstPlan);
    assertThat(outputs.get("b1")).as("the other process")
        .contains("DONE " + plans.get(1).stream().mapToInt(List::size).sum());

    // The payments: each distinct one exactly once, the paid amount their sum.
    Map<Integer, Map<String, Money>> expected = new HashMap<>();
    distinct.forEach(s -> expected.computeIfAbsent(s.invoice(), k -> new LinkedHashMap<>())
        .put(s.key(), Money.parse("EUR " + s.amount())));
    int stored = 0;
    for (int i = 0; i < INVOICES; i++) {
      Invoice invoice = service.find(TENANT, invoices.get(i)).orElseThrow();
      List<String> references = invoice.payments().stream()
          .map(p -> p.reference().orElseThrow()).toList();
      Map<String, Money> wanted = expected.getOrDefault(i, Map.of());
      assertThat(references).as("payments of invoice %s on %s", i, dialect)
          .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(wanted.keySet());
      assertThat(invoice.totals().amountPaid()).as("paid on invoice %s on %s", i, dialect)
          .isEqualTo(wanted.values().stream().reduce(Money.parse("EUR 0.00"), Money::plus));
      stored += references.size();
    }
    Audit audit = new Audit(dataSource);
    assertThat(audit.violations(TENANT)).as("audit on %s", dialect).isEmpty();

    // The outbox: every event delivered at least once by some relay, none pending.
    Set<String> delivered = new HashSet<>();
    for (String run : List.of("a1", "a2", "b1")) {
      delivered.addAll(Files.readAllLines(deliveredFile(run), StandardCharsets.UTF_8));
    }
    int deliveredByWorkers = delivered.size();
    kit.relay(event -> delivered.add(event.eventId()), clock).relayUntilEmpty(10_000);
    Set<String> events = eventIds(dataSource);
    assertThat(delivered).as("delivered events on %s", dialect).containsAll(events);
    assertThat(audit.outboxRows("PENDING")).as("pending events on %s", dialect).isZero();

    Map<String, Long> retried = outputs.values().stream().flatMap(List::stream)
        .filter(line -> line.startsWith("RETRY ")).map(line -> {
          String[] fields = line.split(" ");
          return fields[2] + " " + fields[3] + " " + fields[4];
        }).collect(Collectors.groupingBy(kind -> kind, TreeMap::new, Collectors.counting()));
    // Each run's probe (a query on a missing table) shows that the observation sees errors.
    Map<String, Long> databaseErrors = new TreeMap<>();
    for (Map.Entry<String, List<String>> run : outputs.entrySet()) {
      List<String> lines = run.getValue();
      assertThat(lines).as("the probe of run %s", run.getKey()).isNotEmpty();
      String probe = lines.stream().filter(line -> line.startsWith("PROBE ")).findFirst()
          .orElseThrow(() -> new AssertionError("run " + run.getKey() + " has no probe line"));
      String probeState = probe.substring(6);
      assertThat(lines.indexOf("DBERROR " + probeState + " " + probeCode(lines, probeState)))
          .as("the probe's DBERROR line of run %s", run.getKey())
          .isBetween(0, lines.indexOf(probe));
      lines.stream().filter(line -> line.startsWith("DBERROR "))
          .filter(line -> !line.startsWith("DBERROR " + probeState + " "))
          .forEach(line -> databaseErrors.merge(line.substring(8), 1L, Long::sum));
    }
    int submissions = firstPlan + plans.get(1).stream().mapToInt(List::size).sum();
    ReliabilityMode.report("concurrency across processes", dialect, String.join("; ", List.of(
        PROCESSES + " JVMs x " + THREADS + " threads, " + submissions + " submissions ("
            + payments + " keyed payments of which " + repeats + " repeat a key, the rest"
            + " sweeps and relay runs) on " + INVOICES + " invoices",
        "process a killed (SIGKILL) after " + acknowledgedBeforeKill + " of its " + firstPlan
            + " commands and restarted with its whole plan",
        "database errors below the library (SQLSTATE vendor code: count, the probe left out) "
            + databaseErrors,
        "failures that reached the hosts, each retried with its key (kind exception SQLSTATEs:"
            + " count) " + retried,
        "0 unclassified, 0 permanent",
        distinct.size() + " distinct payments, " + stored + " stored, 0 lost, 0 doubled",
        events.size() + " events, " + deliveredByWorkers + " delivered by the workers' relays,"
            + " 0 undelivered, 0 pending",
        "0 audit violations",
        "processes " + Duration.ofNanos(processesEnded - began).toMillis() + " ms")));
  }

  private Path settings(Dialect dialect, DataSource dataSource, List<InvoiceId> invoices,
      List<List<Submission>> plan, String run) throws IOException {
    Path planFile = directory.resolve("plan-" + run + ".txt");
    List<String> lines = new ArrayList<>();
    for (int t = 0; t < plan.size(); t++) {
      for (Submission s : plan.get(t)) {
        lines.add(t + "|" + s.action() + "|" + s.key() + "|" + s.invoice() + "|" + s.amount());
      }
    }
    Files.write(planFile, lines, StandardCharsets.UTF_8);
    Properties settings = new Properties();
    settings.setProperty("dialect", dialect.name());
    if (dataSource instanceof PGSimpleDataSource postgres) {
      settings.setProperty("url", postgres.getURL());
      settings.setProperty("user", postgres.getUser());
      settings.setProperty("password", postgres.getPassword() == null ? ""
          : postgres.getPassword());
    } else {
      settings.setProperty("url", ((MariaDbDataSource) dataSource).getUrl());
    }
    settings.setProperty("tenant", TENANT.value());
    settings.setProperty("invoices", String.join(",",
        invoices.stream().map(InvoiceId::value).toList()));
    settings.setProperty("clock", CLOCK);
    settings.setProperty("ids", run + "-");
    settings.setProperty("threads", Integer.toString(THREADS));
    settings.setProperty("plan", planFile.toString());
    settings.setProperty("out", output(run).toString());
    settings.setProperty("delivered", deliveredFile(run).toString());
    Path file = directory.resolve("settings-" + run + ".properties");
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      settings.store(writer, "CrossProcessWorker " + run);
    }
    return file;
  }

  private Process start(Path settings, String run) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-Dorg.slf4j.simpleLogger.log.org.mariadb.jdbc=error",
        "-cp", System.getProperty("java.class.path"),
        CrossProcessWorker.class.getName(), settings.toString())
        .redirectErrorStream(true)
        .redirectOutput(directory.resolve("log-" + run + ".txt").toFile())
        .start();
    started.add(process);
    return process;
  }

  private Path output(String run) {
    return directory.resolve("out-" + run + ".txt");
  }

  private Path deliveredFile(String run) {
    return directory.resolve("delivered-" + run + ".txt");
  }

  private String tail(String run) {
    return PostgresBinaries.tail(directory.resolve("log-" + run + ".txt"));
  }

  /** The vendor code on the probe's DBERROR line. */
  private static String probeCode(List<String> lines, String state) {
    return lines.stream().filter(line -> line.startsWith("DBERROR " + state + " "))
        .map(line -> line.substring(("DBERROR " + state + " ").length())).findFirst()
        .orElse("?");
  }

  private static int count(Path file, String prefix) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    return (int) Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .filter(line -> line.startsWith(prefix)).count();
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
}
