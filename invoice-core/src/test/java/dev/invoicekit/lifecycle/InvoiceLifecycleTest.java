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
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.tax.TaxCode;
import java.time.LocalDate;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/** One test per row of the transition table and per refusal, messages included. */
class InvoiceLifecycleTest {

  private static final LocalDate INVOICE_DATE = LocalDate.of(2026, 11, 1);
  private static final LocalDate DUE = LocalDate.of(2026, 12, 1); // net 30
  private static final LocalDate BEFORE_DUE = LocalDate.of(2026, 11, 20);
  private static final LocalDate AFTER_DUE = LocalDate.of(2026, 12, 2);
  private static final InvoiceNumber NUMBER = InvoiceNumber.of("INV-2026-00042");

  private static Money eur(String amount) {
    return Money.parse("EUR " + amount);
  }

  /** A draft over EUR 100.00 net + 19 % = EUR 119.00, due net 30. */
  private static Invoice draft() {
    return new Invoice.Builder()
        .id(InvoiceId.of("inv-1"))
        .account(AccountId.of("acme"))
        .currency("EUR")
        .invoiceDate(INVOICE_DATE)
        .paymentTerms(PaymentTerms.net(30))
        .addLine(new LineItem.Builder().description("Consulting").quantity(1)
            .unitPrice("EUR 100.00").taxCode(TaxCode.standard("19")).build())
        .build();
  }

  private static Invoice sent() {
    return InvoiceLifecycle.send(draft(), () -> NUMBER).invoice();
  }

  private static Payment payment(String id, String amount) {
    return new Payment.Builder().id(PaymentId.of(id)).amount(eur(amount)).date(BEFORE_DUE).build();
  }

  private static Payment refund(String id, String amount) {
    return payment(id, amount).withKind(Payment.Kind.REFUND);
  }

  // ---- DRAFT ----

  @Test
  void draftEditKeepsItADraftWithNewContent() {
    Invoice draft = draft();
    Invoice edited = InvoiceLifecycle.edit(draft, draft.withNotes("Thank you")).invoice();

    assertThat(edited.status()).isEqualTo(InvoiceStatus.DRAFT);
    assertThat(edited.notes()).contains("Thank you");
  }

  @Test
  void editCannotChangeStatusOrId() {
    Invoice draft = draft();

    assertThatThrownBy(() -> InvoiceLifecycle.edit(draft, draft.withStatus(InvoiceStatus.PAID)))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage("Cannot edit invoice inv-1: it is DRAFT; an edit changes content only, not its"
            + " status (use send, cancel and the payment commands)");
    assertThatThrownBy(() -> InvoiceLifecycle.edit(draft, draft.withId(InvoiceId.of("other"))))
        .hasMessageContaining("not its id");
  }

  @Test
  void sendingNumbersTheDraftAndMakesItSent() {
    Invoice sent = sent();

    assertThat(sent.status()).isEqualTo(InvoiceStatus.SENT);
    assertThat(sent.number()).contains(NUMBER);
  }

  @Test
  void sendingKeepsAManualNumberAndTakesNoneFromTheSeries() {
    Invoice manual = draft().withNumber(InvoiceNumber.of("MANUAL-7"));

    Invoice sent = InvoiceLifecycle.send(manual, () -> {
      throw new AssertionError("no number may be taken");
    }).invoice();

    assertThat(sent.number()).contains(InvoiceNumber.of("MANUAL-7"));
  }

  @Test
  void sendingAZeroTotalInvoiceMakesItPaid() {
    Invoice free = draft().withLines(new LineItem.Builder().description("Free sample")
        .quantity(1).unitPrice("EUR 0").taxCode(TaxCode.standard("19")).build());

    assertThat(InvoiceLifecycle.send(free, () -> NUMBER).invoice().status())
        .isEqualTo(InvoiceStatus.PAID);
  }

  @Test
  void sendingADraftWithoutLinesIsRefusedAndTakesNoNumber() {
    Invoice empty = draft().withLines();

    assertThatThrownBy(() -> InvoiceLifecycle.send(empty, () -> {
      throw new AssertionError("no number may be taken");
    }))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage("Cannot send invoice inv-1: it is DRAFT with no lines; add at least one line"
            + " before sending");
  }

  @Test
  void sendingADraftWithoutDueDateIsRefused() {
    Invoice noDue = draft().withPaymentTerms(java.util.Optional.empty());

    assertThatThrownBy(() -> InvoiceLifecycle.send(noDue, () -> NUMBER))
        .hasMessage("Cannot send invoice inv-1: it is DRAFT with no due date and no payment"
            + " terms; set one before sending");
  }

  @Test
  void cancellingADraftMakesItCancelled() {
    assertThat(InvoiceLifecycle.cancel(draft()).invoice().status())
        .isEqualTo(InvoiceStatus.CANCELLED);
  }

  @Test
  void aDraftTakesNoPayment() {
    assertThatThrownBy(() -> InvoiceLifecycle.recordPayment(draft(), payment("p1", "10.00"),
        BEFORE_DUE))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage("Cannot record a payment on invoice inv-1: it is DRAFT; send it first");
  }

  // ---- SENT and after ----

  @Test
  void sentInvoiceRejectsEdits() {
    Invoice sent = sent();

    assertThatThrownBy(() -> InvoiceLifecycle.edit(sent, sent.withNotes("changed")))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage("Cannot edit invoice INV-2026-00042: it is SENT; after sending, content never"
            + " changes: void it and issue a new one")
        .satisfies(e -> {
          IllegalTransitionException ite = (IllegalTransitionException) e;
          assertThat(ite.status()).isEqualTo(InvoiceStatus.SENT);
          assertThat(ite.action()).isEqualTo(Action.EDIT);
          assertThat(ite.invoiceId()).isEqualTo(InvoiceId.of("inv-1"));
        });
  }

  @Test
  void sentInvoiceCannotBeSentOrCancelledAgain() {
    assertThatThrownBy(() -> InvoiceLifecycle.send(sent(), () -> NUMBER))
        .hasMessage("Cannot send invoice INV-2026-00042: it is SENT; only a draft can be sent");
    assertThatThrownBy(() -> InvoiceLifecycle.cancel(sent()))
        .hasMessage("Cannot cancel invoice INV-2026-00042: it is SENT; only a draft can be"
            + " cancelled");
  }

  @Test
  void partialPaymentBeforeDueMakesItPartiallyPaid() {
    Invoice partly = InvoiceLifecycle.recordPayment(sent(), payment("p1", "40.00"), BEFORE_DUE)
        .invoice();

    assertThat(partly.status()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
    assertThat(partly.totals().amountDue()).isEqualTo(eur("79.00"));
  }

  @Test
  void partialPaymentAfterDueMakesItOverdue() {
    Invoice partly = InvoiceLifecycle.recordPayment(sent(), payment("p1", "40.00"), AFTER_DUE)
        .invoice();

    assertThat(partly.status()).isEqualTo(InvoiceStatus.OVERDUE);
  }

  @Test
  void paymentSettlingTheBalanceMakesItPaidFromSentPartiallyPaidAndOverdue() {
    Invoice fromSent = InvoiceLifecycle.recordPayment(sent(), payment("p1", "119.00"), BEFORE_DUE)
        .invoice();
    Invoice partly = InvoiceLifecycle.recordPayment(sent(), payment("p1", "19.00"), BEFORE_DUE)
        .invoice();
    Invoice fromPartly = InvoiceLifecycle.recordPayment(partly, payment("p2", "100.00"), AFTER_DUE)
        .invoice();
    Invoice overdue = InvoiceLifecycle.markOverdue(sent(), AFTER_DUE).invoice();
    Invoice fromOverdue =
        InvoiceLifecycle.recordPayment(overdue, payment("p1", "119.00"), AFTER_DUE).invoice();

    assertThat(fromSent.status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(fromPartly.status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(fromOverdue.status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(fromOverdue.totals().amountDue().isZero()).isTrue();
  }

  @Test
  void overpaymentIsRefusedWithTheBalance() {
    assertThatThrownBy(() -> InvoiceLifecycle.recordPayment(sent(), payment("p1", "119.01"),
        BEFORE_DUE))
        .isInstanceOf(PaymentRejectedException.class)
        .hasMessage("Invoice INV-2026-00042: a payment of EUR 119.01 is more than the balance due"
            + " of EUR 119.00; record at most the balance, or let the excess become account"
            + " credit");
  }

  @Test
  void paymentInAnotherCurrencyIsRefused() {
    Payment dollars = new Payment.Builder().id(PaymentId.of("p1"))
        .amount(Money.parse("USD 10.00")).date(BEFORE_DUE).build();

    assertThatThrownBy(() -> InvoiceLifecycle.recordPayment(sent(), dollars, BEFORE_DUE))
        .isInstanceOf(PaymentRejectedException.class)
        .hasMessage("Invoice INV-2026-00042: the payment is in USD but the invoice is in EUR;"
            + " record it in EUR");
  }

  @Test
  void aPaymentIdCannotBeRecordedTwice() {
    Invoice partly = InvoiceLifecycle.recordPayment(sent(), payment("p1", "10.00"), BEFORE_DUE)
        .invoice();

    assertThatThrownBy(() -> InvoiceLifecycle.recordPayment(partly, payment("p1", "10.00"),
        BEFORE_DUE))
        .isInstanceOf(PaymentRejectedException.class)
        .hasMessageContaining("payment id p1 is already recorded");
  }

  @Test
  void paidInvoiceTakesNoMorePayment() {
    Invoice paid = InvoiceLifecycle.recordPayment(sent(), payment("p1", "119.00"), BEFORE_DUE)
        .invoice();

    assertThatThrownBy(() -> InvoiceLifecycle.recordPayment(paid, payment("p2", "1.00"),
        BEFORE_DUE))
        .hasMessage("Cannot record a payment on invoice INV-2026-00042: it is PAID; nothing is"
            + " left to pay");
  }

  @Test
  void dueDatePassingWithABalanceMakesSentAndPartiallyPaidOverdue() {
    Invoice partly = InvoiceLifecycle.recordPayment(sent(), payment("p1", "10.00"), BEFORE_DUE)
        .invoice();

    assertThat(InvoiceLifecycle.markOverdue(sent(), AFTER_DUE).invoice().status())
        .isEqualTo(InvoiceStatus.OVERDUE);
    assertThat(InvoiceLifecycle.markOverdue(partly, AFTER_DUE).invoice().status())
        .isEqualTo(InvoiceStatus.OVERDUE);
  }

  @Test
  void anInvoiceIsNotOverdueOnItsDueDate() {
    assertThat(InvoiceLifecycle.isPastDue(sent(), DUE)).isFalse();
    assertThat(InvoiceLifecycle.isPastDue(sent(), DUE.plusDays(1))).isTrue();
    assertThatThrownBy(() -> InvoiceLifecycle.markOverdue(sent(), DUE))
        .hasMessage("Cannot mark overdue invoice INV-2026-00042: it is SENT and due on 2026-12-01,"
            + " not before 2026-12-01");
  }

  @Test
  void statusAsOfADateIsNeverStale() {
    Invoice sent = sent();

    assertThat(InvoiceLifecycle.statusAsOf(sent, DUE)).isEqualTo(InvoiceStatus.SENT);
    assertThat(InvoiceLifecycle.statusAsOf(sent, AFTER_DUE)).isEqualTo(InvoiceStatus.OVERDUE);
    Invoice paid = InvoiceLifecycle.recordPayment(sent, payment("p1", "119.00"), BEFORE_DUE)
        .invoice();
    assertThat(InvoiceLifecycle.statusAsOf(paid, AFTER_DUE)).isEqualTo(InvoiceStatus.PAID);
  }

  @Test
  void refundRecomputesTheStatusFromBalanceAndDueDate() {
    Invoice paid = InvoiceLifecycle.recordPayment(sent(), payment("p1", "119.00"), BEFORE_DUE)
        .invoice();

    Invoice partlyRefunded = InvoiceLifecycle.refund(paid, refund("r1", "19.00"), BEFORE_DUE)
        .invoice();
    Invoice fullyRefunded = InvoiceLifecycle.refund(paid, refund("r1", "119.00"), BEFORE_DUE)
        .invoice();
    Invoice refundedLate = InvoiceLifecycle.refund(paid, refund("r1", "19.00"), AFTER_DUE)
        .invoice();

    assertThat(partlyRefunded.status()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
    assertThat(partlyRefunded.totals().amountPaid()).isEqualTo(eur("100.00"));
    assertThat(fullyRefunded.status()).isEqualTo(InvoiceStatus.SENT);
    assertThat(refundedLate.status()).isEqualTo(InvoiceStatus.OVERDUE);
  }

  @Test
  void refundOfMoreThanWasPaidIsRefused() {
    Invoice partly = InvoiceLifecycle.recordPayment(sent(), payment("p1", "40.00"), BEFORE_DUE)
        .invoice();

    assertThatThrownBy(() -> InvoiceLifecycle.refund(partly, refund("r1", "40.01"), BEFORE_DUE))
        .isInstanceOf(PaymentRejectedException.class)
        .hasMessage("Invoice INV-2026-00042: a refund of EUR 40.01 is more than the EUR 40.00 paid;"
            + " refund at most what was paid");
  }

  @Test
  void sentInvoiceWithNothingPaidCanBeRefundedNothing() {
    assertThatThrownBy(() -> InvoiceLifecycle.refund(sent(), refund("r1", "1.00"), BEFORE_DUE))
        .hasMessage("Cannot refund invoice INV-2026-00042: it is SENT; nothing has been paid");
  }

  @Test
  void voidingASentOrOverdueInvoiceWithNothingPaidMakesItVoid() {
    assertThat(InvoiceLifecycle.voidInvoice(sent()).invoice().status())
        .isEqualTo(InvoiceStatus.VOID);
    Invoice overdue = InvoiceLifecycle.markOverdue(sent(), AFTER_DUE).invoice();
    assertThat(InvoiceLifecycle.voidInvoice(overdue).invoice().status())
        .isEqualTo(InvoiceStatus.VOID);
  }

  @Test
  void voidingAPartiallyPaidInvoiceSaysRefundFirst() {
    Invoice partly = InvoiceLifecycle.recordPayment(sent(), payment("p1", "40.00"), BEFORE_DUE)
        .invoice();

    assertThatThrownBy(() -> InvoiceLifecycle.voidInvoice(partly))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage("Cannot void invoice INV-2026-00042: it is PARTIALLY_PAID with EUR 40.00 paid;"
            + " refund first");
  }

  @Test
  void voidingAnOverdueInvoiceWithAPaymentSaysRefundFirst() {
    Invoice overdue = InvoiceLifecycle.recordPayment(sent(), payment("p1", "40.00"), AFTER_DUE)
        .invoice();

    assertThatThrownBy(() -> InvoiceLifecycle.voidInvoice(overdue))
        .hasMessage("Cannot void invoice INV-2026-00042: it is OVERDUE with EUR 40.00 paid;"
            + " refund first");
  }

  @Test
  void aDraftCannotBeVoidedOnlyCancelled() {
    assertThatThrownBy(() -> InvoiceLifecycle.voidInvoice(draft()))
        .hasMessage("Cannot void invoice inv-1: it is DRAFT; cancel a draft instead");
  }

  @Test
  void cancelledAndVoidInvoicesRefuseEverything() {
    Invoice cancelled = InvoiceLifecycle.cancel(draft()).invoice();
    Invoice voided = InvoiceLifecycle.voidInvoice(sent()).invoice();

    assertThatThrownBy(() -> InvoiceLifecycle.edit(cancelled, cancelled.withNotes("x")))
        .hasMessage("Cannot edit invoice inv-1: it is CANCELLED; CANCELLED is final, nothing more"
            + " can happen to it");
    assertThatThrownBy(() -> InvoiceLifecycle.send(cancelled, () -> NUMBER))
        .isInstanceOf(IllegalTransitionException.class);
    assertThatThrownBy(() -> InvoiceLifecycle.recordPayment(voided, payment("p1", "1.00"),
        BEFORE_DUE))
        .hasMessage("Cannot record a payment on invoice INV-2026-00042: it is VOID; VOID is final,"
            + " nothing more can happen to it");
    assertThatThrownBy(() -> InvoiceLifecycle.voidInvoice(voided))
        .isInstanceOf(IllegalTransitionException.class);
    assertThatThrownBy(() -> InvoiceLifecycle.markOverdue(voided, AFTER_DUE))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void aRefusedCommandChangesNothing() {
    Invoice sent = sent();
    Invoice copy = sent.withNotes(sent.notes());

    assertThatThrownBy(() -> InvoiceLifecycle.recordPayment(sent, payment("p1", "500.00"),
        BEFORE_DUE)).isInstanceOf(PaymentRejectedException.class);

    assertThat(sent).isEqualTo(copy);
    assertThat(sent.payments()).isEmpty();
  }

  @Test
  void theTableAllowsExactlyDesignsTransitions() {
    assertThat(InvoiceLifecycle.allowedFrom(Action.EDIT)).containsExactly(InvoiceStatus.DRAFT);
    assertThat(InvoiceLifecycle.allowedFrom(Action.RECORD_PAYMENT))
        .containsExactlyInAnyOrder(InvoiceStatus.SENT, InvoiceStatus.PARTIALLY_PAID,
            InvoiceStatus.OVERDUE, InvoiceStatus.UNCOLLECTIBLE);
    assertThat(InvoiceLifecycle.allowedFrom(Action.CREDIT))
        .containsExactlyInAnyOrder(InvoiceStatus.SENT, InvoiceStatus.PARTIALLY_PAID,
            InvoiceStatus.OVERDUE, InvoiceStatus.PAID);
    assertThat(InvoiceLifecycle.allowedFrom(Action.WRITE_OFF))
        .containsExactlyInAnyOrder(InvoiceStatus.SENT, InvoiceStatus.PARTIALLY_PAID,
            InvoiceStatus.OVERDUE);
    assertThat(InvoiceLifecycle.allowedFrom(Action.APPLY_ACCOUNT_CREDIT))
        .containsExactlyInAnyOrder(InvoiceStatus.SENT, InvoiceStatus.PARTIALLY_PAID,
            InvoiceStatus.OVERDUE);
    assertThat(InvoiceLifecycle.allowedFrom(Action.REFUND))
        .containsExactlyInAnyOrder(InvoiceStatus.PAID, InvoiceStatus.PARTIALLY_PAID,
            InvoiceStatus.OVERDUE);
    assertThat(InvoiceLifecycle.allowedFrom(Action.MARK_OVERDUE))
        .containsExactlyInAnyOrder(InvoiceStatus.SENT, InvoiceStatus.PARTIALLY_PAID);
    assertThat(InvoiceLifecycle.allowedFrom(Action.VOID))
        .containsExactlyInAnyOrder(InvoiceStatus.SENT, InvoiceStatus.OVERDUE);
    for (Action action : Action.values()) {
      assertThat(InvoiceLifecycle.allowedFrom(action))
          .doesNotContain(InvoiceStatus.CANCELLED, InvoiceStatus.VOID);
    }
  }
}
