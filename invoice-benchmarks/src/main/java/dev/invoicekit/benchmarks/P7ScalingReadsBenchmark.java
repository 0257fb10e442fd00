package dev.invoicekit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.invoicekit.benchmarks.support.Check;
import dev.invoicekit.benchmarks.support.Fixtures;
import dev.invoicekit.benchmarks.support.Sql;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.jdbc.JdbcInvoices;
import dev.invoicekit.jdbc.JdbcTransactions;
import dev.invoicekit.ports.Page;
import dev.invoicekit.ports.PageRequest;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scaling rows of P7: reads that must cost the same whatever the size of the table, on P7's
 * tables of 100,000 and 1,000,000 invoices (made by {@link P7OverdueSweepBenchmark#openTable}
 * once per run and shared). Each is compared with itself at the other size, as P7's "sweep cost"
 * row compares the sweep.
 *
 * <ul>
 *   <li>{@code findByNumber}: {@link JdbcInvoices#findByNumber} of one of the
 *       {@value P7OverdueSweepBenchmark#NEWLY_OVERDUE} invoices with 10 lines, in turn;
 *   <li>{@code accountPage}: a keyset page of {@value #PAGE} invoices of one account
 *       ({@link JdbcInvoices#findByAccount} after the account's fifth invoice id), an account
 *       that holds 20 invoices in the small table and 200 in the large one.
 * </ul>
 *
 * <p>Setup checks that both sizes read the same shape: 10 lines by number, a full page with a
 * next key.
 *
 * <p>Target: at most 1.2x the time from 100,000 to 1,000,000 invoices.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class P7ScalingReadsBenchmark {

  static final int PAGE = 10;
  private static final AccountId ACCOUNT = AccountId.of("acct-42");

  /** Invoices in the table. */
  @Param({"100000", "1000000"})
  public int invoices;

  private HikariDataSource pool;
  private JdbcInvoices adapter;
  private InvoiceNumber[] numbers;
  private PageRequest page;
  private int next;

  /** Opens (or makes) the table and checks the reads. */
  @Setup(Level.Trial)
  public void setUp() {
    pool = P7OverdueSweepBenchmark.openTable(invoices);
    adapter = new JdbcInvoices(JdbcTransactions.of(pool));
    numbers = new InvoiceNumber[P7OverdueSweepBenchmark.NEWLY_OVERDUE];
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = InvoiceNumber.of(String.format("INV-2026-%05d", i));
    }
    String fifth = Sql.queryRows(pool, "SELECT invoice_id FROM ik_invoice WHERE tenant_id = ?"
        + " AND account_id = ? ORDER BY invoice_id LIMIT 1 OFFSET 4", Fixtures.TENANT.value(),
        ACCOUNT.value()).get(0).get(0);
    page = new PageRequest(Optional.of(fifth), PAGE);
    Invoice byNumber = adapter.findByNumber(Fixtures.TENANT, numbers[42]).orElseThrow();
    Check.equal("lines of the invoice read by number", 10, byNumber.lines().size());
    Page<Invoice> read = accountPage();
    Check.equal("invoices on the page", PAGE, read.items().size());
    Check.that("the page has a next key", read.nextKey().isPresent());
    Sql.executeOutsideTransaction(pool, "VACUUM ANALYZE ik_invoice");
    Sql.executeOutsideTransaction(pool, "CHECKPOINT");
  }

  /** Closes the pool; the database stays for the rest of the run. */
  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
  }

  /** One invoice with its lines by number. @return the invoice */
  @Benchmark
  public Invoice findByNumber() {
    next = next + 1 == numbers.length ? 0 : next + 1;
    return adapter.findByNumber(Fixtures.TENANT, numbers[next]).orElseThrow();
  }

  /** A keyset page of one account's invoices. @return the page */
  @Benchmark
  public Page<Invoice> accountPage() {
    return adapter.findByAccount(Fixtures.TENANT, ACCOUNT, page);
  }
}
