package dev.invoicekit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.invoicekit.tax.TaxCode;
import java.time.LocalDate;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/** The lifecycle, not its caller, says which event each transition publishes. */
class TransitionTest {

  private static final LocalDate INVOICE_DATE = LocalDate.of(2026, 11, 1);
  private static final LocalDate BEFORE_DUE = LocalDate.of(2026, 11, 20);
  private static final InvoiceNumber NUMBER = InvoiceNumber.of("INV-2026-00042");

  /** A draft over EUR 100.00 net + 19 % = EUR 119.00, due net 30. */
  private static Invoice draft(String price) {
    return new Invoice.Builder()
        .id(InvoiceId.of("inv-1"))
        .account(AccountId.of("acme"))
        .currency("EUR")
        .invoiceDate(INVOICE_DATE)
        .paymentTerms(PaymentTerms.net(30))
        .addLine(new LineItem.Builder().description("Consulting").quantity(1)
            .unitPrice("EUR " + price).taxCode(TaxCode.standard("19")).build())
        .build();
  }

  private static Invoice sent() {
    return InvoiceLifecycle.send(draft("100.00"), () -> NUMBER).invoice();
  }

  private static Payment payment(String id, String amount) {
    return new Payment.Builder().id(PaymentId.of(id)).amount(Money.parse("EUR " + amount))
        .date(BEFORE_DUE).build();
  }

  @Test
  void anEditPublishesEditedFromDraft() {
    Invoice draft = draft("100.00");

    Transition edit = InvoiceLifecycle.edit(draft, draft.withNotes("Thank you"));

    assertThat(edit.eventType()).isEqualTo(InvoiceEventType.EDITED);
    assertThat(edit.from()).isEqualTo(InvoiceStatus.DRAFT);
    assertThat(edit.to()).isEqualTo(InvoiceStatus.DRAFT);
    assertThat(edit.invoice().notes()).contains("Thank you");
    assertThat(edit.payment()).isEmpty();
  }

  @Test
  void sendingPublishesSentEvenWhenNothingIsDue() {
    Transition send = InvoiceLifecycle.send(draft("100.00"), () -> NUMBER);
    Transition free = InvoiceLifecycle.send(draft("0.00"), () -> NUMBER);

    assertThat(send.eventType()).isEqualTo(InvoiceEventType.SENT);
    assertThat(send.from()).isEqualTo(InvoiceStatus.DRAFT);
    assertThat(send.to()).isEqualTo(InvoiceStatus.SENT);
    assertThat(free.eventType()).isEqualTo(InvoiceEventType.SENT);
    assertThat(free.to()).isEqualTo(InvoiceStatus.PAID);
  }

  @Test
  void cancellingPublishesCancelled() {
    Transition cancel = InvoiceLifecycle.cancel(draft("100.00"));

    assertThat(cancel.eventType()).isEqualTo(InvoiceEventType.CANCELLED);
    assertThat(cancel.from()).isEqualTo(InvoiceStatus.DRAFT);
    assertThat(cancel.to()).isEqualTo(InvoiceStatus.CANCELLED);
  }

  @Test
  void aPaymentLeavingABalancePublishesPaymentRecordedWithThePayment() {
    Payment part = payment("p1", "40.00");

    Transition payment = InvoiceLifecycle.recordPayment(sent(), part, BEFORE_DUE);

    assertThat(payment.eventType()).isEqualTo(InvoiceEventType.PAYMENT_RECORDED);
    assertThat(payment.from()).isEqualTo(InvoiceStatus.SENT);
    assertThat(payment.to()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
    assertThat(payment.payment()).contains(part);
  }

  @Test
  void aPaymentSettlingTheBalancePublishesPaid() {
    Invoice partly = InvoiceLifecycle.recordPayment(sent(), payment("p1", "40.00"), BEFORE_DUE)
        .invoice();

    Transition settle = InvoiceLifecycle.recordPayment(partly, payment("p2", "79.00"), BEFORE_DUE);

    assertThat(settle.eventType()).isEqualTo(InvoiceEventType.PAID);
    assertThat(settle.from()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
    assertThat(settle.to()).isEqualTo(InvoiceStatus.PAID);
  }

  @Test
  void aRefundPublishesRefundedWithTheRefund() {
    Invoice paid = InvoiceLifecycle.recordPayment(sent(), payment("p1", "119.00"), BEFORE_DUE)
        .invoice();
    Payment back = payment("r1", "19.00").withKind(Payment.Kind.REFUND);

    Transition refund = InvoiceLifecycle.refund(paid, back, BEFORE_DUE);

    assertThat(refund.eventType()).isEqualTo(InvoiceEventType.REFUNDED);
    assertThat(refund.from()).isEqualTo(InvoiceStatus.PAID);
    assertThat(refund.to()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
    assertThat(refund.payment()).contains(back);
  }

  @Test
  void voidingPublishesVoided() {
    Transition voided = InvoiceLifecycle.voidInvoice(sent());

    assertThat(voided.eventType()).isEqualTo(InvoiceEventType.VOIDED);
    assertThat(voided.from()).isEqualTo(InvoiceStatus.SENT);
    assertThat(voided.to()).isEqualTo(InvoiceStatus.VOID);
  }

  @Test
  void markingOverduePublishesOverdueAndKeepsTheContent() {
    Invoice sent = sent();

    Transition overdue = InvoiceLifecycle.markOverdue(sent, INVOICE_DATE.plusDays(31));

    assertThat(overdue.eventType()).isEqualTo(InvoiceEventType.OVERDUE);
    assertThat(overdue.from()).isEqualTo(InvoiceStatus.SENT);
    assertThat(overdue.to()).isEqualTo(InvoiceStatus.OVERDUE);
    assertThat(overdue.payment()).isEmpty();
    assertThat(overdue.invoice().content()).isSameAs(sent.content());
  }
}
