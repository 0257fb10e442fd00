package dev.invoicekit.jdbc.reliability;

import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.Dialect;
import dev.invoicekit.jdbc.JdbcInvoiceKit;
import dev.invoicekit.jdbc.OutboxRelay;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.ports.InvoicePersistenceException.Kind;
import dev.invoicekit.ports.StaleInvoiceException;
import dev.invoicekit.service.IdempotencyKey;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.service.PaymentRequest;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.joda.money.Money;

/**
 * The host of the failover suite: two application instances (an {@link InvoiceService} each, on a
 * {@link JdbcInvoiceKit} over a data source of its own) and eight threads per instance that record
 * keyed payments on a handful of sent invoices (about one in seven repeating an earlier payment
 * of the thread under its key), create and send invoices (keyed), and run the outbox relay and
 * the overdue sweep, from a plan drawn from a seed.
 *
 * <p>What a careful host does with a failure: a retryable {@link InvoicePersistenceException}
 * (transient, or outcome unknown) is tried again with the same idempotency key after a pause,
 * until it succeeds or {@link #RETRY_LIMIT} passes. Anything else (a permanent failure, another
 * exception, the limit) is recorded as a violation and the command is given up. Every attempt
 * that failed is recorded with its kind, its duration and the SQLSTATEs of its causes.
 *
 * <p>Thread-safe records; one controlling thread calls the other methods.
 */
final class FailoverLoad implements AutoCloseable {

  static final int INSTANCES = 2;
  static final int THREADS_PER_INSTANCE = 8;
  /** The invoices the payments go to; every second one is past due, for the sweep. */
  static final int INVOICES = 8;
  /** How long the host retries one command. */
  static final Duration RETRY_LIMIT = Duration.ofSeconds(60);
  private static final Duration RETRY_PAUSE = Duration.ofMillis(100);
  private static final List<Money> AMOUNTS = List.of(Money.parse("EUR 1.00"),
      Money.parse("EUR 2.50"), Money.parse("EUR 0.01"), Money.parse("EUR 10.00"));

  /** What a command of the plan does. */
  enum Action {
    /** Records a payment under its key (a repeated key resubmits an earlier payment). */
    PAY,
    /** Creates a draft and sends it, each under a key of its own. */
    SEND,
    /** Runs one batch of the outbox relay. */
    RELAY,
    /** Runs the overdue sweep of the tenant. */
    SWEEP
  }

  /**
   * One command of a thread's plan.
   *
   * @param thread the thread, 0 to 15; even threads on instance 0, odd ones on instance 1
   * @param action what it does
   * @param key the idempotency key of a payment or a send, else a name
   * @param invoice the index of the invoice a payment goes to
   * @param amount the amount of a payment
   * @param repeated whether a payment repeats an earlier one under its key
   */
  record Command(int thread, Action action, String key, int invoice, Money amount,
      boolean repeated) {}

  /** A command that was acknowledged: when it started and ended ({@link System#nanoTime()}). */
  record Ack(Command command, long startedAt, long endedAt) {}

  /**
   * One failed attempt of a command.
   *
   * @param command the command
   * @param kind the library's kind, or null when the failure was not the library's exception
   * @param type the exception's class
   * @param nanos how long the attempt took until it failed
   * @param sqlStates the SQLSTATEs of the driver's exceptions among its causes
   * @param conflict whether it was a lost race (a stale write, a serialization failure or a
   *     deadlock) rather than the switch
   * @param startedAt when the attempt started, by {@link System#nanoTime()}
   */
  record Failure(Command command, Kind kind, String type, long nanos, List<String> sqlStates,
      boolean conflict, long startedAt) {}

  private final TenantId tenant;
  private final Clock clock;
  private final List<InvoiceService> services = new ArrayList<>();
  private final List<OutboxRelay> relays = new ArrayList<>();
  private final List<InvoiceId> invoices = new ArrayList<>();
  private final List<List<Command>> plans = new ArrayList<>();
  private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();
  private final List<Ack> acks = Collections.synchronizedList(new ArrayList<>());
  private final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, InvoiceId> sent = new ConcurrentHashMap<>();
  private final AtomicInteger acknowledged = new AtomicInteger();
  private ExecutorService pool;
  private final List<Future<?>> running = new ArrayList<>();

  /**
   * Two instances, each on one of the data sources, and the plan of every thread.
   *
   * @param dataSources one per instance
   */
  FailoverLoad(List<DataSource> dataSources, Clock clock, TenantId tenant, Random random,
      int commandsPerThread) {
    this.tenant = tenant;
    this.clock = clock;
    for (int i = 0; i < INSTANCES; i++) {
      JdbcInvoiceKit kit = JdbcInvoiceKit.of(dataSources.get(i), Dialect.POSTGRESQL);
      services.add(kit.configure(InvoiceService.builder())
          .clock(clock, ZoneId.of("UTC"))
          .ids(new SequentialIdSource((char) ('a' + i) + "-"))
          .build());
      relays.add(kit.relay(this::deliver, clock).withBatchSize(20)
          .withTargetOutsideItsTransaction());
    }
    for (int t = 0; t < INSTANCES * THREADS_PER_INSTANCE; t++) {
      List<Command> plan = new ArrayList<>();
      List<Command> paid = new ArrayList<>();
      for (int i = 0; i < commandsPerThread; i++) {
        int draw = random.nextInt(100);
        Command command;
        if (draw < 60 || draw < 70 && paid.isEmpty()) {
          command = new Command(t, Action.PAY, "pay-" + t + "-" + i, random.nextInt(INVOICES),
              AMOUNTS.get(random.nextInt(AMOUNTS.size())), false);
          paid.add(command);
        } else if (draw < 70) {
          Command earlier = paid.get(paid.size() - 1 - random.nextInt(Math.min(paid.size(), 3)));
          command = new Command(t, Action.PAY, earlier.key(), earlier.invoice(),
              earlier.amount(), true);
        } else if (draw < 84) {
          command = new Command(t, Action.SEND, "send-" + t + "-" + i, -1, null, false);
        } else if (draw < 93) {
          command = new Command(t, Action.RELAY, "relay-" + t + "-" + i, -1, null, false);
        } else {
          command = new Command(t, Action.SWEEP, "sweep-" + t + "-" + i, -1, null, false);
        }
        plan.add(command);
      }
      plans.add(plan);
    }
  }

  /**
   * Creates and sends the invoices the payments go to, before the load: every second one dated 45
   * days back with net 30 terms, so that it is past due and the sweep marks it.
   */
  void createInvoices() {
    InvoiceService service = services.get(0);
    LocalDate today = LocalDate.now(clock);
    for (int i = 0; i < INVOICES; i++) {
      Invoice draft = service.createDraft(service.newDraft(tenant)
          .invoiceDate(i % 2 == 1 ? today.minusDays(45) : today)
          .account(AccountId.of("acme"))
          .currency("EUR")
          .paymentTerms(PaymentTerms.net(30))
          .addLine(ServiceFixture.line("Retainer", 1, "10000000.00"))
          .build());
      invoices.add(service.send(tenant, draft.id()).id());
    }
  }

  /** Starts every thread on its plan; returns at once. */
  void start() {
    pool = Executors.newFixedThreadPool(plans.size());
    for (List<Command> plan : plans) {
      running.add(pool.submit(() -> {
        for (Command command : plan) {
          perform(command);
        }
        return null;
      }));
    }
  }

  /** Waits until every thread has run its plan. */
  void awaitEnd(Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    try {
      for (Future<?> future : running) {
        future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } finally {
      close();
    }
  }

  /** Stops every thread (interrupting its pauses between retries) and waits for them. */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
      try {
        pool.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** How many commands were acknowledged so far. */
  int acknowledged() {
    return acknowledged.get();
  }

  List<List<Command>> plans() {
    return plans;
  }

  List<InvoiceId> invoices() {
    return invoices;
  }

  List<Ack> acks() {
    synchronized (acks) {
      return List.copyOf(acks);
    }
  }

  List<Failure> failures() {
    synchronized (failures) {
      return List.copyOf(failures);
    }
  }

  List<String> violations() {
    synchronized (violations) {
      return List.copyOf(violations);
    }
  }

  /** The invoices the SEND commands created, by the command's key. */
  Map<String, InvoiceId> sent() {
    return Map.copyOf(sent);
  }

  /** How often the relays delivered each event, by event id. */
  Map<String, Integer> deliveries() {
    return Map.copyOf(deliveries);
  }

  /** The relay's target: the host's notification port, counting deliveries. */
  void deliver(InvoiceEvent event) {
    deliveries.merge(event.eventId(), 1, Integer::sum);
  }

  private void perform(Command command) {
    InvoiceService service = services.get(command.thread() % INSTANCES);
    long started = System.nanoTime();
    switch (command.action()) {
      case PAY -> {
        PaymentRequest request = new PaymentRequest.Builder()
            .amount(command.amount())
            .reference(command.key())
            .build();
        if (retried(command, () -> service.recordPayment(tenant,
            invoices.get(command.invoice()), request, IdempotencyKey.of(command.key())))) {
          acknowledge(command, started);
        }
      }
      case SEND -> {
        // Built once: a retry submits the same draft under the same key.
        Invoice draft = service.newDraft(tenant)
            .account(AccountId.of("acme"))
            .currency("EUR")
            .paymentTerms(PaymentTerms.net(30))
            .addLine(ServiceFixture.line("Licence", 2, "450.00"))
            .build();
        Invoice[] created = new Invoice[1];
        if (retried(command, () -> created[0] = service.createDraft(draft,
                IdempotencyKey.of("draft-" + command.key())))
            && retried(command, () -> service.send(tenant, created[0].id(),
                IdempotencyKey.of(command.key())))) {
          sent.put(command.key(), created[0].id());
          acknowledge(command, started);
        }
      }
      case RELAY -> {
        if (retried(command, () -> relays.get(command.thread() % INSTANCES).relayOnce())) {
          acknowledge(command, started);
        }
      }
      case SWEEP -> {
        if (retried(command, () -> service.sweepOverdue(tenant))) {
          acknowledge(command, started);
        }
      }
      default -> throw new IllegalStateException("No such action " + command.action());
    }
  }

  private void acknowledge(Command command, long started) {
    acks.add(new Ack(command, started, System.nanoTime()));
    acknowledged.incrementAndGet();
  }

  /**
   * Runs one command as a careful host does: again with the same key while it fails retryably,
   * within {@link #RETRY_LIMIT}. False if it was given up (a violation is recorded).
   */
  private boolean retried(Command command, Supplier<?> attempt) {
    long deadline = System.nanoTime() + RETRY_LIMIT.toNanos();
    while (true) {
      long started = System.nanoTime();
      try {
        attempt.get();
        return true;
      } catch (InvoicePersistenceException e) {
        List<String> states = sqlStates(e);
        boolean conflict = e instanceof StaleInvoiceException
            || states.stream().anyMatch(s -> s.equals("40001") || s.equals("40P01")
                || s.equals("55P03"));
        failures.add(new Failure(command, e.kind(), e.getClass().getSimpleName(),
            System.nanoTime() - started, states, conflict, started));
        if (!e.isRetryable()) {
          violations.add(command + ": not retryable: " + e.kind() + " " + e.getMessage());
          return false;
        }
      } catch (RuntimeException e) {
        failures.add(new Failure(command, null, e.getClass().getName(),
            System.nanoTime() - started, sqlStates(e), false, started));
        violations.add(command + ": not the library's exception: " + e);
        return false;
      }
      if (System.nanoTime() > deadline) {
        violations.add(command + ": still failing after " + RETRY_LIMIT);
        return false;
      }
      pause();
    }
  }

  /** The SQLSTATEs of the driver's exceptions behind a failure, causes and next exceptions. */
  static List<String> sqlStates(Throwable failure) {
    List<String> states = new ArrayList<>();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        for (SQLException next = sql; next != null; next = next.getNextException()) {
          if (next.getSQLState() != null && !states.contains(next.getSQLState())) {
            states.add(next.getSQLState());
          }
        }
      }
    }
    return states;
  }

  private static void pause() {
    try {
      Thread.sleep(RETRY_PAUSE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted between retries", e);
    }
  }
}
