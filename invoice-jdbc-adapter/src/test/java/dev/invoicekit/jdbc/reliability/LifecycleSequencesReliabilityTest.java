package dev.invoicekit.jdbc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.jdbc.JdbcInvoiceKit;
import dev.invoicekit.jdbc.testing.JdbcDatabase;
import dev.invoicekit.testkit.lifecycle.LifecycleChecker;
import dev.invoicekit.testkit.lifecycle.LifecycleSummary;
import javax.sql.DataSource;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lifecycle's random command sequences (the testkit's {@link LifecycleChecker}, which core's
 * in-memory property also runs) against the service on the JDBC kit, with the database audit
 * ({@link Audit}: header against content, orphan rows, one outbox row per stored version) checked
 * after every step as well. Each sequence runs in a tenant of its own from a seed of its own, so
 * sequences run side by side on a few threads and a failure names the seed that replays it. The
 * three databases run at the same time.
 *
 * <p>Sequences per database: 6 in CI, 10,000 in long mode; {@code
 * -Dinvoicekit.reliability.sequences=N} overrides either. Threads per database: 1 in CI, 2 in long
 * mode; {@code -Dinvoicekit.reliability.threads=N} overrides.
 */
class LifecycleSequencesReliabilityTest {

  private static final long SEED = 20261124L;

  // The three databases at once; the class itself still runs alone, like every other class.
  @Execution(ExecutionMode.CONCURRENT)
  @ParameterizedTest(name = "{0}")
  @EnumSource(JdbcDatabase.class)
  void randomCommandSequencesKeepTheLifecycleInvariantsOnTheDatabase(JdbcDatabase database) {
    int sequences = Integer.getInteger("invoicekit.reliability.sequences",
        ReliabilityMode.pick(6, 10_000));
    int threads = Integer.getInteger("invoicekit.reliability.threads", ReliabilityMode.pick(1, 2));
    DataSource created = database.create();
    try (ReusedConnections dataSource = new ReusedConnections(created)) {
      JdbcInvoiceKit kit = JdbcInvoiceKit.of(dataSource, database.dialect());
      LifecycleChecker checker = LifecycleChecker.on(new JdbcLifecycleTarget(kit))
          .withCheck(new Audit(dataSource)::violations);
      long started = System.nanoTime();

      LifecycleSummary summary = checker.runSeeded("seq-", SEED, sequences, threads);

      double seconds = (System.nanoTime() - started) / 1e9;
      assertThat(summary.sequences()).isEqualTo(sequences);
      ReliabilityMode.report("random command sequences", database, String.format(
          "%d sequences, %d commands (%d refused, %d idempotent replays), 0 invariant violations;"
              + " %d threads, %.1f s, %.1f sequences/s", summary.sequences(), summary.commands(),
          summary.refused(), summary.replays(), threads, seconds, sequences / seconds));
    }
  }
}
