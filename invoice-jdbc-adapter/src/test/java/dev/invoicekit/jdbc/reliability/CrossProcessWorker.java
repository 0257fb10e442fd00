package dev.invoicekit.jdbc.reliability;

import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.Dialect;
import dev.invoicekit.jdbc.JdbcInvoiceKit;
import dev.invoicekit.jdbc.OutboxRelay;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.service.IdempotencyKey;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.service.PaymentRequest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.joda.money.Money;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One application instance of {@link CrossProcessReliabilityTest}, run in a JVM of its own:
 * {@code java -cp <the test class path> dev.invoicekit.jdbc.reliability.CrossProcessWorker
 * <settings file>}. It runs its plan on a few threads (keyed payments, sweeps, relay runs), retries
 * what fails retryably with the same key, and writes one line per outcome to its output file,
 * flushed at once, so that what it did is known even when it is killed:
 *
 * <ul>
 *   <li>{@code ACK <key>}: the command was acknowledged;
 *   <li>{@code RETRY <key> <kind> <exception> <SQLSTATEs>}: a retryable failure reached this
 *       host, which retries;
 *   <li>{@code UNCLASSIFIED <key> ...}: a failure that is not the library's exception, or a
 *       permanent one whose cause the database calls retryable (a deadlock, a serialization
 *       failure, a lost connection);
 *   <li>{@code PERMANENT <key> ...}: any other permanent failure (none is expected);
 *   <li>{@code DBERROR <SQLSTATE> <vendor code>}: every {@link SQLException} the driver threw, seen
 *       below the library, whether the service retried it or not;
 *   <li>{@code PROBE <SQLSTATE>} first, after a query on a table that does not exist, which
 *       proves that the observation below the library sees the driver's errors (its own
 *       {@code DBERROR} line comes before);
 *   <li>{@code DONE <acknowledged>} at the end.
 * </ul>
 *
 * <p>Its relay writes the id of every event it delivers to a second file, before the relay marks
 * it delivered.
 */
public final class CrossProcessWorker {

  /** SQLSTATEs and vendor codes the database uses for a retryable condition. */
  private static final Set<String> RETRYABLE_STATES = Set.of("40001", "40P01", "55P03", "57014",
      "57P01", "57P02", "57P03", "HYT00");
  private static final Set<Integer> RETRYABLE_CODES = Set.of(1020, 1205, 1213, 1317, 1927, 1969);

  /** A table that does not exist, for the probe of the observation at start. */
  static final String PROBE_TABLE = "ik_probe_of_the_observation";

  private final BufferedWriter out;
  private final BufferedWriter delivered;

  private CrossProcessWorker(Path out, Path delivered) throws IOException {
    this.out = Files.newBufferedWriter(out, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    this.delivered = Files.newBufferedWriter(delivered, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /**
   * Runs the plan the settings file names.
   *
   * @param args the settings file
   * @throws Exception when the worker itself fails (its exit code is then not 0)
   */
  public static void main(String[] args) throws Exception {
    Properties settings = new Properties();
    try (Reader reader = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
      settings.load(reader);
    }
    CrossProcessWorker worker = new CrossProcessWorker(Path.of(settings.getProperty("out")),
        Path.of(settings.getProperty("delivered")));
    worker.run(settings);
  }

  private void run(Properties settings) throws Exception {
    Dialect dialect = Dialect.valueOf(settings.getProperty("dialect"));
    DataSource dataSource = observed(dataSource(dialect, settings));
    // Proves the observation: a statement on a table that does not exist is one DBERROR line.
    try (Connection connection = dataSource.getConnection();
        Statement probe = connection.createStatement()) {
      probe.executeQuery("SELECT 1 FROM " + PROBE_TABLE);
    } catch (SQLException expected) {
      write("PROBE " + expected.getSQLState());
    }
    TenantId tenant = TenantId.of(settings.getProperty("tenant"));
    List<InvoiceId> invoices = Arrays.stream(settings.getProperty("invoices").split(","))
        .map(InvoiceId::of).toList();
    SteppingClock clock = new SteppingClock(Instant.parse(settings.getProperty("clock")),
        ZoneId.of("UTC"));
    JdbcInvoiceKit kit = JdbcInvoiceKit.of(dataSource, dialect);
    InvoiceService service = kit.configure(InvoiceService.builder())
        .clock(clock, ZoneId.of("UTC"))
        .ids(new SequentialIdSource(settings.getProperty("ids")))
        .build();
    OutboxRelay relay = kit.relay(this::deliver, clock).withBatchSize(10)
        .withTargetOutsideItsTransaction();
    int threads = Integer.parseInt(settings.getProperty("threads"));
    List<List<String[]>> plans = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      plans.add(new ArrayList<>());
    }
    for (String line : Files.readAllLines(Path.of(settings.getProperty("plan")),
        StandardCharsets.UTF_8)) {
      String[] fields = line.split("\\|");
      plans.get(Integer.parseInt(fields[0])).add(fields);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Integer>> running = new ArrayList<>();
    for (List<String[]> plan : plans) {
      running.add(pool.submit(() -> {
        int acknowledged = 0;
        for (String[] command : plan) {
          String key = command[2];
          boolean done = switch (command[1]) {
            case "PAY" -> retried(key, () -> service.recordPayment(tenant,
                invoices.get(Integer.parseInt(command[3])), new PaymentRequest.Builder()
                    .amount(Money.parse("EUR " + command[4])).reference(key).build(),
                IdempotencyKey.of(key)));
            case "SWEEP" -> retried(key, () -> service.sweepOverdue(tenant));
            case "RELAY" -> retried(key, relay::relayOnce);
            default -> throw new IllegalArgumentException("No such command " + command[1]);
          };
          if (done) {
            acknowledged++;
            write("ACK " + key);
          }
        }
        return acknowledged;
      }));
    }
    int acknowledged = 0;
    for (Future<Integer> future : running) {
      acknowledged += future.get();
    }
    pool.shutdown();
    write("DONE " + acknowledged);
  }

  /** Runs a command, again with the same key while it fails retryably; false if given up. */
  private boolean retried(String key, Supplier<?> attempt) {
    for (int tries = 1; ; tries++) {
      try {
        attempt.get();
        return true;
      } catch (InvoicePersistenceException e) {
        List<String> causes = FailoverLoad.sqlStates(e);
        String states = causes.isEmpty() ? "-" : String.join(",", causes);
        if (e.isRetryable()) {
          write("RETRY " + key + " " + e.kind() + " " + e.getClass().getSimpleName() + " "
              + states);
        } else if (retryableCause(e)) {
          write("UNCLASSIFIED " + key + " PERMANENT " + states + " " + e.getClass().getName());
          return false;
        } else {
          write("PERMANENT " + key + " " + states + " " + e.getMessage());
          return false;
        }
      } catch (RuntimeException e) {
        write("UNCLASSIFIED " + key + " " + e.getClass().getName() + " "
            + String.join(",", FailoverLoad.sqlStates(e)));
        return false;
      }
      if (tries >= 200) {
        write("GAVEUP " + key);
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  private static boolean retryableCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        for (SQLException next = sql; next != null; next = next.getNextException()) {
          String state = next.getSQLState();
          if (state != null && (RETRYABLE_STATES.contains(state) || state.startsWith("08"))
              || RETRYABLE_CODES.contains(next.getErrorCode())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private void deliver(InvoiceEvent event) {
    synchronized (delivered) {
      try {
        delivered.write(event.eventId());
        delivered.newLine();
        delivered.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void write(String line) {
    synchronized (out) {
      try {
        out.write(line.replace('\n', ' '));
        out.newLine();
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static DataSource dataSource(Dialect dialect, Properties settings) throws SQLException {
    String url = settings.getProperty("url");
    if (dialect == Dialect.MARIADB) {
      return new MariaDbDataSource(url);
    }
    PGSimpleDataSource postgres = new PGSimpleDataSource();
    postgres.setURL(url);
    postgres.setUser(settings.getProperty("user"));
    postgres.setPassword(settings.getProperty("password", ""));
    return postgres;
  }

  /**
   * The data source, with every {@link SQLException} its connections and statements throw written
   * as a {@code DBERROR} line before it goes on to the library. Plain {@link Proxy} forwarding.
   */
  private DataSource observed(DataSource target) {
    return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DataSource.class}, forwarding(target));
  }

  private InvocationHandler forwarding(Object target) {
    return (proxy, method, args) -> {
      Object result;
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof SQLException sql) {
          write("DBERROR " + sql.getSQLState() + " " + sql.getErrorCode());
        }
        throw e.getCause();
      }
      if (result instanceof Connection connection) {
        return Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Connection.class}, forwarding(connection));
      }
      if (result instanceof Statement statement) {
        Class<?> type = statement instanceof CallableStatement ? CallableStatement.class
            : statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
            forwarding(statement));
      }
      return result;
    };
  }
}
