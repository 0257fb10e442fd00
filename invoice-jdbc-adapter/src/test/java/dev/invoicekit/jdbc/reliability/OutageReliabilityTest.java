package dev.invoicekit.jdbc.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.Dialect;
import dev.invoicekit.jdbc.JdbcInvoiceKit;
import dev.invoicekit.jdbc.SchemaInstaller;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.ports.InvoicePersistenceException.Kind;
import dev.invoicekit.service.IdempotencyKey;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.service.PaymentRequest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.joda.money.Money;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database outage, on a PostgreSQL server the test starts and stops itself (its own data
 * directory, its own port on 127.0.0.1, fast shutdown as an administrator or an orchestrator does
 * it). Each cycle: keyed payments are recorded while the server is up; the server stops in the
 * middle of one payment (alternately before one of its statements and right before its commit);
 * further keyed payments and a read are issued while it is down; it starts again on the same data
 * directory and port; every failed payment is retried with its key until it succeeds, and then
 * submitted once more. Every failure during the outage must be retryable (transient, or outcome
 * unknown for the commit) with the library's own message; afterwards every invoice holds each
 * payment exactly once, its paid amount is their sum and the audit finds one event per version.
 */
class OutageReliabilityTest {

  private static final TenantId TENANT = TenantId.of("tenant-a");
  private static final Money TOTAL_PRICE = Money.parse("EUR 100000.00");
  private static final Money AMOUNT = Money.parse("EUR 12.34");
  /** Bounds on retrying one command after the restart. */
  private static final int MAX_RETRIES = 50;
  private static final Duration RETRY_TIME = Duration.ofSeconds(30);

  @TempDir
  static Path directory;
  private static int port;
  private static EmbeddedPostgres server;

  private final SteppingClock clock =
      new SteppingClock(Instant.parse("2026-11-02T09:00:00Z"), ZoneId.of("UTC"));

  @BeforeAll
  static void startTheServer() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = probe.getLocalPort();
    }
    start();
    SchemaInstaller.install(dataSource(), Dialect.POSTGRESQL);
  }

  @AfterAll
  static void stopTheServer() {
    stop();
  }

  /** How the server goes down in a cycle. */
  private enum StopAt {
    /** Before the third statement of a payment's transaction: the transaction is lost. */
    STATEMENT,
    /** Right before a payment's commit: the commit fails on the lost connection. */
    COMMIT
  }

  /** One payment the customer made, submitted under its key until it is recorded. */
  private record Submission(String key, int invoice) {}

  @Test
  @Timeout(300)
  void keyedPaymentsDuringAnOutageFailRetryablyAndTheirRetriesAfterTheRestartApplyEachOnce() {
    int invoiceCount = ReliabilityMode.pick(3, 10);
    int cycles = ReliabilityMode.pick(2, 6);
    int paymentsWhileDown = ReliabilityMode.pick(3, 20);
    ServerStopper stopper = new ServerStopper(dataSource());
    InvoiceService service = JdbcInvoiceKit.of(stopper.dataSource(), Dialect.POSTGRESQL)
        .configure(InvoiceService.builder())
        .clock(clock, ZoneId.of("Europe/Berlin"))
        .ids(new SequentialIdSource("o-"))
        .build();
    List<InvoiceId> invoices = new ArrayList<>();
    for (int i = 0; i < invoiceCount; i++) {
      Invoice draft = service.createDraft(service.newDraft(TENANT)
          .account(AccountId.of("acme"))
          .currency("EUR")
          .paymentTerms(PaymentTerms.net(30))
          .addLine(ServiceFixture.line("Retainer", 1, TOTAL_PRICE.getAmount().toPlainString()))
          .build());
      invoices.add(service.send(TENANT, draft.id()).id());
    }

    Map<String, Submission> submitted = new LinkedHashMap<>();
    Map<Kind, Integer> failuresByKind = new EnumMap<>(Kind.class);
    TreeSet<String> sqlStates = new TreeSet<>();
    long slowestFailureNanos = 0;
    long downFailureNanos = 0;
    int downFailures = 0;
    long downNanos = 0;
    long restartNanos = 0;
    int retriesAfterRestart = 0;
    int replays = 0;
    for (int cycle = 1; cycle <= cycles; cycle++) {
      StopAt stopAt = cycle % 2 == 1 ? StopAt.STATEMENT : StopAt.COMMIT;
      // Up: one payment per invoice.
      for (int i = 0; i < invoiceCount; i++) {
        Submission up = new Submission("up-" + cycle + "-" + i, i);
        submitted.put(up.key(), up);
        pay(service, invoices, up);
      }
      // The server stops in the middle of a payment, then more payments and a read while down.
      List<Submission> failed = new ArrayList<>();
      List<Submission> whileDown = new ArrayList<>();
      whileDown.add(new Submission("stop-" + cycle, cycle % invoiceCount));
      for (int p = 0; p < paymentsWhileDown; p++) {
        whileDown.add(new Submission("down-" + cycle + "-" + p, p % invoiceCount));
      }
      if (stopAt == StopAt.STATEMENT) {
        stopper.stopBeforeStatement(3);
      } else {
        stopper.stopBeforeCommit();
      }
      long downSince = 0;
      for (Submission submission : whileDown) {
        submitted.put(submission.key(), submission);
        long started = System.nanoTime();
        InvoicePersistenceException failure = catchThrowableOfType(
            InvoicePersistenceException.class, () -> pay(service, invoices, submission));
        long took = System.nanoTime() - started;
        slowestFailureNanos = Math.max(slowestFailureNanos, took);
        if (!submission.key().startsWith("stop-")) {
          downFailureNanos += took;
          downFailures++;
        }
        if (downSince == 0) {
          downSince = stopper.stoppedAt();
        }
        assertThat(failure).as("payment %s while the server is down", submission.key())
            .isNotNull();
        assertRetryableWithTheLibrarysMessage(failure, submission.key());
        if (submission.key().startsWith("stop-")) {
          assertThat(failure.kind()).as("kind of %s, server stopped at %s", submission.key(),
              stopAt).isEqualTo(stopAt == StopAt.COMMIT ? Kind.OUTCOME_UNKNOWN : Kind.TRANSIENT);
        }
        failuresByKind.merge(failure.kind(), 1, Integer::sum);
        sqlStates.addAll(sqlStatesOf(failure));
        failed.add(submission);
      }
      InvoicePersistenceException read = catchThrowableOfType(InvoicePersistenceException.class,
          () -> service.find(TENANT, invoices.get(0)));
      assertThat(read).as("a read while the server is down").isNotNull();
      assertRetryableWithTheLibrarysMessage(read, "find");
      assertThat(read.kind()).isEqualTo(Kind.TRANSIENT);
      failuresByKind.merge(read.kind(), 1, Integer::sum);
      sqlStates.addAll(sqlStatesOf(read));

      // Up again on the same data directory and port; every failed payment retried with its key.
      long restartStarted = System.nanoTime();
      start();
      restartNanos = Math.max(restartNanos, System.nanoTime() - restartStarted);
      downNanos = Math.max(downNanos, System.nanoTime() - downSince);
      for (Submission submission : failed) {
        retriesAfterRestart += payUntilRecorded(service, invoices, submission);
      }
      // The customer's bank submits every one of them once more: each replays.
      for (Submission submission : failed) {
        Invoice replayed = pay(service, invoices, submission);
        assertThat(replayed.payments()).extracting(p -> p.reference().orElseThrow())
            .containsOnlyOnce(submission.key());
        replays++;
      }
    }

    int recorded = 0;
    int doubled = 0;
    int lost = 0;
    for (int i = 0; i < invoiceCount; i++) {
      Invoice stored = service.find(TENANT, invoices.get(i)).orElseThrow();
      Map<String, Integer> seen = new HashMap<>();
      for (Payment payment : stored.payments()) {
        seen.merge(payment.reference().orElseThrow(), 1, Integer::sum);
      }
      int invoice = i;
      List<String> wanted = submitted.values().stream().filter(s -> s.invoice() == invoice)
          .map(Submission::key).toList();
      lost += (int) wanted.stream().filter(key -> !seen.containsKey(key)).count();
      doubled += seen.values().stream().mapToInt(count -> count - 1).sum();
      assertThat(seen.keySet()).as("payments of invoice %s", i)
          .containsExactlyInAnyOrderElementsOf(wanted);
      assertThat(stored.totals().amountPaid()).as("paid on invoice %s", i)
          .isEqualTo(AMOUNT.multipliedBy(wanted.size()));
      recorded += stored.payments().size();
    }
    assertThat(lost).as("lost payments").isZero();
    assertThat(doubled).as("doubled payments").isZero();
    assertThat(recorded).isEqualTo(submitted.size());
    assertThat(new Audit(dataSource()).violations(TENANT)).isEmpty();
    int failures = failuresByKind.values().stream().mapToInt(Integer::intValue).sum();
    ReliabilityMode.report("database outage", "POSTGRESQL (own server, fast shutdown)",
        cycles + " stop/start cycles (server stopped before a statement and before a commit,"
            + " alternately), " + invoiceCount + " invoices, " + submitted.size()
            + " distinct keyed payments, " + failures + " failed commands while down ("
            + failuresByKind.getOrDefault(Kind.TRANSIENT, 0) + " transient, "
            + failuresByKind.getOrDefault(Kind.OUTCOME_UNKNOWN, 0) + " outcome unknown, "
            + failuresByKind.getOrDefault(Kind.PERMANENT, 0) + " permanent), driver SQLSTATEs "
            + sqlStates + ", mean failure while down "
            + String.format(Locale.ROOT, "%.1f", downFailureNanos / 1e6 / downFailures)
            + " ms, slowest failure (the stop included) " + millis(slowestFailureNanos)
            + " ms, longest outage " + millis(downNanos) + " ms (restart " + millis(restartNanos)
            + " ms), " + retriesAfterRestart + " retries after the restart beyond the first, "
            + replays + " replays, " + recorded + " payments recorded, " + lost + " lost, "
            + doubled
            + " doubled, 0 audit violations");
  }

  /** Records the submission's payment under its key. */
  private static Invoice pay(InvoiceService service, List<InvoiceId> invoices,
      Submission submission) {
    PaymentRequest request = new PaymentRequest.Builder()
        .amount(AMOUNT)
        .reference(submission.key())
        .build();
    return service.recordPayment(TENANT, invoices.get(submission.invoice()), request,
        IdempotencyKey.of(submission.key()));
  }

  /**
   * Submits again while the failure is retryable, at most {@link #MAX_RETRIES} times and for
   * {@link #RETRY_TIME}; returns how many attempts it took beyond the first.
   */
  private static int payUntilRecorded(InvoiceService service, List<InvoiceId> invoices,
      Submission submission) {
    long deadline = System.nanoTime() + RETRY_TIME.toNanos();
    for (int attempt = 1; ; attempt++) {
      try {
        Invoice paid = pay(service, invoices, submission);
        assertThat(paid.payments()).extracting(p -> p.reference().orElseThrow())
            .containsOnlyOnce(submission.key());
        return attempt - 1;
      } catch (InvoicePersistenceException e) {
        if (!e.isRetryable() || attempt >= MAX_RETRIES || System.nanoTime() > deadline) {
          throw e;
        }
        sleep(Duration.ofMillis(100));
      }
    }
  }

  private static void assertRetryableWithTheLibrarysMessage(InvoicePersistenceException failure,
      String what) {
    assertThat(failure.isRetryable()).as("retryable: %s", what).isTrue();
    assertThat(failure.kind()).as("kind of %s", what).isNotEqualTo(Kind.PERMANENT);
    assertThat(failure.getMessage()).as("message of %s", what)
        .startsWith("Could not ")
        .doesNotContain("127.0.0.1", "localhost", "postmaster", "terminating", "I/O error",
            "INSERT", "UPDATE", "SELECT", "ik_");
    assertThat(sqlStatesOf(failure)).as("the driver's exception is the cause").isNotEmpty();
  }

  /** The SQLSTATEs of the driver's exceptions behind the failure. */
  private static List<String> sqlStatesOf(Throwable failure) {
    List<String> states = new ArrayList<>();
    for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        states.add(sql.getSQLState());
      }
    }
    return states;
  }

  private static DataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setServerNames(new String[] {"127.0.0.1"});
    dataSource.setPortNumbers(new int[] {port});
    dataSource.setDatabaseName("postgres");
    dataSource.setUser("postgres");
    dataSource.setConnectTimeout(5);
    dataSource.setSocketTimeout(30);
    return dataSource;
  }

  private static synchronized void start() {
    try {
      server = EmbeddedPostgres.builder()
          .setPort(port)
          .setDataDirectory(directory.resolve("data"))
          .setCleanDataDirectory(false)
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("synchronous_commit", "on")
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the test's PostgreSQL on port " + port, e);
    }
  }

  private static synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stop the test's PostgreSQL", e);
    } finally {
      server = null;
    }
  }

  private static long millis(long nanos) {
    return Duration.ofNanos(nanos).toMillis();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting to retry", e);
    }
  }

  /**
   * Wraps the data source so that the server stops at a chosen moment of the next transaction:
   * before its k-th statement execution, or right before its commit; the call then goes on to the
   * real connection, whose server is gone. Plain {@link Proxy} forwarding; one thread at a time.
   */
  private static final class ServerStopper {

    private final DataSource dataSource;
    private int statementsUntilStop;
    private boolean stopAtCommit;
    private long stoppedAt;

    ServerStopper(DataSource target) {
      this.dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {DataSource.class}, forwarding(target, method -> { },
              result -> result instanceof Connection c ? connection(c) : result));
    }

    DataSource dataSource() {
      return dataSource;
    }

    void stopBeforeStatement(int k) {
      statementsUntilStop = k;
      stopAtCommit = false;
    }

    void stopBeforeCommit() {
      stopAtCommit = true;
      statementsUntilStop = 0;
    }

    /** When the server was last stopped, by {@link System#nanoTime()}. */
    long stoppedAt() {
      return stoppedAt;
    }

    private void stopNow() {
      stoppedAt = System.nanoTime();
      stop();
    }

    private Connection connection(Connection target) {
      return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {Connection.class}, forwarding(target, method -> {
            if (method.equals("commit") && stopAtCommit) {
              stopAtCommit = false;
              stopNow();
            }
          }, result -> result instanceof Statement s ? statement(s) : result));
    }

    private Statement statement(Statement target) {
      Class<?> type = target instanceof CallableStatement ? CallableStatement.class
          : target instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
      return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {type}, forwarding(target, method -> {
            if (method.startsWith("execute") && statementsUntilStop > 0
                && --statementsUntilStop == 0) {
              stopNow();
            }
          }, result -> result));
    }

    private interface BeforeCall {
      void run(String methodName);
    }

    private interface AfterCall {
      Object apply(Object result);
    }

    private static InvocationHandler forwarding(Object target, BeforeCall before,
        AfterCall after) {
      return (proxy, method, args) -> {
        before.run(method.getName());
        try {
          return after.apply(method.invoke(target, args));
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      };
    }
  }
}
