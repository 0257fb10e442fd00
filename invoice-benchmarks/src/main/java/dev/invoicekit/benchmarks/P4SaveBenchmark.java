package dev.invoicekit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.invoicekit.benchmarks.baseline.JsonColumns;
import dev.invoicekit.benchmarks.baseline.PlainJdbcInvoices;
import dev.invoicekit.benchmarks.hibernate.HibernateInvoices;
import dev.invoicekit.benchmarks.support.BenchDatabase;
import dev.invoicekit.benchmarks.support.Check;
import dev.invoicekit.benchmarks.support.Fixtures;
import dev.invoicekit.benchmarks.support.Sql;
import dev.invoicekit.benchmarks.support.StoredRows;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.jdbc.JdbcInvoices;
import dev.invoicekit.jdbc.JdbcTransactions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * P4: saving a new invoice (header and 10 lines, one transaction, committed) on PostgreSQL with
 * fsync and synchronous commit on, from 1 and from 4 threads: {@link JdbcInvoices#save} against
 * hand-written JDBC writing the same rows and Hibernate ORM persisting equivalent entities, all on
 * the one shared HikariCP pool. Each operation saves a fresh copy of the same invoice under a new
 * id; setup saves one through each contender and fails unless the three wrote identical rows.
 *
 * <p>Target: at least 0.8x the plain-JDBC throughput and at least 1.3x Hibernate's.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class P4SaveBenchmark {

  private static final String DATABASE = "bench_p4_save";
  private static final String TENANT = Fixtures.TENANT.value();

  private HikariDataSource pool;
  private JdbcInvoices adapter;
  private PlainJdbcInvoices plain;
  private HibernateInvoices hibernate;
  private Invoice template;
  private JsonColumns json;
  private final AtomicLong ids = new AtomicLong();

  /** Creates the database and checks that the three contenders write the same rows. */
  @Setup(Level.Trial)
  public void setUp() {
    pool = BenchDatabase.create(DATABASE);
    adapter = new JdbcInvoices(JdbcTransactions.of(pool));
    plain = new PlainJdbcInvoices(pool);
    hibernate = new HibernateInvoices(pool);
    template = Fixtures.draft("template", Fixtures.storedLines(10));
    json = JsonColumns.of(template);
    adapter.save(next("check-adapter"));
    plain.insert(next("check-plain"), json);
    hibernate.persist(next("check-hibernate"), json);
    Check.equal("the rows of a saved invoice (plain JDBC)",
        StoredRows.of(pool, TENANT, "check-adapter"), StoredRows.of(pool, TENANT, "check-plain"));
    Check.equal("the rows of a saved invoice (Hibernate)",
        StoredRows.of(pool, TENANT, "check-adapter"),
        StoredRows.of(pool, TENANT, "check-hibernate"));
    Sql.execute(pool, "TRUNCATE ik_invoice CASCADE");
    Sql.executeOutsideTransaction(pool, "CHECKPOINT");
  }

  /** Closes the pool and drops the database. */
  @TearDown(Level.Trial)
  public void tearDown() {
    hibernate.close();
    pool.close();
    BenchDatabase.drop(DATABASE);
  }

  private Invoice next(String id) {
    return template.withId(InvoiceId.of(id));
  }

  private Invoice next() {
    return next("inv-" + ids.incrementAndGet());
  }

  /** The adapter, one thread. @return the saved invoice */
  @Benchmark
  @Threads(1)
  public Invoice adapter1() {
    return adapter.save(next());
  }

  /** Plain JDBC, one thread. */
  @Benchmark
  @Threads(1)
  public void plainJdbc1() {
    plain.insert(next(), json);
  }

  /** Hibernate, one thread. */
  @Benchmark
  @Threads(1)
  public void hibernate1() {
    hibernate.persist(next(), json);
  }

  /** The adapter, four threads. @return the saved invoice */
  @Benchmark
  @Threads(4)
  public Invoice adapter4() {
    return adapter.save(next());
  }

  /** Plain JDBC, four threads. */
  @Benchmark
  @Threads(4)
  public void plainJdbc4() {
    plain.insert(next(), json);
  }

  /** Hibernate, four threads. */
  @Benchmark
  @Threads(4)
  public void hibernate4() {
    hibernate.persist(next(), json);
  }
}
