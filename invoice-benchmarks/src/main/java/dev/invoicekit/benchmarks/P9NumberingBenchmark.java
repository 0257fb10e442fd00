package dev.invoicekit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.invoicekit.benchmarks.support.BenchDatabase;
import dev.invoicekit.benchmarks.support.Check;
import dev.invoicekit.benchmarks.support.Fixtures;
import dev.invoicekit.benchmarks.support.Sql;
import dev.invoicekit.jdbc.JdbcNumbering;
import dev.invoicekit.jdbc.JdbcTransactions;
import dev.invoicekit.numbering.NumberSeries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
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
 * P9: gapless numbers for four concurrent senders, all in one series: each operation is a
 * committed transaction that takes the next number, through {@link JdbcNumbering#next} inside
 * {@link JdbcTransactions#inTransaction}, against a counter-row {@code UPDATE ... RETURNING} in a
 * bare JDBC transaction. Both serialize on the same row lock until commit. Setup has four threads
 * take 200 numbers through each and fails unless each gave exactly the next 200 numbers, no gap, no
 * duplicate.
 *
 * <p>Target: at least 0.8x the baseline's throughput.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(4)
@State(Scope.Benchmark)
public class P9NumberingBenchmark {

  private static final String DATABASE = "bench_p9_numbering";
  private static final NumberSeries SERIES = NumberSeries.of(Fixtures.TENANT, "INV-2026-");
  private static final String COUNTER_UPDATE = "UPDATE ik_number_counter"
      + " SET last_value = last_value + 1 WHERE tenant_id = ? AND series_key = ?"
      + " RETURNING last_value";

  private HikariDataSource pool;
  private JdbcTransactions transactions;
  private JdbcNumbering numbering;

  /** Creates the counter and checks both contenders hand out gapless numbers under contention. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    pool = BenchDatabase.create(DATABASE);
    transactions = JdbcTransactions.of(pool);
    numbering = new JdbcNumbering(transactions);
    Check.equal("the first number of the series", 1L, adapter());
    checkGapless("JdbcNumbering", this::adapter);
    checkGapless("the counter-row UPDATE", this::counterRowUpdate);
    Sql.executeOutsideTransaction(pool, "CHECKPOINT");
  }

  private void checkGapless(String who, LongSupplier next) throws Exception {
    long before = Sql.queryLong(pool, "SELECT last_value FROM ik_number_counter");
    ExecutorService threads = Executors.newFixedThreadPool(4);
    List<Future<List<Long>>> taken = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      taken.add(threads.submit(() -> {
        List<Long> numbers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          numbers.add(next.getAsLong());
        }
        return numbers;
      }));
    }
    List<Long> all = new ArrayList<>();
    for (Future<List<Long>> numbers : taken) {
      all.addAll(numbers.get());
    }
    threads.shutdown();
    Collections.sort(all);
    List<Long> expected = new ArrayList<>();
    for (long n = before + 1; n <= before + 200; n++) {
      expected.add(n);
    }
    Check.equal("the numbers " + who + " gave four threads", expected, all);
  }

  /** Closes the pool and drops the database. */
  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
    BenchDatabase.drop(DATABASE);
  }

  /** JdbcNumbering in a transaction of the adapter. @return the number */
  @Benchmark
  public long adapter() {
    return transactions.inTransaction(() -> numbering.next(SERIES));
  }

  /** A counter-row UPDATE in a bare JDBC transaction. @return the number */
  @Benchmark
  public long counterRowUpdate() {
    try (Connection connection = pool.getConnection();
        PreparedStatement update = connection.prepareStatement(COUNTER_UPDATE)) {
      connection.setAutoCommit(false);
      update.setString(1, SERIES.tenant().value());
      update.setString(2, SERIES.key());
      long number;
      try (ResultSet rs = update.executeQuery()) {
        rs.next();
        number = rs.getLong(1);
      }
      connection.commit();
      connection.setAutoCommit(true);
      return number;
    } catch (SQLException e) {
      throw new IllegalStateException("The counter-row UPDATE failed", e);
    }
  }
}
