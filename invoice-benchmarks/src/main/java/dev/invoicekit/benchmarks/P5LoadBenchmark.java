package dev.invoicekit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.invoicekit.benchmarks.baseline.PlainJdbcInvoices;
import dev.invoicekit.benchmarks.hibernate.HibernateInvoices;
import dev.invoicekit.benchmarks.hibernate.InvoiceEntity;
import dev.invoicekit.benchmarks.hibernate.LineEntity;
import dev.invoicekit.benchmarks.support.BenchDatabase;
import dev.invoicekit.benchmarks.support.Check;
import dev.invoicekit.benchmarks.support.Fixtures;
import dev.invoicekit.benchmarks.support.Sql;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
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
 * P5: loading one invoice with its 10 lines by id, out of {@value #STORED} stored, cycling through
 * them: {@link JdbcInvoices#findById} (one statement reading header, lines and payments, in
 * autocommit mode, then the immutable {@code Invoice} with its totals) against hand-written JDBC
 * reading the header and line rows into records (two queries) and Hibernate ORM loading the
 * entity with its lines (one join-fetch query). Setup loads one invoice through each and fails
 * unless all three read the same lines and total.
 *
 * <p>Target: at least 0.8x the plain-JDBC throughput and at least 2x Hibernate's.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class P5LoadBenchmark {

  static final int STORED = 1000;
  private static final String DATABASE = "bench_p5_load";
  private static final String TENANT = Fixtures.TENANT.value();

  private HikariDataSource pool;
  private JdbcInvoices adapter;
  private PlainJdbcInvoices plain;
  private HibernateInvoices hibernate;
  private String[] ids;
  private InvoiceId[] invoiceIds;
  private int next;

  /** Stores the invoices and checks that the three contenders read the same content. */
  @Setup(Level.Trial)
  public void setUp() {
    pool = BenchDatabase.create(DATABASE);
    adapter = new JdbcInvoices(JdbcTransactions.of(pool));
    plain = new PlainJdbcInvoices(pool);
    hibernate = new HibernateInvoices(pool);
    Invoice template = Fixtures.draft("template", Fixtures.storedLines(10));
    ids = new String[STORED];
    invoiceIds = new InvoiceId[STORED];
    List<Invoice> invoices = new ArrayList<>(STORED);
    for (int i = 0; i < STORED; i++) {
      ids[i] = String.format("inv-%05d", i);
      invoiceIds[i] = InvoiceId.of(ids[i]);
      invoices.add(template.withId(invoiceIds[i]));
    }
    adapter.importAll(invoices);
    Sql.executeOutsideTransaction(pool, "VACUUM ANALYZE");
    Sql.executeOutsideTransaction(pool, "CHECKPOINT");

    Invoice viaAdapter = adapter.findById(Fixtures.TENANT, invoiceIds[7]).orElseThrow();
    PlainJdbcInvoices.Row viaPlain = plain.load(TENANT, ids[7]);
    InvoiceEntity viaHibernate = hibernate.load(TENANT, ids[7]);
    List<String> expected = new ArrayList<>();
    for (LineItem line : viaAdapter.lines()) {
      expected.add(line.description() + " " + line.quantity().stripTrailingZeros().toPlainString()
          + " x " + line.unitPrice().getAmount().stripTrailingZeros().toPlainString());
    }
    List<String> plainLines = new ArrayList<>();
    for (PlainJdbcInvoices.LineRow line : viaPlain.lines()) {
      plainLines.add(line.description() + " " + line.quantity().stripTrailingZeros().toPlainString()
          + " x " + line.unitPrice().stripTrailingZeros().toPlainString());
    }
    List<String> hibernateLines = new ArrayList<>();
    for (LineEntity line : viaHibernate.lines()) {
      hibernateLines.add(line.description() + " "
          + line.quantity().stripTrailingZeros().toPlainString() + " x "
          + line.unitPrice().stripTrailingZeros().toPlainString());
    }
    Check.equal("the lines read (plain JDBC)", expected, plainLines);
    Check.equal("the lines read (Hibernate)", expected, hibernateLines);
    Check.equal("the total read (plain JDBC)",
        viaAdapter.totals().total().getAmount().compareTo(viaPlain.total()), 0);
    Check.equal("the total read (Hibernate)",
        viaAdapter.totals().total().getAmount().compareTo(viaHibernate.totalAmount()), 0);
    Check.equal("the invoice read back", template.withId(invoiceIds[7]).withVersion(1), viaAdapter);
  }

  /** Closes the pool and drops the database. */
  @TearDown(Level.Trial)
  public void tearDown() {
    hibernate.close();
    pool.close();
    BenchDatabase.drop(DATABASE);
  }

  private int nextIndex() {
    next = next + 1 == STORED ? 0 : next + 1;
    return next;
  }

  /** The adapter. @return the invoice */
  @Benchmark
  public Invoice adapter() {
    return adapter.findById(Fixtures.TENANT, invoiceIds[nextIndex()]).orElseThrow();
  }

  /** Plain JDBC. @return the rows */
  @Benchmark
  public PlainJdbcInvoices.Row plainJdbc() {
    return plain.load(TENANT, ids[nextIndex()]);
  }

  /** Hibernate. @return the entity */
  @Benchmark
  public InvoiceEntity hibernate() {
    return hibernate.load(TENANT, ids[nextIndex()]);
  }
}
