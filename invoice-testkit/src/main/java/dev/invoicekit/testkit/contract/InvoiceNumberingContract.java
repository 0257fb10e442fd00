package dev.invoicekit.testkit.contract;

import static dev.invoicekit.testkit.contract.SampleInvoices.OTHER_TENANT;
import static dev.invoicekit.testkit.contract.SampleInvoices.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.numbering.NumberSeries;
import dev.invoicekit.ports.InvoiceNumbering;
import dev.invoicekit.ports.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every gapless implementation of the {@link InvoiceNumbering} port must do: the numbering
 * contract that the in-memory numbering and the JDBC adapter's {@code JdbcNumbering} on H2,
 * PostgreSQL and MariaDB pass. Numbers are taken the way the service takes them: inside a
 * transaction of the {@link Transactions} the numbering takes part in.
 *
 * <p>A host runs it against its own numbering by extending this class in its test sources and
 * implementing {@link #newNumbering()}:
 *
 * <pre>{@code
 * class MyNumberingContractTest extends InvoiceNumberingContract {
 *   @Override
 *   protected Numbering newNumbering() {
 *     MyTransactions transactions = new MyTransactions(freshDatabase());
 *     return new Numbering(new MyNumbering(transactions), transactions);
 *   }
 * }
 * }</pre>
 *
 * <p>The contract: a new series starts at 1 and counts 1, 2, 3 without gaps; every tenant and
 * every series key counts on its own; a transaction that rolls back gives its numbers back; and
 * callers in concurrent transactions never get the same number, the numbers taken being exactly
 * 1 to n. A transaction may fail with a retryable
 * {@link dev.invoicekit.ports.InvoicePersistenceException} when it loses a race (the service then
 * tries the command again); the concurrency test retries such failures likewise. A numbering
 * that allows gaps (such as a database sequence) does not meet this contract by design.
 *
 * <p>Not thread-safe itself: JUnit makes one instance per test.
 */
public abstract class InvoiceNumberingContract {

  /**
   * A numbering under test and the transactions it takes part in.
   *
   * @param numbering the numbering, with no series started yet, not null
   * @param transactions the transactions its counters move in, not null
   */
  protected record Numbering(InvoiceNumbering numbering, Transactions transactions) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException if either is null
     */
    public Numbering {
      Objects.requireNonNull(numbering, "numbering");
      Objects.requireNonNull(transactions, "transactions");
    }
  }

  /** For subclasses. */
  protected InvoiceNumberingContract() {}

  /**
   * A new numbering with no series started yet, and its transactions; called before every test.
   * May abort the test with JUnit's {@code Assumptions} when the implementation cannot run here,
   * saying why.
   *
   * @return the numbering under test, not null
   */
  protected abstract Numbering newNumbering();

  /**
   * Whether the numbering may be used from several threads at once; the concurrency test is
   * skipped when not. True unless overridden: the port asks for thread-safe implementations.
   *
   * @return true to run the concurrency test
   */
  protected boolean supportsConcurrency() {
    return true;
  }

  private static final NumberSeries INV_2026 = NumberSeries.of(TENANT, "INV-2026-");

  private InvoiceNumbering numbering;
  private Transactions transactions;

  @BeforeEach
  void freshNumbering() {
    Numbering subject = newNumbering();
    numbering = subject.numbering();
    transactions = subject.transactions();
  }

  /** Takes the next number of the series in a transaction of its own, as a send does. */
  private long send(NumberSeries series) {
    return transactions.inTransaction(() -> numbering.next(series));
  }

  private List<Long> send(NumberSeries series, int count) {
    List<Long> numbers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      numbers.add(send(series));
    }
    return numbers;
  }

  // ---- counting --------------------------------------------------------------------------------

  @Test
  void aNewSeriesStartsAtOneAndCountsOneTwoThree() {
    assertThat(send(INV_2026, 3)).containsExactly(1L, 2L, 3L);
  }

  @Test
  void numbersTakenInOneTransactionFollowEachOther() {
    send(INV_2026);

    List<Long> taken = transactions.inTransaction(() ->
        List.of(numbering.next(INV_2026), numbering.next(INV_2026), numbering.next(INV_2026)));

    assertThat(taken).containsExactly(2L, 3L, 4L);
    assertThat(send(INV_2026)).isEqualTo(5);
  }

  @Test
  void eachTenantAndEachSeriesKeyCountsOnItsOwn() {
    assertThat(send(INV_2026, 2)).containsExactly(1L, 2L);

    assertThat(send(NumberSeries.of(TENANT, "INV-2027-"))).isEqualTo(1);
    assertThat(send(NumberSeries.of(OTHER_TENANT, "INV-2026-"))).isEqualTo(1);
    assertThat(send(NumberSeries.of(TENANT, ""))).isEqualTo(1);
    assertThat(send(NumberSeries.of(OTHER_TENANT, "INV-2026-"))).isEqualTo(2);
    assertThat(send(INV_2026)).isEqualTo(3);
  }

  // ---- rollback --------------------------------------------------------------------------------

  @Test
  void aTransactionThatRollsBackGivesItsNumberBack() {
    send(INV_2026);

    assertThatThrownBy(() -> transactions.inTransaction(() -> {
      assertThat(numbering.next(INV_2026)).isEqualTo(2);
      throw new IllegalStateException("the send failed after numbering");
    })).isInstanceOf(IllegalStateException.class).hasMessage("the send failed after numbering");

    assertThat(send(INV_2026, 2)).containsExactly(2L, 3L);
  }

  @Test
  void theFirstNumberOfANewSeriesRolledBackIsHandedOutAgain() {
    NumberSeries fresh = NumberSeries.of(OTHER_TENANT, "NEW-");

    assertThatThrownBy(() -> transactions.inTransaction(() -> {
      assertThat(numbering.next(fresh)).isEqualTo(1);
      throw new IllegalStateException("the first send of a new series failed");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(send(fresh, 2)).containsExactly(1L, 2L);
  }

  @Test
  void severalNumbersOfATransactionThatRollsBackAreAllGivenBack() {
    send(INV_2026, 2);

    assertThatThrownBy(() -> transactions.inTransaction(() -> {
      numbering.next(INV_2026);
      numbering.next(INV_2026);
      numbering.next(NumberSeries.of(OTHER_TENANT, "INV-2026-"));
      throw new IllegalStateException("rolled back");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(send(INV_2026)).isEqualTo(3);
    assertThat(send(NumberSeries.of(OTHER_TENANT, "INV-2026-"))).isEqualTo(1);
  }

  // ---- concurrency -----------------------------------------------------------------------------

  @Test
  void concurrentTransactionsNeverGetTheSameNumberAndTakeExactlyOneToN() throws Exception {
    Assumptions.assumeTrue(supportsConcurrency(), "the numbering is not used concurrently");
    int threads = 6;
    int perThread = 3;

    // Each transaction holds its number a moment, as a send does while it saves the invoice. The
    // series is new, so the first transactions also race to start it.
    List<List<Long>> taken = Concurrently.run(threads, () -> {
      List<Long> mine = new ArrayList<>();
      for (int i = 0; i < perThread; i++) {
        mine.add(Concurrently.retrying(() -> transactions.inTransaction(() -> {
          long number = numbering.next(INV_2026);
          Concurrently.pause(5);
          return number;
        })));
      }
      return mine;
    });

    List<Long> all = taken.stream().flatMap(List::stream).toList();
    assertThat(all).containsExactlyInAnyOrderElementsOf(
        LongStream.rangeClosed(1, threads * perThread).boxed().toList());
    taken.forEach(mine -> assertThat(mine).isSorted());
    assertThat(send(INV_2026)).isEqualTo(threads * perThread + 1);
  }
}
