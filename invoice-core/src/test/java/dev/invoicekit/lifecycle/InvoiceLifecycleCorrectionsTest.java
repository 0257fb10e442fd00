package dev.invoicekit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.events.InvoiceEventType;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.Settlement;
import dev.invoicekit.invoice.SettlementId;
import dev.invoicekit.tax.TaxCode;
import java.time.LocalDate;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/**
 * The corrections after sending, row by row of DESIGN's table: credit (part, whole, settling),
 * applied account credit, write-off and the payment that takes it back, overpayment kept as
 * credit; every refusal with its message, and nothing changed after it.
 */
class InvoiceLifecycleCorrectionsTest {

  private static final LocalDate INVOICE_DATE = LocalDate.of(2026, 11, 1);
  private static final LocalDate BEFORE_DUE = LocalDate.of(2026, 11, 20);
  private static final LocalDate AFTER_DUE = LocalDate.of(2026, 12, 2);
  private static final InvoiceNumber NUMBER = InvoiceNumber.of("INV-2026-00042");

  private static Money eur(String amount) {
    return Money.parse("EUR " + amount);
  }

  /** A draft over EUR 100.00 net + 19 % = EUR 119.00, due 2026-12-01. */
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

  private static Invoice paid(Invoice invoice, String amount, LocalDate today) {
    return InvoiceLifecycle.recordPayment(invoice, payment("pay-" + amount, amount), today)
        .invoice();
  }

  private static Invoice overdue() {
    return InvoiceLifecycle.markOverdue(sent(), AFTER_DUE).invoice();
  }

  private static Transition credit(Invoice invoice, String amount, String note, LocalDate today) {
    return InvoiceLifecycle.credit(invoice, eur(amount), note, today);
  }

  private static Invoice writtenOff(Invoice invoice) {
    return InvoiceLifecycle.writeOff(invoice, SettlementId.of("w-1"), "Customer insolvent",
        BEFORE_DUE).invoice();
  }

  // ---- credit ----

  @Test
  void aPartialCreditOfASentInvoiceLeavesItSentOwingLess() {
    Transition credited = credit(sent(), "19.00", "cn-1", BEFORE_DUE);

    assertThat(credited.eventType()).isEqualTo(InvoiceEventType.CREDITED);
    assertThat(credited.from()).isEqualTo(InvoiceStatus.SENT);
    assertThat(credited.to()).isEqualTo(InvoiceStatus.SENT);
    assertThat(credited.payment()).isEmpty();
    assertThat(credited.excessPayment()).isEmpty();
    Invoice invoice = credited.invoice();
    assertThat(invoice.totals().amountCredited()).isEqualTo(eur("19.00"));
    assertThat(invoice.totals().amountPaid()).isEqualTo(eur("0.00"));
    assertThat(invoice.totals().amountDue()).isEqualTo(eur("100.00"));
    assertThat(invoice.settlements()).containsExactly(credited.settlement().orElseThrow());
    assertThat(credited.settlement().orElseThrow()).satisfies(s -> {
      assertThat(s.kind()).isEqualTo(Settlement.Kind.CREDIT_NOTE);
      assertThat(s.id()).isEqualTo(SettlementId.of("cn-1"));
      assertThat(s.reference()).contains("cn-1");
      assertThat(s.amount()).isEqualTo(eur("19.00"));
      assertThat(s.date()).isEqualTo(BEFORE_DUE);
    });
  }

  @Test
  void aPartialCreditFollowsTheBalanceAndTheDueDate() {
    Invoice partly = paid(sent(), "40.00", BEFORE_DUE);

    assertThat(credit(partly, "19.00", "cn-1", BEFORE_DUE).to())
        .isEqualTo(InvoiceStatus.PARTIALLY_PAID);
    assertThat(credit(partly, "19.00", "cn-1", AFTER_DUE).to()).isEqualTo(InvoiceStatus.OVERDUE);
    assertThat(credit(overdue(), "19.00", "cn-1", AFTER_DUE).to())
        .isEqualTo(InvoiceStatus.OVERDUE);
  }

  @Test
  void aCreditOfTheWholeTotalWithNothingPaidVoidsASentOrOverdueInvoice() {
    for (Invoice invoice : new Invoice[] {sent(), overdue()}) {
      Transition credited = credit(invoice, "119.00", "cn-1", AFTER_DUE);

      assertThat(credited.to()).as("credited from %s", invoice.status())
          .isEqualTo(InvoiceStatus.VOID);
      assertThat(credited.eventType()).isEqualTo(InvoiceEventType.CREDITED);
      assertThat(credited.invoice().totals().amountDue()).isEqualTo(eur("0.00"));
    }
  }

  @Test
  void creditsThatTogetherTakeTheWholeTotalWithNothingPaidVoidTheInvoice() {
    Invoice once = credit(sent(), "100.00", "cn-1", BEFORE_DUE).invoice();

    Transition twice = credit(once, "19.00", "cn-2", BEFORE_DUE);

    assertThat(once.status()).isEqualTo(InvoiceStatus.SENT);
    assertThat(twice.to()).isEqualTo(InvoiceStatus.VOID);
    assertThat(twice.invoice().settlements()).extracting(Settlement::id)
        .containsExactly(SettlementId.of("cn-1"), SettlementId.of("cn-2"));
  }

  @Test
  void aCreditSettlingTheBalanceOfAPartlyPaidInvoiceMakesItPaid() {
    Invoice partly = paid(sent(), "40.00", BEFORE_DUE);

    Transition credited = credit(partly, "79.00", "cn-1", AFTER_DUE);

    assertThat(credited.to()).isEqualTo(InvoiceStatus.PAID);
    assertThat(credited.invoice().totals().amountDue()).isEqualTo(eur("0.00"));
  }

  @Test
  void aCreditBeyondTheBalanceAppliesOnlyTheBalance() {
    Invoice partly = paid(sent(), "40.00", BEFORE_DUE);

    Transition credited = credit(partly, "100.00", "cn-1", BEFORE_DUE);

    // The 21.00 beyond the 79.00 owed is the caller's to refund or keep as account credit.
    assertThat(credited.settlement()).hasValueSatisfying(
        s -> assertThat(s.amount()).isEqualTo(eur("79.00")));
    assertThat(credited.invoice().totals().amountCredited()).isEqualTo(eur("79.00"));
    assertThat(credited.to()).isEqualTo(InvoiceStatus.PAID);
  }

  @Test
  void aCreditOfAPaidInvoiceRecordsNoSettlementAndLeavesItPaid() {
    Invoice invoice = paid(sent(), "119.00", BEFORE_DUE);

    Transition credited = credit(invoice, "119.00", "cn-1", BEFORE_DUE);

    assertThat(credited.to()).isEqualTo(InvoiceStatus.PAID);
    assertThat(credited.settlement()).isEmpty();
    assertThat(credited.invoice().settlements()).isEmpty();
    assertThat(credited.eventType()).isEqualTo(InvoiceEventType.CREDITED);
  }

  @Test
  void aDraftCancelledVoidOrUncollectibleInvoiceTakesNoCredit() {
    Invoice cancelled = InvoiceLifecycle.cancel(draft()).invoice();
    Invoice voided = InvoiceLifecycle.voidInvoice(sent()).invoice();

    assertThatThrownBy(() -> credit(draft(), "1.00", "cn-1", BEFORE_DUE))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage("Cannot credit invoice inv-1: it is DRAFT; a draft is corrected by editing it,"
            + " not by a credit note");
    assertThatThrownBy(() -> credit(cancelled, "1.00", "cn-1", BEFORE_DUE))
        .hasMessage("Cannot credit invoice inv-1: it is CANCELLED; CANCELLED is final, nothing"
            + " more can happen to it");
    assertThatThrownBy(() -> credit(voided, "1.00", "cn-1", BEFORE_DUE))
        .hasMessage("Cannot credit invoice INV-2026-00042: it is VOID; VOID is final, nothing more"
            + " can happen to it");
    assertThatThrownBy(() -> credit(writtenOff(sent()), "1.00", "cn-1", BEFORE_DUE))
        .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
          assertThat(e.status()).isEqualTo(InvoiceStatus.UNCOLLECTIBLE);
          assertThat(e.action()).isEqualTo(Action.CREDIT);
        })
        .hasMessage("Cannot credit invoice INV-2026-00042: it is UNCOLLECTIBLE; its balance is"
            + " written off, record the payment that takes the write-off back first");
  }

  @Test
  void aCreditOfZeroANegativeAmountOrInAnotherCurrencyIsRefused() {
    Invoice invoice = sent();

    assertThatThrownBy(() -> credit(invoice, "0.00", "cn-1", BEFORE_DUE))
        .isInstanceOfSatisfying(CreditRejectedException.class, e -> {
          assertThat(e.invoiceId()).isEqualTo(InvoiceId.of("inv-1"));
          assertThat(e.document()).contains("credit note cn-1");
        })
        .hasMessage("Cannot credit invoice INV-2026-00042 from credit note cn-1: the amount must"
            + " be greater than zero, was EUR 0.00");
    assertThatThrownBy(() -> credit(invoice, "-1.00", "cn-1", BEFORE_DUE))
        .hasMessageEndingWith("the amount must be greater than zero, was EUR -1.00");
    assertThatThrownBy(() -> InvoiceLifecycle.credit(invoice, Money.parse("USD 1.00"), "cn-1",
        BEFORE_DUE))
        .isInstanceOf(CreditRejectedException.class)
        .hasMessage("Cannot credit invoice INV-2026-00042 from credit note cn-1: the amount is in"
            + " USD but the invoice is in EUR");
  }

  // ---- account credit applied ----

  @Test
  void accountCreditAppliedIsASettlementThatLeavesNothingPaid() {
    Transition applied = InvoiceLifecycle.applyAccountCredit(sent(), eur("19.00"), "entry-1",
        BEFORE_DUE);

    assertThat(applied.eventType()).isEqualTo(InvoiceEventType.CREDIT_APPLIED);
    assertThat(applied.to()).isEqualTo(InvoiceStatus.SENT);
    assertThat(applied.invoice().totals().accountCreditApplied()).isEqualTo(eur("19.00"));
    assertThat(applied.invoice().totals().amountPaid()).isEqualTo(eur("0.00"));
    assertThat(applied.invoice().totals().amountDue()).isEqualTo(eur("100.00"));
    assertThat(applied.settlement()).hasValueSatisfying(s -> {
      assertThat(s.kind()).isEqualTo(Settlement.Kind.ACCOUNT_CREDIT);
      assertThat(s.id()).isEqualTo(SettlementId.of("entry-1"));
      assertThat(s.reference()).contains("entry-1");
    });
  }

  @Test
  void accountCreditFollowsTheBalanceAndTheDueDate() {
    Invoice partly = paid(sent(), "40.00", BEFORE_DUE);

    assertThat(InvoiceLifecycle.applyAccountCredit(partly, eur("10.00"), "e", BEFORE_DUE).to())
        .isEqualTo(InvoiceStatus.PARTIALLY_PAID);
    assertThat(InvoiceLifecycle.applyAccountCredit(partly, eur("10.00"), "e", AFTER_DUE).to())
        .isEqualTo(InvoiceStatus.OVERDUE);
    assertThat(InvoiceLifecycle.applyAccountCredit(partly, eur("79.00"), "e", AFTER_DUE).to())
        .isEqualTo(InvoiceStatus.PAID);
    assertThat(InvoiceLifecycle.applyAccountCredit(overdue(), eur("119.00"), "e", AFTER_DUE)
        .to()).isEqualTo(InvoiceStatus.PAID);
  }

  @Test
  void accountCreditBeyondTheBalanceIsRefused() {
    Invoice partly = paid(sent(), "40.00", BEFORE_DUE);

    assertThatThrownBy(() -> InvoiceLifecycle.applyAccountCredit(partly, eur("79.01"), "e",
        BEFORE_DUE))
        .isInstanceOfSatisfying(CreditRejectedException.class,
            e -> assertThat(e.document()).contains("account acme"))
        .hasMessage("Cannot apply EUR 79.01 of account credit to invoice INV-2026-00042: its"
            + " balance due is EUR 79.00; apply at most the balance");
  }

  @Test
  void accountCreditOfZeroANegativeAmountOrInAnotherCurrencyIsRefused() {
    Invoice invoice = sent();

    assertThatThrownBy(() -> InvoiceLifecycle.applyAccountCredit(invoice, eur("0.00"), "e",
        BEFORE_DUE))
        .isInstanceOf(CreditRejectedException.class)
        .hasMessage("Cannot credit invoice INV-2026-00042 from account acme: the amount must be"
            + " greater than zero, was EUR 0.00");
    assertThatThrownBy(() -> InvoiceLifecycle.applyAccountCredit(invoice, eur("-5.00"), "e",
        BEFORE_DUE)).isInstanceOf(CreditRejectedException.class);
    assertThatThrownBy(() -> InvoiceLifecycle.applyAccountCredit(invoice,
        Money.parse("USD 5.00"), "e", BEFORE_DUE))
        .isInstanceOf(CreditRejectedException.class)
        .hasMessage("Cannot credit invoice INV-2026-00042 from account acme: the amount is in USD"
            + " but the invoice is in EUR");
  }

  @Test
  void accountCreditGoesOnlyToAnInvoiceThatOwesSomething() {
    Invoice paid = paid(sent(), "119.00", BEFORE_DUE);

    assertThatThrownBy(() -> InvoiceLifecycle.applyAccountCredit(paid, eur("1.00"), "e",
        BEFORE_DUE))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage("Cannot apply account credit to invoice INV-2026-00042: it is PAID; nothing is"
            + " left to pay");
    assertThatThrownBy(() -> InvoiceLifecycle.applyAccountCredit(draft(), eur("1.00"), "e",
        BEFORE_DUE))
        .hasMessage("Cannot apply account credit to invoice inv-1: it is DRAFT; send it first");
    assertThatThrownBy(() -> InvoiceLifecycle.applyAccountCredit(writtenOff(sent()), eur("1.00"),
        "e", BEFORE_DUE))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageStartingWith("Cannot apply account credit to invoice INV-2026-00042: it is"
            + " UNCOLLECTIBLE");
  }

  @Test
  void anInvoiceWithAppliedAccountCreditIsNotVoidedSoTheCreditIsNotLost() {
    Invoice settled = InvoiceLifecycle.applyAccountCredit(sent(), eur("19.00"), "entry-1",
        BEFORE_DUE).invoice();

    assertThatThrownBy(() -> InvoiceLifecycle.voidInvoice(settled))
        .isInstanceOfSatisfying(IllegalTransitionException.class,
            e -> assertThat(e.action()).isEqualTo(Action.VOID))
        .hasMessage("Cannot void invoice INV-2026-00042: it is SENT with EUR 19.00 of account"
            + " credit applied; credit the whole invoice instead and keep the excess as account"
            + " credit");
  }

  // ---- write-off ----

  @Test
  void aWriteOffClosesTheBalanceAsUncollectibleWithItsReason() {
    Invoice partly = paid(sent(), "40.00", BEFORE_DUE);

    Transition written = InvoiceLifecycle.writeOff(partly, SettlementId.of("w-1"),
        "Customer insolvent", AFTER_DUE);

    assertThat(written.eventType()).isEqualTo(InvoiceEventType.WRITTEN_OFF);
    assertThat(written.from()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
    assertThat(written.to()).isEqualTo(InvoiceStatus.UNCOLLECTIBLE);
    assertThat(written.invoice().totals().amountWrittenOff()).isEqualTo(eur("79.00"));
    assertThat(written.invoice().totals().amountDue()).isEqualTo(eur("0.00"));
    assertThat(written.invoice().totals().amountPaid()).isEqualTo(eur("40.00"));
    assertThat(written.settlement()).hasValueSatisfying(s -> {
      assertThat(s.kind()).isEqualTo(Settlement.Kind.WRITE_OFF);
      assertThat(s.id()).isEqualTo(SettlementId.of("w-1"));
      assertThat(s.reason()).contains("Customer insolvent");
      assertThat(s.date()).isEqualTo(AFTER_DUE);
      assertThat(s.amount()).isEqualTo(eur("79.00"));
    });
  }

  @Test
  void sentAndOverdueInvoicesAreWrittenOffInFull() {
    assertThat(writtenOff(sent()).totals().amountWrittenOff()).isEqualTo(eur("119.00"));
    assertThat(writtenOff(overdue()).status()).isEqualTo(InvoiceStatus.UNCOLLECTIBLE);
  }

  @Test
  void aPaidInvoiceIsNotWrittenOff() {
    Invoice paid = paid(sent(), "119.00", BEFORE_DUE);

    assertThatThrownBy(() -> writtenOff(paid))
        .isInstanceOfSatisfying(IllegalTransitionException.class,
            e -> assertThat(e.action()).isEqualTo(Action.WRITE_OFF))
        .hasMessage("Cannot write off invoice INV-2026-00042: it is PAID; nothing is left to pay");
  }

  @Test
  void aDraftAFinalOrAnUncollectibleInvoiceIsNotWrittenOff() {
    assertThatThrownBy(() -> writtenOff(draft()))
        .hasMessage("Cannot write off invoice inv-1: it is DRAFT; send it first");
    assertThatThrownBy(() -> writtenOff(InvoiceLifecycle.voidInvoice(sent()).invoice()))
        .hasMessage("Cannot write off invoice INV-2026-00042: it is VOID; VOID is final, nothing"
            + " more can happen to it");
    assertThatThrownBy(() -> writtenOff(writtenOff(sent())))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageStartingWith("Cannot write off invoice INV-2026-00042: it is UNCOLLECTIBLE");
  }

  // ---- payment after a write-off ----

  @Test
  void aPartPaymentOnAnUncollectibleInvoiceTakesTheWriteOffBack() {
    Invoice written = writtenOff(sent());

    Transition paid = InvoiceLifecycle.recordPayment(written, payment("p-1", "50.00"),
        BEFORE_DUE);

    assertThat(paid.from()).isEqualTo(InvoiceStatus.UNCOLLECTIBLE);
    assertThat(paid.to()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
    assertThat(paid.eventType()).isEqualTo(InvoiceEventType.PAYMENT_RECORDED);
    assertThat(paid.invoice().totals().amountWrittenOff()).isEqualTo(eur("0.00"));
    assertThat(paid.invoice().totals().amountDue()).isEqualTo(eur("69.00"));
    assertThat(paid.settlement()).hasValueSatisfying(s -> {
      assertThat(s.kind()).isEqualTo(Settlement.Kind.WRITE_OFF_REVERSAL);
      assertThat(s.id()).isEqualTo(SettlementId.of("p-1"));
      assertThat(s.reference()).contains("p-1");
      assertThat(s.amount()).isEqualTo(eur("119.00"));
      assertThat(s.signedAmount()).isEqualTo(eur("-119.00"));
    });
    assertThat(paid.invoice().settlements()).extracting(Settlement::kind)
        .containsExactly(Settlement.Kind.WRITE_OFF, Settlement.Kind.WRITE_OFF_REVERSAL);
  }

  @Test
  void aPaymentOnAnUncollectibleInvoiceFollowsTheBalanceAndTheDueDate() {
    Invoice written = writtenOff(paid(sent(), "40.00", BEFORE_DUE));

    assertThat(InvoiceLifecycle.recordPayment(written, payment("p-1", "79.00"), BEFORE_DUE)
        .to()).isEqualTo(InvoiceStatus.PAID);
    assertThat(InvoiceLifecycle.recordPayment(written, payment("p-1", "9.00"), AFTER_DUE).to())
        .isEqualTo(InvoiceStatus.OVERDUE);
  }

  @Test
  void aPaymentAboveTheBalanceAWriteOffTookIsRefused() {
    Invoice written = writtenOff(sent());

    assertThatThrownBy(() -> InvoiceLifecycle.recordPayment(written, payment("p-1", "119.01"),
        BEFORE_DUE))
        .isInstanceOf(PaymentRejectedException.class)
        .hasMessage("Invoice INV-2026-00042: a payment of EUR 119.01 is more than the balance due"
            + " of EUR 119.00; record at most the balance, or let the excess become account"
            + " credit");
  }

  @Test
  void theInvoiceCanBeWrittenOffAgainAfterAPaymentTookTheFirstWriteOffBack() {
    Invoice paid = InvoiceLifecycle.recordPayment(writtenOff(sent()), payment("p-1", "50.00"),
        BEFORE_DUE).invoice();

    Invoice again = InvoiceLifecycle.writeOff(paid, SettlementId.of("w-2"), "Gave up again",
        AFTER_DUE).invoice();

    assertThat(again.status()).isEqualTo(InvoiceStatus.UNCOLLECTIBLE);
    assertThat(again.totals().amountWrittenOff()).isEqualTo(eur("69.00"));
  }

  // ---- overpayment kept as account credit ----

  @Test
  void anOverpaymentWithTheOptionPaysTheBalanceAndLeavesTheExcess() {
    Invoice partly = paid(sent(), "40.00", BEFORE_DUE);

    Transition paid = InvoiceLifecycle.recordPayment(partly, payment("p-2", "100.00"),
        BEFORE_DUE, true);

    assertThat(paid.to()).isEqualTo(InvoiceStatus.PAID);
    assertThat(paid.eventType()).isEqualTo(InvoiceEventType.PAID);
    assertThat(paid.excessPayment()).contains(eur("21.00"));
    assertThat(paid.payment()).hasValueSatisfying(p -> {
      assertThat(p.id()).isEqualTo(PaymentId.of("p-2"));
      assertThat(p.amount()).isEqualTo(eur("79.00"));
      assertThat(p.date()).isEqualTo(BEFORE_DUE);
    });
    assertThat(paid.invoice().totals().amountPaid()).isEqualTo(eur("119.00"));
  }

  @Test
  void anOverpaymentOfAnUncollectibleInvoiceTakesTheWriteOffBackAndLeavesTheExcess() {
    Transition paid = InvoiceLifecycle.recordPayment(writtenOff(sent()), payment("p-1",
        "150.00"), BEFORE_DUE, true);

    assertThat(paid.to()).isEqualTo(InvoiceStatus.PAID);
    assertThat(paid.excessPayment()).contains(eur("31.00"));
    assertThat(paid.invoice().totals().amountWrittenOff()).isEqualTo(eur("0.00"));
  }

  @Test
  void aPaymentWithinTheBalanceHasNoExcessWithOrWithoutTheOption() {
    Transition paid = InvoiceLifecycle.recordPayment(sent(), payment("p-1", "119.00"),
        BEFORE_DUE, true);

    assertThat(paid.excessPayment()).isEmpty();
    assertThat(paid.payment().orElseThrow().amount()).isEqualTo(eur("119.00"));
  }

  @Test
  void anOverpaymentWithoutTheOptionIsRefused() {
    assertThatThrownBy(() -> InvoiceLifecycle.recordPayment(sent(), payment("p-1", "119.01"),
        BEFORE_DUE, false))
        .isInstanceOf(PaymentRejectedException.class)
        .hasMessageContaining("is more than the balance due of EUR 119.00");
  }

  // ---- nothing changes after a refusal ----

  @Test
  void aRefusedCorrectionChangesNothing() {
    Invoice partly = paid(sent(), "40.00", BEFORE_DUE);
    Invoice copy = partly.withNotes(partly.notes());

    assertThatThrownBy(() -> InvoiceLifecycle.applyAccountCredit(partly, eur("80.00"), "e",
        BEFORE_DUE)).isInstanceOf(CreditRejectedException.class);
    assertThatThrownBy(() -> credit(partly, "-1.00", "cn-1", BEFORE_DUE))
        .isInstanceOf(CreditRejectedException.class);
    Invoice paid = paid(partly, "79.00", BEFORE_DUE);
    Invoice paidCopy = paid.withNotes(paid.notes());
    assertThatThrownBy(() -> writtenOff(paid)).isInstanceOf(IllegalTransitionException.class);

    assertThat(partly).isEqualTo(copy);
    assertThat(partly.settlements()).isEmpty();
    assertThat(paid).isEqualTo(paidCopy);
    assertThat(paid.settlements()).isEmpty();
  }
}
