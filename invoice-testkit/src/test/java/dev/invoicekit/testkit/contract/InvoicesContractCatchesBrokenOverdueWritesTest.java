package dev.invoicekit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.inmemory.InMemoryInvoices;
import dev.invoicekit.inmemory.InMemoryTransactions;
import dev.invoicekit.testkit.contract.BrokenOverdueInvoices.Flaw;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The contract's overdue table fails an overdue write whose rule drifted from the lifecycle's,
 * and passes the healthy in-memory repository.
 */
class InvoicesContractCatchesBrokenOverdueWritesTest {

  /** The contract on repositories made by {@code repositories}, set up as JUnit would. */
  private static InvoicesContract contractOn(
      Function<InMemoryTransactions, dev.invoicekit.ports.Invoices> repositories) {
    InvoicesContract contract = new InvoicesContract() {
      @Override
      protected Repository newRepository() {
        InMemoryTransactions transactions = new InMemoryTransactions();
        return new Repository(repositories.apply(transactions), transactions);
      }
    };
    contract.freshRepository();
    return contract;
  }

  @Test
  void theHealthyRepositoryPassesTheOverdueTable() {
    InvoicesContract contract = contractOn(InMemoryInvoices::new);

    assertThatCode(contract::aRowIsMarkedOverdueExactlyWhenTheLifecycleSaysItIsOverdueAsOfThatDate)
        .doesNotThrowAnyException();
  }

  @Test
  void anOverdueWriteThatCountsTheDueDateItselfAsPastFailsTheOverdueTable() {
    InvoicesContract contract =
        contractOn(transactions -> new BrokenOverdueInvoices(transactions, Flaw.DUE_TODAY_COUNTS));

    assertThatThrownBy(
        contract::aRowIsMarkedOverdueExactlyWhenTheLifecycleSaysItIsOverdueAsOfThatDate)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("SENT-due-on-unpaid");
  }

  @Test
  void anOverdueWriteThatForgetsPartiallyPaidFailsTheOverdueTable() {
    InvoicesContract contract =
        contractOn(transactions -> new BrokenOverdueInvoices(transactions, Flaw.ONLY_SENT));

    assertThatThrownBy(
        contract::aRowIsMarkedOverdueExactlyWhenTheLifecycleSaysItIsOverdueAsOfThatDate)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("PARTIALLY_PAID-due-before-unpaid");
  }
}
