package dev.invoicekit.credit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.events.InvoiceEventType;
import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.service.IdempotencyKey;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.service.PaymentRequest;
import dev.invoicekit.tax.TaxCode;
import java.math.BigDecimal;
import java.util.List;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/**
 * The issue's worked examples, every amount computed by hand (the comments show the arithmetic):
 * a three-line invoice in two tax groups, credited by one line's quantity, by an amount in one
 * group, in full before payment (VOID) and in full after payment (part refunded, the rest kept as
 * account credit and applied to the next invoice), and written off and then paid after all.
 *
 * <pre>
 * line 1  Consulting  10 x 120.00  S 19 %  1200.00
 * line 2  Licence      3 x 250.00  S 19 %   750.00
 * line 3  Handbook     4 x  25.00  S  7 %   100.00
 * S 19: taxable 1950.00, tax 370.50     S 7: taxable 100.00, tax 7.00
 * total = 2050.00 + 377.50 = 2427.50
 * </pre>
 */
class WorkedCreditExamplesTest {

  private static final AccountId ACME = AccountId.of("acme");
  private static final TaxCode S19 = TaxCode.standard("19");
  private static final TaxCode S7 = TaxCode.standard("7");

  private final ServiceFixture fixture = new ServiceFixture();
  private final InvoiceService service = fixture.service;

  @Test
  void oneLinesQuantityIsCreditedAtTheInvoicedPrice() {
    Invoice invoice = sentInvoice();
    assertThat(invoice.totals().total()).isEqualTo(eur("2427.50"));

    CreditNote draft = service.draftCreditNote(ServiceFixture.TENANT, invoice.id(),
        CreditNoteRequest.lineQuantity("One licence returned", 2, BigDecimal.ONE),
        IdempotencyKey.NONE);
    CreditNote issued = service.issueCreditNote(ServiceFixture.TENANT, draft.id(),
        ExcessCredit.NONE, IdempotencyKey.NONE);

    // 1 x 250.00 = 250.00 net, 19 % of it 47.50: 297.50.
    assertThat(issued.total()).isEqualTo(eur("297.50"));
    assertThat(issued.number()).contains(InvoiceNumber.of("CN-2026-00001"));
    assertThat(issued.invoiceNumber()).isEqualTo(invoice.number().orElseThrow());
    assertThat(issued.allocation()).contains(
        new CreditAllocation(eur("297.50"), eur("0.00"), eur("0.00")));
    Invoice credited = reload(invoice);
    // 2427.50 - 297.50 = 2130.00 still due; nothing paid, not past due: SENT.
    assertThat(credited.totals().amountCredited()).isEqualTo(eur("297.50"));
    assertThat(credited.totals().amountDue()).isEqualTo(eur("2130.00"));
    assertThat(credited.status()).isEqualTo(InvoiceStatus.SENT);
    assertThat(lastInvoiceEvent().type()).isEqualTo(InvoiceEventType.CREDITED);
    assertThat(lastInvoiceEvent().creditNoteId()).contains(issued.id().value());
  }

  @Test
  void anAmountInOneOfTwoTaxGroupsCarriesThatGroupsRate() {
    Invoice invoice = sentInvoice();

    CreditNote issued = issue(invoice,
        CreditNoteRequest.amount("Handbooks were a late edition", S7, eur("40.00")),
        ExcessCredit.NONE);

    // 40.00 net at 7 %: tax 2.80, total 42.80; the 19 % group is untouched.
    assertThat(issued.totals().taxBreakdown()).hasSize(1);
    assertThat(issued.totals().taxBreakdown().get(0).taxCode()).isEqualTo(S7);
    assertThat(issued.totals().taxBreakdown().get(0).taxAmount()).isEqualTo(eur("2.80"));
    assertThat(issued.total()).isEqualTo(eur("42.80"));
    // 2427.50 - 42.80 = 2384.70.
    assertThat(reload(invoice).totals().amountDue()).isEqualTo(eur("2384.70"));
  }

  @Test
  void theWholeInvoiceCreditedBeforePaymentIsVoid() {
    Invoice invoice = sentInvoice();

    CreditNote issued = issue(invoice, CreditNoteRequest.wholeInvoice("Order cancelled"),
        ExcessCredit.NONE);

    assertThat(issued.total()).isEqualTo(eur("2427.50"));
    Invoice voided = reload(invoice);
    assertThat(voided.status()).isEqualTo(InvoiceStatus.VOID);
    assertThat(voided.totals().amountDue()).isEqualTo(eur("0.00"));
    assertThat(voided.totals().amountCredited()).isEqualTo(eur("2427.50"));
  }

  @Test
  void theWholeInvoiceCreditedAfterPaymentIsRefundedInPartAndTheRestPaysTheNextInvoice() {
    Invoice invoice = sentInvoice();
    service.recordPayment(ServiceFixture.TENANT, invoice.id(),
        PaymentRequest.of(eur("2427.50")));

    CreditNote issued = issue(invoice, CreditNoteRequest.wholeInvoice("Order cancelled"),
        ExcessCredit.refundAndKeepRest(eur("427.50")));

    // Nothing was owed any more: the whole 2427.50 is excess, 427.50 paid back, 2000.00 kept.
    assertThat(issued.allocation()).contains(
        new CreditAllocation(eur("0.00"), eur("427.50"), eur("2000.00")));
    assertThat(reload(invoice).status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(balance()).isEqualTo(eur("2000.00"));

    // The next invoice: 1 x 1500.00 at 19 % = 1785.00, settled by the account's credit.
    Invoice next = send(draftWith(line("Support contract", 1, "1500.00", S19)));
    Invoice settled = service.applyAccountCredit(ServiceFixture.TENANT, ACME, next.id(),
        eur("1785.00"), IdempotencyKey.NONE);
    assertThat(settled.status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(settled.totals().accountCreditApplied()).isEqualTo(eur("1785.00"));
    // 2000.00 - 1785.00 = 215.00 left, then paid back.
    assertThat(balance()).isEqualTo(eur("215.00"));
    AccountCreditEntry refund = service.refundAccountCredit(ServiceFixture.TENANT, ACME,
        eur("215.00"), "Customer asked for the rest", IdempotencyKey.NONE);
    assertThat(refund.balanceAfter()).isEqualTo(eur("0.00"));
    assertThat(fixture.ports.accountCredits().entries(ServiceFixture.TENANT, ACME,
            CurrencyUnit.EUR))
        .extracting(AccountCreditEntry::kind, AccountCreditEntry::signedAmount)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AccountCreditEntry.Kind.CREDIT_NOTE,
                eur("2000.00")),
            org.assertj.core.groups.Tuple.tuple(AccountCreditEntry.Kind.APPLIED,
                eur("-1785.00")),
            org.assertj.core.groups.Tuple.tuple(AccountCreditEntry.Kind.REFUNDED,
                eur("-215.00")));
    assertThat(fixture.ports.events().creditEvents())
        .extracting(CreditEvent::type)
        .containsExactly(CreditEventType.CREDIT_NOTE_CREATED, CreditEventType.CREDIT_NOTE_ISSUED,
            CreditEventType.ACCOUNT_CREDITED, CreditEventType.ACCOUNT_CREDIT_APPLIED,
            CreditEventType.ACCOUNT_CREDIT_REFUNDED);
  }

  @Test
  void aWriteOffIsSplitByTaxGroupAndALaterPaymentTakesItBack() {
    Invoice invoice = sentInvoice();
    service.recordPayment(ServiceFixture.TENANT, invoice.id(), PaymentRequest.of(eur("1000.00")));

    Invoice written = service.writeOff(ServiceFixture.TENANT, invoice.id(), "Customer insolvent",
        IdempotencyKey.NONE);

    // 2427.50 - 1000.00 = 1427.50 written off.
    assertThat(written.status()).isEqualTo(InvoiceStatus.UNCOLLECTIBLE);
    assertThat(written.totals().amountWrittenOff()).isEqualTo(eur("1427.50"));
    assertThat(written.totals().amountDue()).isEqualTo(eur("0.00"));
    // By gross group weight: S 19 2320.50, S 7 107.00 of 2427.50.
    //   S 19: 1427.50 x 2320.50 / 2427.50 = 1364.5783 -> 1364.57 + the one cent left -> 1364.58
    //   S 7:  1427.50 x  107.00 / 2427.50 =   62.9217 ->   62.92
    // Within S 19: net 1364.58 x 1950 / 2320.50 = 1146.706 -> 1146.70 (+1 cent) -> 1146.71,
    //              tax 1364.58 x 370.50 / 2320.50 = 217.873 -> 217.87
    // Within S 7:  net 62.92 x 100 / 107 = 58.8037 -> 58.80,
    //              tax 62.92 x 7 / 107 = 4.1163 -> 4.11 (+1 cent) -> 4.12
    assertThat(BadDebt.writtenOffByTaxGroup(written)).containsExactly(
        new BadDebt.GroupShare(S7, eur("58.80"), eur("4.12")),
        new BadDebt.GroupShare(S19, eur("1146.71"), eur("217.87")));

    Invoice paid = service.recordPayment(ServiceFixture.TENANT, invoice.id(),
        PaymentRequest.of(eur("500.00")));
    // The write-off is taken back: 2427.50 - 1500.00 = 927.50 due again, not yet past due.
    assertThat(paid.totals().amountWrittenOff()).isEqualTo(eur("0.00"));
    assertThat(paid.totals().amountDue()).isEqualTo(eur("927.50"));
    assertThat(paid.status()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
  }

  @Test
  void anOverpaymentKeptAsCreditPaysTheBalanceAndCreditsTheRest() {
    Invoice invoice = sentInvoice();

    Invoice paid = service.recordPayment(ServiceFixture.TENANT, invoice.id(),
        new PaymentRequest.Builder().amount(eur("2500.00")).excessToAccountCredit(true).build());

    // The invoice records 2427.50; the other 72.50 is the account's credit.
    assertThat(paid.status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(paid.payments().get(0).amount()).isEqualTo(eur("2427.50"));
    assertThat(balance()).isEqualTo(eur("72.50"));
  }

  private CreditNote issue(Invoice invoice, CreditNoteRequest request, ExcessCredit excess) {
    CreditNote draft = service.draftCreditNote(ServiceFixture.TENANT, invoice.id(), request,
        IdempotencyKey.NONE);
    return service.issueCreditNote(ServiceFixture.TENANT, draft.id(), excess,
        IdempotencyKey.NONE);
  }

  private Invoice sentInvoice() {
    return send(draftWith(
        line("Consulting", 10, "120.00", S19),
        line("Licence", 3, "250.00", S19),
        line("Handbook", 4, "25.00", S7)));
  }

  private Invoice draftWith(LineItem... lines) {
    return service.createDraft(service.newDraft(ServiceFixture.TENANT)
        .account(ACME)
        .currency("EUR")
        .paymentTerms(PaymentTerms.net(30))
        .addLines(lines)
        .build());
  }

  private Invoice send(Invoice draft) {
    return service.send(ServiceFixture.TENANT, draft.id());
  }

  private Invoice reload(Invoice invoice) {
    return service.find(ServiceFixture.TENANT, invoice.id()).orElseThrow();
  }

  private Money balance() {
    return service.accountCreditBalance(ServiceFixture.TENANT, ACME, CurrencyUnit.EUR);
  }

  private InvoiceEvent lastInvoiceEvent() {
    List<InvoiceEvent> events = fixture.ports.events().events();
    return events.get(events.size() - 1);
  }

  private static LineItem line(String description, long quantity, String price, TaxCode code) {
    return new LineItem.Builder()
        .description(description)
        .quantity(quantity)
        .unitPrice("EUR " + price)
        .taxCode(code)
        .build();
  }

  private static Money eur(String amount) {
    return Money.of(CurrencyUnit.EUR, new BigDecimal(amount));
  }
}
