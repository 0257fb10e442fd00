package dev.invoicekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.testing.Concurrently;
import dev.invoicekit.jdbc.testing.TestDatabases;
import dev.invoicekit.numbering.NumberSeries;
import dev.invoicekit.ports.InvoiceNumbering;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Gapless and gaps-allowed numbering on every database. */
class JdbcNumberingTest {

  private static final TenantId TENANT_A = TenantId.of("tenant-a");
  private static final TenantId TENANT_B = TenantId.of("tenant-b");
  private static final NumberSeries INV_2026 = NumberSeries.of(TENANT_A, "INV-2026-");

  private static JdbcInvoiceKit kit(Dialect dialect) {
    return JdbcInvoiceKit.of(TestDatabases.fresh(dialect), dialect);
  }

  private static List<Long> take(InvoiceNumbering numbering, NumberSeries series, int count) {
    List<Long> numbers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      numbers.add(numbering.next(series));
    }
    return numbers;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void aSeriesCountsOneTwoThree(Dialect dialect) {
    JdbcNumbering numbering = kit(dialect).numbering();

    assertThat(take(numbering, INV_2026, 3)).containsExactly(1L, 2L, 3L);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void eachTenantAndEachSeriesKeyCountsOnItsOwn(Dialect dialect) {
    JdbcNumbering numbering = kit(dialect).numbering();

    assertThat(take(numbering, INV_2026, 2)).containsExactly(1L, 2L);
    assertThat(numbering.next(NumberSeries.of(TENANT_A, "INV-2027-"))).isEqualTo(1);
    assertThat(numbering.next(NumberSeries.of(TENANT_B, "INV-2026-"))).isEqualTo(1);
    assertThat(numbering.next(NumberSeries.of(TENANT_A, ""))).isEqualTo(1);
    assertThat(numbering.next(INV_2026)).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void aRolledBackTransactionGivesItsNumberBack(Dialect dialect) {
    JdbcInvoiceKit kit = kit(dialect);
    JdbcNumbering numbering = kit.numbering();
    numbering.next(INV_2026);

    assertThatThrownBy(() -> kit.transactions().inTransaction(() -> {
      assertThat(numbering.next(INV_2026)).isEqualTo(2);
      throw new IllegalStateException("the send failed after numbering");
    })).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> kit.transactions().inTransaction(() -> {
      assertThat(numbering.next(NumberSeries.of(TENANT_B, "NEW-"))).isEqualTo(1);
      throw new IllegalStateException("the first send of a new series failed");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(numbering.next(INV_2026)).isEqualTo(2);
    assertThat(numbering.next(NumberSeries.of(TENANT_B, "NEW-"))).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void concurrentTransactionsStartingANewSeriesGetConsecutiveNumbersWithRetries(Dialect dialect)
      throws Exception {
    JdbcInvoiceKit kit = kit(dialect);
    int threads = 6;

    // Each transaction holds its number a moment, as a send does while it saves the invoice.
    List<Long> numbers = Concurrently.run(threads, () -> Concurrently.retrying(() ->
        kit.transactions().inTransaction(() -> {
          long number = kit.numbering().next(INV_2026);
          sleep(20);
          return number;
        })));

    assertThat(numbers).containsExactlyInAnyOrderElementsOf(
        LongStream.rangeClosed(1, threads).boxed().toList());
    assertThat(kit.numbering().next(INV_2026)).isEqualTo(threads + 1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void sequenceNumbersAreUniqueAndIncreasingAcrossSeriesAndTenants(Dialect dialect) {
    JdbcInvoiceKit kit = kit(dialect);
    JdbcSequenceNumbering numbering = kit.sequenceNumbering();

    long first = numbering.next(INV_2026);
    long otherSeries = numbering.next(NumberSeries.of(TENANT_A, "INV-2027-"));
    long otherTenant = numbering.next(NumberSeries.of(TENANT_B, "INV-2026-"));
    long again = numbering.next(INV_2026);

    assertThat(first).isPositive();
    assertThat(List.of(first, otherSeries, otherTenant, again)).isSorted()
        .doesNotHaveDuplicates();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void aSequenceNumberOfARolledBackTransactionIsNeverHandedOutAgain(Dialect dialect) {
    JdbcInvoiceKit kit = kit(dialect);
    JdbcSequenceNumbering numbering = kit.sequenceNumbering();
    long[] lost = new long[1];

    assertThatThrownBy(() -> kit.transactions().inTransaction(() -> {
      lost[0] = numbering.next(INV_2026);
      throw new IllegalStateException("rolled back");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(numbering.next(INV_2026)).isGreaterThan(lost[0]);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void concurrentSequenceNumbersNeverCollide(Dialect dialect) throws Exception {
    JdbcInvoiceKit kit = kit(dialect);

    List<List<Long>> perThread = Concurrently.run(4, () -> kit.transactions().inTransaction(
        () -> take(kit.sequenceNumbering(), INV_2026, 25)));

    List<Long> all = perThread.stream().flatMap(List::stream).toList();
    assertThat(all).hasSize(100).doesNotHaveDuplicates();
    perThread.forEach(numbers -> assertThat(numbers).isSorted());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
