package dev.invoicekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.testing.TestDatabases;
import dev.invoicekit.numbering.NumberSeries;
import dev.invoicekit.ports.InvoiceNumbering;
import dev.invoicekit.testkit.contract.Concurrently;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gaps-allowed sequence numbering on every database. The gapless {@link JdbcNumbering} passes the
 * testkit's numbering contract (see the {@code contract} package).
 */
class JdbcSequenceNumberingTest {

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
}
