package dev.invoicekit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.invoicekit.benchmarks.baseline.JsonColumns;
import dev.invoicekit.benchmarks.baseline.PlainJdbcInvoices;
import dev.invoicekit.benchmarks.support.BenchDatabase;
import dev.invoicekit.benchmarks.support.Check;
import dev.invoicekit.benchmarks.support.Fixtures;
import dev.invoicekit.benchmarks.support.Sql;
import dev.invoicekit.benchmarks.support.StoredRows;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.jdbc.JdbcInvoices;
import dev.invoicekit.jdbc.JdbcTransactions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * P6: importing {@value #COUNT} existing invoices (SENT, numbered, 10 lines each) into an empty
 * store: {@link JdbcInvoices#importAll} against a hand-written JDBC batch, both in transactions of
 * {@link JdbcInvoices#IMPORT_CHUNK} invoices, on the shared pool with the driver's
 * {@code reWriteBatchedInserts=true}. Each operation starts from empty tables (truncated, and a
 * checkpoint taken, before the operation and outside its time). Setup imports a sample through
 * both and fails unless they wrote identical rows, then warms both paths on a tenth of the data.
 *
 * <p>Target: at least 0.8x the baseline's throughput (at most 1.25x its time).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class P6ImportBenchmark {

  static final int COUNT = 10_000;
  private static final String DATABASE = "bench_p6_import";
  private static final String TENANT = Fixtures.TENANT.value();

  private HikariDataSource pool;
  private JdbcInvoices adapter;
  private PlainJdbcInvoices plain;
  private List<Invoice> invoices;
  private List<JsonColumns> json;

  /** Builds the invoices and checks that both contenders write the same rows. */
  @Setup(Level.Trial)
  public void setUp() {
    pool = BenchDatabase.create(DATABASE);
    adapter = new JdbcInvoices(JdbcTransactions.of(pool));
    plain = new PlainJdbcInvoices(pool);
    List<LineItem> lines = Fixtures.storedLines(10);
    invoices = new ArrayList<>(COUNT);
    json = new ArrayList<>(COUNT);
    for (int i = 0; i < COUNT; i++) {
      Invoice invoice = Fixtures.sent(String.format("imp-%06d", i),
          String.format("OLD-2025-%06d", i), lines, Fixtures.INVOICE_DATE.plusDays(i % 60));
      invoices.add(invoice);
      json.add(JsonColumns.of(invoice));
    }
    List<List<List<String>>> viaAdapter = sample(() -> adapter.importAll(invoices.subList(0, 3)));
    List<List<List<String>>> viaPlain =
        sample(() -> plain.insertAll(invoices.subList(0, 3), json.subList(0, 3), 2));
    Check.equal("the rows of imported invoices", viaAdapter, viaPlain);
    // A cold JVM imports 10,000 invoices in tens of seconds, mostly interpreted; warm both paths
    // on a tenth of the data first, so that JMH's warm-up iterations start from compiled code.
    for (int round = 0; round < 2; round++) {
      Sql.execute(pool, "TRUNCATE ik_invoice CASCADE");
      adapter.importAll(invoices.subList(0, COUNT / 10));
      Sql.execute(pool, "TRUNCATE ik_invoice CASCADE");
      plain.insertAll(invoices.subList(0, COUNT / 10), json.subList(0, COUNT / 10),
          JdbcInvoices.IMPORT_CHUNK);
    }
  }

  private List<List<List<String>>> sample(Runnable importer) {
    Sql.execute(pool, "TRUNCATE ik_invoice CASCADE");
    importer.run();
    List<List<List<String>>> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      rows.add(StoredRows.of(pool, TENANT, invoices.get(i).id().value()));
    }
    return rows;
  }

  /** Empties the tables and takes a checkpoint, so every import starts alike. */
  @Setup(Level.Invocation)
  public void empty() {
    Sql.execute(pool, "TRUNCATE ik_invoice CASCADE");
    Sql.executeOutsideTransaction(pool, "CHECKPOINT");
  }

  /** Checks the import wrote every invoice. */
  @TearDown(Level.Invocation)
  public void count() {
    Check.equal("invoices imported", (long) COUNT,
        Sql.queryLong(pool, "SELECT count(*) FROM ik_invoice"));
    Check.equal("lines imported", (long) COUNT * 10,
        Sql.queryLong(pool, "SELECT count(*) FROM ik_invoice_line"));
  }

  /** Closes the pool and drops the database. */
  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
    BenchDatabase.drop(DATABASE);
  }

  /** The adapter's batch import. @return how many were imported */
  @Benchmark
  public int adapter() {
    return adapter.importAll(invoices);
  }

  /** A hand-written JDBC batch. */
  @Benchmark
  public void plainJdbcBatch() {
    plain.insertAll(invoices, json, JdbcInvoices.IMPORT_CHUNK);
  }
}
