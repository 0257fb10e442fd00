package dev.invoicekit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.tax.TaxCode;
import java.time.LocalDate;
import java.util.Optional;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/** The overdue rule is the lifecycle's table and guard as data, and the lifecycle decides by it. */
class OverdueRuleTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 12, 2);

  /** EUR 119.00, due on {@code due}, in {@code status}, with {@code paid} paid. */
  private static Invoice invoice(InvoiceStatus status, LocalDate due, String paid) {
    Invoice invoice = new Invoice.Builder()
        .id(InvoiceId.of("inv-1"))
        .account(AccountId.of("acme"))
        .currency("EUR")
        .invoiceDate(LocalDate.of(2026, 11, 1))
        .dueDate(due)
        .number(InvoiceNumber.of("INV-1"))
        .status(status)
        .addLine(new LineItem.Builder().description("Consulting").quantity(1)
            .unitPrice("EUR 100.00").taxCode(TaxCode.standard("19")).build())
        .build();
    return paid.equals("0") ? invoice : invoice.withPayments(new Payment.Builder()
        .id(PaymentId.of("p-1")).amount(Money.parse("EUR " + paid)).date(due).build());
  }

  @Test
  void theRuleMovesFromTheStatusesTheTableAllowsMarkOverdueFromToOverdueAsOfItsDate() {
    OverdueRule rule = InvoiceLifecycle.overdueRule(AS_OF);

    assertThat(rule.from()).isEqualTo(InvoiceLifecycle.allowedFrom(Action.MARK_OVERDUE))
        .containsExactlyInAnyOrder(InvoiceStatus.SENT, InvoiceStatus.PARTIALLY_PAID);
    assertThat(rule.to()).isEqualTo(InvoiceStatus.OVERDUE);
    assertThat(rule.asOf()).isEqualTo(AS_OF);
    assertThat(rule).isEqualTo(InvoiceLifecycle.overdueRule(AS_OF))
        .hasSameHashCodeAs(InvoiceLifecycle.overdueRule(AS_OF))
        .isNotEqualTo(InvoiceLifecycle.overdueRule(AS_OF.plusDays(1)))
        .hasToString("OverdueRule[from [SENT, PARTIALLY_PAID] to OVERDUE as of 2026-12-02]");
    assertThatThrownBy(() -> rule.from().add(InvoiceStatus.PAID))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theGuardWantsADueDateBeforeTheDateAndAPositiveBalance() {
    OverdueRule rule = InvoiceLifecycle.overdueRule(AS_OF);
    Money some = Money.parse("EUR 0.01");

    assertThat(rule.guardHolds(Optional.of(AS_OF.minusDays(1)), some)).isTrue();
    assertThat(rule.guardHolds(Optional.of(AS_OF), some)).as("due today").isFalse();
    assertThat(rule.guardHolds(Optional.of(AS_OF.plusDays(1)), some)).isFalse();
    assertThat(rule.guardHolds(Optional.empty(), some)).as("no due date").isFalse();
    assertThat(rule.guardHolds(Optional.of(AS_OF.minusDays(1)), Money.zero(some.getCurrencyUnit())))
        .isFalse();
    assertThat(rule.guardHolds(Optional.of(AS_OF.minusDays(1)), some.negated())).isFalse();
  }

  @Test
  void theLifecycleDecidesEveryStatusDueDateAndBalanceAsTheRuleSays() {
    for (InvoiceStatus status : InvoiceStatus.values()) {
      for (LocalDate due : new LocalDate[] {AS_OF.minusDays(1), AS_OF, AS_OF.plusDays(1)}) {
        for (String paid : new String[] {"0", "19.00", "119.00"}) {
          Invoice invoice = invoice(status, due, paid);
          OverdueRule rule = InvoiceLifecycle.overdueRule(AS_OF);
          boolean applies = rule.appliesTo(invoice);
          String row = status + ", due " + due + ", paid " + paid;

          assertThat(applies).as(row).isEqualTo(rule.from().contains(status)
              && due.isBefore(AS_OF) && !paid.equals("119.00"));
          assertThat(InvoiceLifecycle.statusAsOf(invoice, AS_OF)).as(row)
              .isEqualTo(applies ? InvoiceStatus.OVERDUE : status);
          assertThat(InvoiceLifecycle.isPastDue(invoice, AS_OF)).as(row)
              .isEqualTo(due.isBefore(AS_OF));
          if (applies) {
            assertThat(InvoiceLifecycle.markOverdue(invoice, AS_OF).invoice().status()).as(row)
                .isEqualTo(rule.to());
          } else {
            assertThatThrownBy(() -> InvoiceLifecycle.markOverdue(invoice, AS_OF)).as(row)
                .isInstanceOf(IllegalTransitionException.class);
          }
        }
      }
    }
  }
}
