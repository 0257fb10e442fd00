package dev.invoicekit.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.events.InvoiceEventType;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.AllowanceCharge;
import dev.invoicekit.invoice.DocumentAllowanceCharge;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.LineAllowanceCharge;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.OverallDiscount;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.Settlement;
import dev.invoicekit.invoice.SettlementId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.lifecycle.CreditRejectedException;
import dev.invoicekit.lifecycle.IllegalTransitionException;
import dev.invoicekit.lifecycle.InvoiceLifecycle;
import dev.invoicekit.lifecycle.Transition;
import dev.invoicekit.tax.TaxCode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/**
 * The rules of credit notes, kind by kind, and every refusal with its message: each names the
 * invoice and the credit note, says what is wrong and what to do.
 */
class CreditNoteLifecycleTest {

  private static final LocalDate INVOICE_DATE = LocalDate.of(2026, 11, 1);
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
  private static final InvoiceNumber NUMBER = InvoiceNumber.of("INV-2026-00042");
  private static final TaxCode S19 = TaxCode.standard("19");
  private static final TaxCode S7 = TaxCode.standard("7");
  private static final Supplier<InvoiceNumber> NO_NUMBER = () -> {
    throw new AssertionError("a refused credit note takes no number");
  };

  private int numbers;

  private static Money eur(String amount) {
    return Money.parse("EUR " + amount);
  }

  private static LineItem line(String description, String quantity, String price, TaxCode code) {
    return new LineItem.Builder().description(description).quantity(quantity)
        .unitPrice("EUR " + price).taxCode(code).build();
  }

  /**
   * Three lines in two tax groups: 10 x 100.00 and 2 x 50.00 at 19 % (taxable 1,100.00, tax
   * 209.00), 5 x 20.00 at 7 % (taxable 100.00, tax 7.00); total 1,416.00, due 2026-12-01.
   */
  private static Invoice.Builder draftBuilder() {
    return new Invoice.Builder()
        .id(InvoiceId.of("inv-1"))
        .tenant(TenantId.of("tenant-a"))
        .account(AccountId.of("acme"))
        .currency("EUR")
        .invoiceDate(INVOICE_DATE)
        .paymentTerms(PaymentTerms.net(30))
        .addLine(line("Consulting", "10", "100.00", S19))
        .addLine(line("Books", "5", "20.00", S7))
        .addLine(line("Licence", "2", "50.00", S19));
  }

  private static Invoice sent(Invoice draft) {
    return InvoiceLifecycle.send(draft, () -> NUMBER).invoice();
  }

  private static Invoice sent() {
    return sent(draftBuilder().build());
  }

  private static Invoice paid(Invoice invoice, String amount) {
    Payment payment = new Payment.Builder().id(PaymentId.of("pay-" + amount)).amount(eur(amount))
        .date(TODAY).build();
    return InvoiceLifecycle.recordPayment(invoice, payment, TODAY).invoice();
  }

  private static CreditNote draft(String id, Invoice invoice, List<CreditNote> issued,
      CreditNoteRequest request) {
    return CreditNoteLifecycle.draft(CreditNoteId.of(id), invoice, issued, request, TODAY);
  }

  private CreditNoteLifecycle.Issue issue(CreditNote draft, Invoice invoice,
      List<CreditNote> issued, ExcessCredit excess) {
    return CreditNoteLifecycle.issue(draft, invoice, issued, excess,
        () -> InvoiceNumber.of("CN-2026-" + String.format("%05d", ++numbers)), TODAY);
  }

  /** The invoice and notes after drafting and issuing one note, as the service would store them. */
  private final class Book {
    Invoice invoice;
    final List<CreditNote> notes = new ArrayList<>();

    Book(Invoice invoice) {
      this.invoice = invoice;
    }

    CreditNote credit(String id, CreditNoteRequest request, ExcessCredit excess) {
      CreditNote note = draft(id, invoice, notes, request);
      CreditNoteLifecycle.Issue issued = issue(note, invoice, notes, excess);
      invoice = issued.invoice().invoice();
      notes.add(issued.creditNote());
      return issued.creditNote();
    }
  }

  private static CreditNoteRequest quantity(int line, String quantity) {
    return CreditNoteRequest.lineQuantity("Returned", line, new BigDecimal(quantity));
  }

  private static CreditNoteRequest amount(TaxCode code, String amount) {
    return CreditNoteRequest.amount("Price reduction", code, eur(amount));
  }

  // ---- the three kinds ----

  @Test
  void aLineCreditTakesTheQuantityAtTheInvoicedPriceAndReferencesTheInvoice() {
    Invoice invoice = sent();

    CreditNote note = draft("cn-1", invoice, List.of(), quantity(1, "2"));

    assertThat(note.kind()).isEqualTo(CreditNote.Kind.LINES);
    assertThat(note.status()).isEqualTo(CreditNoteStatus.DRAFT);
    assertThat(note.number()).isEmpty();
    assertThat(note.allocation()).isEmpty();
    assertThat(note.invoiceId()).isEqualTo(invoice.id());
    assertThat(note.invoiceNumber()).isEqualTo(NUMBER);
    assertThat(note.invoiceDate()).isEqualTo(INVOICE_DATE);
    assertThat(note.tenant()).isEqualTo(invoice.tenant());
    assertThat(note.account()).isEqualTo(invoice.account());
    assertThat(note.date()).isEqualTo(TODAY);
    assertThat(note.reason()).isEqualTo("Returned");
    assertThat(note.creditedLines()).containsExactly(new CreditedLine(1, new BigDecimal("2")));
    assertThat(note.content().lines()).singleElement().satisfies(l -> {
      assertThat(l.description()).isEqualTo("Consulting");
      assertThat(l.quantity()).isEqualByComparingTo("2");
      assertThat(l.taxCode()).isEqualTo(S19);
    });
    // 2 x 100.00 + 19 %.
    assertThat(note.total()).isEqualTo(eur("238.00"));
  }

  @Test
  void aLineCreditKeepsThePercentageDiscountOfTheInvoice() {
    Invoice invoice = sent(draftBuilder()
        .overallDiscount(OverallDiscount.percent("10"))
        .build());

    CreditNote note = draft("cn-1", invoice, List.of(), quantity(1, "1"));

    // 100.00 - 10 % = 90.00 + 19 % = 107.10.
    assertThat(note.total()).isEqualTo(eur("107.10"));
  }

  @Test
  void anAmountCreditIsAPriceReductionInOneTaxGroup() {
    CreditNote note = draft("cn-1", sent(), List.of(), amount(S7, "10.00"));

    assertThat(note.kind()).isEqualTo(CreditNote.Kind.AMOUNTS);
    assertThat(note.creditedLines()).isEmpty();
    assertThat(note.content().lines()).singleElement().satisfies(l -> {
      assertThat(l.description()).isEqualTo("Price reduction, S 7");
      assertThat(l.taxCode()).isEqualTo(S7);
    });
    assertThat(note.totals().taxBreakdown()).singleElement()
        .satisfies(g -> assertThat(g.taxableAmount()).isEqualTo(eur("10.00")));
    assertThat(note.total()).isEqualTo(eur("10.70"));
  }

  @Test
  void anAmountCreditOnGrossPricesIsTheGrossAmount() {
    Invoice invoice = sent(draftBuilder().pricesIncludeTax(true).build());

    CreditNote note = draft("cn-1", invoice, List.of(), amount(S19, "119.00"));

    assertThat(note.total()).isEqualTo(eur("119.00"));
    assertThat(note.totals().taxBreakdown()).singleElement()
        .satisfies(g -> assertThat(g.taxableAmount()).isEqualTo(eur("100.00")));
  }

  @Test
  void aWholeInvoiceCreditHasTheInvoicesLinesAndTotal() {
    Invoice invoice = sent();

    CreditNote note = draft("cn-1", invoice, List.of(), CreditNoteRequest.wholeInvoice("Wrong"));

    assertThat(note.kind()).isEqualTo(CreditNote.Kind.WHOLE_INVOICE);
    assertThat(note.content().lines()).isEqualTo(invoice.content().lines());
    assertThat(note.total()).isEqualTo(eur("1416.00")).isEqualTo(invoice.totals().total());
    assertThat(note.totals().taxBreakdown()).isEqualTo(invoice.totals().taxBreakdown());
  }

  // ---- issuing ----

  @Test
  void issuingNumbersTheNoteAndAppliesItToTheBalance() {
    Invoice invoice = sent();
    CreditNote draft = draft("cn-1", invoice, List.of(), quantity(1, "2"));

    CreditNoteLifecycle.Issue issue = issue(draft, invoice, List.of(), ExcessCredit.NONE);

    CreditNote note = issue.creditNote();
    assertThat(note.status()).isEqualTo(CreditNoteStatus.ISSUED);
    assertThat(note.number()).contains(InvoiceNumber.of("CN-2026-00001"));
    assertThat(note.date()).isEqualTo(TODAY);
    assertThat(note.allocation()).contains(
        new CreditAllocation(eur("238.00"), eur("0.00"), eur("0.00")));
    Transition credited = issue.invoice();
    assertThat(credited.eventType()).isEqualTo(InvoiceEventType.CREDITED);
    assertThat(credited.to()).isEqualTo(InvoiceStatus.SENT);
    assertThat(credited.invoice().totals().amountCredited()).isEqualTo(eur("238.00"));
    assertThat(credited.invoice().totals().amountDue()).isEqualTo(eur("1178.00"));
    assertThat(credited.settlement()).hasValueSatisfying(s -> {
      assertThat(s.kind()).isEqualTo(Settlement.Kind.CREDIT_NOTE);
      assertThat(s.id()).isEqualTo(SettlementId.of("cn-1"));
      assertThat(s.reference()).contains("cn-1");
      assertThat(s.amount()).isEqualTo(eur("238.00"));
    });
  }

  @Test
  void aWholeInvoiceCreditWithNothingPaidVoidsTheInvoice() {
    Book book = new Book(sent());

    CreditNote note = book.credit("cn-1", CreditNoteRequest.wholeInvoice("Wrong customer"),
        ExcessCredit.NONE);

    assertThat(book.invoice.status()).isEqualTo(InvoiceStatus.VOID);
    assertThat(book.invoice.totals().amountDue()).isEqualTo(eur("0.00"));
    assertThat(note.allocation().orElseThrow().appliedToInvoice()).isEqualTo(eur("1416.00"));
  }

  @Test
  void aCreditOfAPaidInvoiceIsAllExcessRefundedOrKept() {
    Book refunded = new Book(paid(sent(), "1416.00"));
    Book kept = new Book(paid(sent(), "1416.00"));
    Book split = new Book(paid(sent(), "1416.00"));

    CreditNote refund = refunded.credit("cn-1", quantity(2, "1"), ExcessCredit.refund());
    CreditNote credit = kept.credit("cn-1", quantity(2, "1"), ExcessCredit.toAccountCredit());
    CreditNote both = split.credit("cn-1", quantity(2, "1"),
        ExcessCredit.refundAndKeepRest(eur("20.00")));

    // 1 x 20.00 + 7 % = 21.40, none of it owed any more.
    assertThat(refund.allocation()).contains(
        new CreditAllocation(eur("0.00"), eur("21.40"), eur("0.00")));
    assertThat(credit.allocation()).contains(
        new CreditAllocation(eur("0.00"), eur("0.00"), eur("21.40")));
    assertThat(both.allocation()).contains(
        new CreditAllocation(eur("0.00"), eur("20.00"), eur("1.40")));
    assertThat(refunded.invoice.status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(refunded.invoice.settlements()).isEmpty();
  }

  @Test
  void aCreditBeyondThePartOwedIsSplitIntoAppliedAndExcess() {
    Book book = new Book(paid(sent(), "1300.00"));

    CreditNote note = book.credit("cn-1", quantity(1, "1"), ExcessCredit.toAccountCredit());

    // 119.00 credited, 116.00 still owed: 116.00 applied, 3.00 kept.
    assertThat(note.allocation()).contains(
        new CreditAllocation(eur("116.00"), eur("0.00"), eur("3.00")));
    assertThat(book.invoice.status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(book.invoice.totals().amountDue()).isEqualTo(eur("0.00"));
  }

  @Test
  void creditNotesThatTogetherTakeTheWholeTotalWithNothingPaidVoidTheInvoice() {
    Book book = new Book(sent());

    book.credit("cn-1", CreditNoteRequest.lineQuantities("Returned",
        Map.of(1, new BigDecimal("10"), 3, new BigDecimal("2"))), ExcessCredit.NONE);
    assertThat(book.invoice.status()).isEqualTo(InvoiceStatus.SENT);
    book.credit("cn-2", quantity(2, "5"), ExcessCredit.NONE);

    assertThat(book.invoice.status()).isEqualTo(InvoiceStatus.VOID);
    assertThat(book.invoice.totals().amountCredited()).isEqualTo(eur("1416.00"));
  }

  // ---- what cannot be credited ----

  @Test
  void creditingMoreOfALineThanWasInvoicedIsRefused() {
    assertThatThrownBy(() -> draft("cn-1", sent(), List.of(), quantity(1, "10.001")))
        .isInstanceOfSatisfying(CreditRejectedException.class, e -> {
          assertThat(e.invoiceId()).isEqualTo(InvoiceId.of("inv-1"));
          assertThat(e.document()).contains("credit note cn-1");
        })
        .hasMessage("Cannot credit invoice INV-2026-00042 by credit note cn-1: it credits 10.001"
            + " of line 1, but only 10 of the 10 invoiced is left to credit");
  }

  @Test
  void creditingMoreOfALineThanEarlierNotesLeftIsRefused() {
    Book book = new Book(sent());
    book.credit("cn-1", quantity(1, "4"), ExcessCredit.NONE);

    assertThatThrownBy(() -> draft("cn-2", book.invoice, book.notes, quantity(1, "7")))
        .isInstanceOf(CreditRejectedException.class)
        .hasMessage("Cannot credit invoice INV-2026-00042 by credit note cn-2: it credits 7"
            + " of line 1, but only 6 of the 10 invoiced is left to credit");
    assertThat(draft("cn-2", book.invoice, book.notes, quantity(1, "6")).total())
        .isEqualTo(eur("714.00"));
  }

  @Test
  void creditingMoreOfATaxGroupThanWasInvoicedIsRefused() {
    Book book = new Book(sent());
    book.credit("cn-1", amount(S7, "60.00"), ExcessCredit.NONE);

    assertThatThrownBy(() -> draft("cn-2", book.invoice, book.notes, amount(S7, "40.01")))
        .isInstanceOf(CreditRejectedException.class)
        .hasMessage("Cannot credit invoice INV-2026-00042 by credit note cn-2: it would bring the"
            + " credited taxable amount of group S 7 to EUR 100.01, more than the EUR 100.00"
            + " invoiced; credit at most EUR 40.00");
    assertThatThrownBy(() -> draft("cn-3", sent(), List.of(), amount(S7, "100.01")))
        .hasMessageContaining("group S 7 to EUR 100.01, more than the EUR 100.00 invoiced");
  }

  @Test
  void creditingMoreThanTheTotalIsRefusedEvenWhenEveryGroupStaysWithinItsAmount() {
    // One line of 0.10 at 19 %: tax 0.02, total 0.12. Three credits of 0.03, 0.03 and 0.04 keep
    // the group's 0.10, but each rounds its own tax up: 0.04 + 0.04 + 0.05 is more than 0.12.
    Book book = new Book(sent(draftBuilder().lines(List.of(line("Pin", "1", "0.10", S19)))
        .build()));
    book.credit("cn-1", amount(S19, "0.03"), ExcessCredit.NONE);
    book.credit("cn-2", amount(S19, "0.03"), ExcessCredit.NONE);

    assertThatThrownBy(() -> draft("cn-3", book.invoice, book.notes, amount(S19, "0.04")))
        .isInstanceOf(CreditRejectedException.class)
        .hasMessage("Cannot credit invoice INV-2026-00042 by credit note cn-3: it would bring the"
            + " credited total to EUR 0.13, more than the invoice's total of EUR 0.12; credit at"
            + " most EUR 0.04");
    // What is left of the total is credited by a smaller amount: 0.03 with its 0.01 of tax.
    assertThat(draft("cn-3", book.invoice, book.notes, amount(S19, "0.03")).total())
        .isEqualTo(eur("0.04"));
  }

  @Test
  void aLineTheInvoiceDoesNotHaveIsRefused() {
    assertThatThrownBy(() -> draft("cn-1", sent(), List.of(), quantity(4, "1")))
        .isInstanceOf(CreditRejectedException.class)
        .hasMessage("Cannot credit invoice INV-2026-00042 by credit note cn-1: it has no line 4;"
            + " its lines are 1 to 3");
    assertThatThrownBy(() -> draft("cn-1", sent(), List.of(), quantity(0, "1")))
        .hasMessageContaining("it has no line 0; its lines are 1 to 3");
  }

  @Test
  void aTaxGroupTheInvoiceDoesNotHaveIsRefused() {
    assertThatThrownBy(() -> draft("cn-1", sent(), List.of(), amount(TaxCode.standard("25"),
        "1.00")))
        .isInstanceOf(CreditRejectedException.class)
        .hasMessage("Cannot credit invoice INV-2026-00042 by credit note cn-1: the invoice has no"
            + " tax group S 25; its groups are [S 7, S 19]");
  }

  @Test
  void aReturnLineCannotBeCredited() {
    Invoice invoice = sent(draftBuilder().addLine(line("Returned books", "-1", "20.00", S7))
        .build());

    assertThatThrownBy(() -> draft("cn-1", invoice, List.of(), quantity(4, "1")))
        .isInstanceOf(CreditRejectedException.class)
        .hasMessage("Cannot credit invoice INV-2026-00042 by credit note cn-1: line 4 is a return"
            + " line (quantity -1); only lines that charged can be credited");
  }

  @Test
  void aLineWithAFixedAllowanceIsCreditedInFullOnly() {
    LineItem discounted = line("Consulting", "10", "100.00", S19).withAllowanceCharges(
        new LineAllowanceCharge.Builder().kind(AllowanceCharge.Kind.ALLOWANCE)
            .amount(eur("50.00")).build());
    Invoice invoice = sent(draftBuilder().lines(List.of(discounted)).build());

    assertThatThrownBy(() -> draft("cn-1", invoice, List.of(), quantity(1, "5")))
        .isInstanceOf(CreditRejectedException.class)
        .hasMessage("Cannot credit invoice INV-2026-00042 by credit note cn-1: line 1 has a"
            + " fixed-amount allowance or charge, so it can only be credited in full (10); credit"
            + " an amount in its tax group instead");
    // 1,000.00 - 50.00 = 950.00 + 19 %.
    assertThat(draft("cn-1", invoice, List.of(), quantity(1, "10")).total())
        .isEqualTo(eur("1130.50"));
  }

  @Test
  void quantitiesOfAnInvoiceWithDocumentAllowancesAreRefusedPointingToAmounts() {
    Invoice invoice = sent(draftBuilder().addDocumentAllowanceCharge(
        new DocumentAllowanceCharge.Builder().kind(AllowanceCharge.Kind.ALLOWANCE)
            .amount(eur("10.00")).taxCode(S19).build()).build());

    assertThatThrownBy(() -> draft("cn-1", invoice, List.of(), quantity(1, "1")))
        .isInstanceOf(CreditRejectedException.class)
        .hasMessageStartingWith("Cannot credit invoice INV-2026-00042 by credit note cn-1: the"
            + " invoice has document allowances or charges")
        .hasMessageEndingWith("credit amounts per tax group or the whole invoice");
    assertThat(draft("cn-1", invoice, List.of(), amount(S19, "10.00")).total())
        .isEqualTo(eur("11.90"));
  }

  @Test
  void anAmountInAnotherCurrencyIsRefused() {
    assertThatThrownBy(() -> draft("cn-1", sent(), List.of(), CreditNoteRequest.amount("Discount",
        S7, Money.parse("USD 10.00"))))
        .isInstanceOf(CreditRejectedException.class)
        .hasMessage("Cannot credit invoice INV-2026-00042 by credit note cn-1: the amount for S 7"
            + " is in USD but the invoice is in EUR");
  }

  @Test
  void negativeOrZeroAmountsAndQuantitiesAreRefused() {
    Invoice invoice = sent();

    assertThatThrownBy(() -> draft("cn-1", invoice, List.of(), amount(S7, "-5.00")))
        .isInstanceOf(CreditRejectedException.class)
        .hasMessage("Cannot credit invoice INV-2026-00042 by credit note cn-1: the amount for S 7"
            + " must be greater than zero, was EUR -5.00");
    assertThatThrownBy(() -> draft("cn-1", invoice, List.of(), amount(S7, "0.00")))
        .hasMessageEndingWith("must be greater than zero, was EUR 0.00");
    assertThatThrownBy(() -> draft("cn-1", invoice, List.of(), quantity(1, "-1")))
        .isInstanceOf(CreditRejectedException.class)
        .hasMessage("Cannot credit invoice INV-2026-00042 by credit note cn-1: the quantity"
            + " credited of line 1 must be greater than zero, was -1");
    assertThatThrownBy(() -> draft("cn-1", invoice, List.of(), quantity(1, "0")))
        .hasMessageEndingWith("must be greater than zero, was 0");
  }

  @Test
  void aRequestThatNamesNothingIsRefused() {
    Invoice invoice = sent();

    assertThatThrownBy(() -> draft("cn-1", invoice, List.of(),
        CreditNoteRequest.lineQuantities("Returned", Map.of())))
        .isInstanceOf(CreditRejectedException.class)
        .hasMessageEndingWith("by credit note cn-1: it names no line; give at least one line and"
            + " quantity");
    assertThatThrownBy(() -> draft("cn-1", invoice, List.of(),
        CreditNoteRequest.amounts("Discount", Map.of())))
        .hasMessageEndingWith("by credit note cn-1: it names no tax group; give at least one"
            + " amount");
  }

  @Test
  void theWholeInvoiceCannotBeCreditedAfterAnEarlierNote() {
    Book book = new Book(sent());
    book.credit("cn-1", quantity(2, "1"), ExcessCredit.NONE);

    assertThatThrownBy(() -> draft("cn-2", book.invoice, book.notes,
        CreditNoteRequest.wholeInvoice("Wrong")))
        .isInstanceOfSatisfying(CreditRejectedException.class,
            e -> assertThat(e.document()).contains("credit note cn-2"))
        .hasMessage("Cannot credit the whole of invoice INV-2026-00042 by credit note cn-2: 1"
            + " credit note(s) were already issued against it; credit the lines or amounts that"
            + " are left");
  }

  @Test
  void draftAndCancelledNotesDoNotCountAgainstWhatIsLeft() {
    Invoice invoice = sent();
    CreditNote drafted = draft("cn-1", invoice, List.of(), quantity(1, "10"));
    CreditNote cancelled = CreditNoteLifecycle.cancel(draft("cn-2", invoice, List.of(),
        quantity(1, "10")));

    CreditNote whole = draft("cn-3", invoice, List.of(drafted, cancelled),
        CreditNoteRequest.wholeInvoice("Wrong"));

    assertThat(whole.total()).isEqualTo(eur("1416.00"));
    assertThat(CreditNoteLifecycle.creditedQuantities(invoice, List.of(drafted, cancelled)))
        .isEmpty();
  }

  @Test
  void aDraftCancelledOrVoidInvoiceTakesNoCreditNote() {
    Invoice draft = draftBuilder().build();
    Invoice cancelled = InvoiceLifecycle.cancel(draft).invoice();
    Invoice voided = InvoiceLifecycle.voidInvoice(sent()).invoice();
    CreditNoteRequest request = quantity(1, "1");

    assertThatThrownBy(() -> draft("cn-1", draft, List.of(), request))
        .isInstanceOfSatisfying(IllegalTransitionException.class,
            e -> assertThat(e.status()).isEqualTo(InvoiceStatus.DRAFT))
        .hasMessage("Cannot credit invoice inv-1: it is DRAFT; a draft is corrected by editing it,"
            + " not by a credit note");
    assertThatThrownBy(() -> draft("cn-1", cancelled, List.of(), request))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage("Cannot credit invoice inv-1: it is CANCELLED; CANCELLED is final, nothing"
            + " more can happen to it");
    assertThatThrownBy(() -> draft("cn-1", voided, List.of(), request))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage("Cannot credit invoice INV-2026-00042: it is VOID; VOID is final, nothing more"
            + " can happen to it");
  }

  @Test
  void anUncollectibleInvoiceTakesNoCreditNoteUntilAPaymentTakesTheWriteOffBack() {
    Invoice written = InvoiceLifecycle.writeOff(sent(), SettlementId.of("w-1"), "Insolvent",
        TODAY).invoice();

    assertThatThrownBy(() -> draft("cn-1", written, List.of(), quantity(1, "1")))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage("Cannot credit invoice INV-2026-00042: it is UNCOLLECTIBLE; its balance is"
            + " written off: record the payment that takes the write-off back first");
  }

  @Test
  void anIssueThatNowExceedsTheLineBecauseAnotherNoteWasIssuedInBetweenIsRefused() {
    // Both drafts take the licence line's 2; the first to be issued wins.
    Invoice invoice = sent();
    CreditNote first = draft("cn-1", invoice, List.of(), quantity(3, "2"));
    CreditNote second = draft("cn-2", invoice, List.of(), quantity(3, "2"));
    CreditNoteLifecycle.Issue issued = issue(first, invoice, List.of(first, second),
        ExcessCredit.NONE);
    Invoice credited = issued.invoice().invoice();
    List<CreditNote> notes = List.of(issued.creditNote(), second);

    assertThatThrownBy(() -> CreditNoteLifecycle.issue(second, credited, notes,
        ExcessCredit.NONE, NO_NUMBER, TODAY))
        .isInstanceOf(CreditRejectedException.class)
        .hasMessage("Cannot credit invoice INV-2026-00042 by credit note cn-2: it credits 2 of"
            + " line 3, but only 0 of the 2 invoiced is left to credit");
  }

  @Test
  void anIssueThatNowExceedsTheGroupBecauseAnotherNoteWasIssuedInBetweenIsRefused() {
    Invoice invoice = sent();
    CreditNote first = draft("cn-1", invoice, List.of(), amount(S7, "60.00"));
    CreditNote second = draft("cn-2", invoice, List.of(), amount(S7, "60.00"));
    CreditNoteLifecycle.Issue issued = issue(first, invoice, List.of(), ExcessCredit.NONE);

    assertThatThrownBy(() -> CreditNoteLifecycle.issue(second, issued.invoice().invoice(),
        List.of(issued.creditNote(), second), ExcessCredit.NONE, NO_NUMBER, TODAY))
        .isInstanceOf(CreditRejectedException.class)
        .hasMessage("Cannot credit invoice INV-2026-00042 by credit note cn-2: it would bring the"
            + " credited taxable amount of group S 7 to EUR 120.00, more than the EUR 100.00"
            + " invoiced; credit at most EUR 40.00");
  }

  @Test
  void anExcessWithoutBeingToldWhatToDoWithItIsRefused() {
    Invoice invoice = paid(sent(), "1416.00");
    CreditNote draft = draft("cn-1", invoice, List.of(), quantity(2, "1"));

    assertThatThrownBy(() -> CreditNoteLifecycle.issue(draft, invoice, List.of(),
        ExcessCredit.NONE, NO_NUMBER, TODAY))
        .isInstanceOfSatisfying(CreditRejectedException.class,
            e -> assertThat(e.document()).contains("credit note cn-1"))
        .hasMessage("Cannot issue credit note cn-1 for invoice INV-2026-00042: its total EUR 21.40"
            + " exceeds the balance due by EUR 21.40; say whether to refund the excess or keep it"
            + " as account credit");
  }

  @Test
  void aSplitRefundOutsideZeroToTheExcessIsRefused() {
    Invoice invoice = paid(sent(), "1416.00");
    CreditNote draft = draft("cn-1", invoice, List.of(), quantity(2, "1"));

    assertThatThrownBy(() -> CreditNoteLifecycle.issue(draft, invoice, List.of(),
        ExcessCredit.refundAndKeepRest(eur("21.41")), NO_NUMBER, TODAY))
        .isInstanceOf(CreditRejectedException.class)
        .hasMessage("Cannot issue credit note cn-1 for invoice INV-2026-00042: the refund of"
            + " EUR 21.41 must be in EUR, between zero and the excess of EUR 21.40");
    assertThatThrownBy(() -> CreditNoteLifecycle.issue(draft, invoice, List.of(),
        ExcessCredit.refundAndKeepRest(eur("-0.01")), NO_NUMBER, TODAY))
        .isInstanceOf(CreditRejectedException.class)
        .hasMessageContaining("the refund of EUR -0.01 must be in EUR, between zero and the"
            + " excess of EUR 21.40");
    assertThatThrownBy(() -> CreditNoteLifecycle.issue(draft, invoice, List.of(),
        ExcessCredit.refundAndKeepRest(Money.parse("USD 1.00")), NO_NUMBER, TODAY))
        .isInstanceOf(CreditRejectedException.class)
        .hasMessageContaining("the refund of USD 1.00 must be in EUR, between zero and the"
            + " excess of EUR 21.40");
  }

  @Test
  void aSplitRefundOfAllOrNothingOfTheExcessIsAccepted() {
    Invoice invoice = paid(sent(), "1416.00");
    CreditNote draft = draft("cn-1", invoice, List.of(), quantity(2, "1"));

    assertThat(issue(draft, invoice, List.of(), ExcessCredit.refundAndKeepRest(eur("0.00")))
        .creditNote().allocation()).contains(
            new CreditAllocation(eur("0.00"), eur("0.00"), eur("21.40")));
    assertThat(issue(draft, invoice, List.of(), ExcessCredit.refundAndKeepRest(eur("21.40")))
        .creditNote().allocation()).contains(
            new CreditAllocation(eur("0.00"), eur("21.40"), eur("0.00")));
  }

  @Test
  void withoutAnExcessEveryChoiceIssuesTheSameNote() {
    Invoice invoice = sent();
    CreditNote draft = draft("cn-1", invoice, List.of(), quantity(2, "1"));
    CreditAllocation applied = new CreditAllocation(eur("21.40"), eur("0.00"), eur("0.00"));

    for (ExcessCredit excess : List.of(ExcessCredit.NONE, ExcessCredit.refund(),
        ExcessCredit.toAccountCredit(), ExcessCredit.refundAndKeepRest(eur("5.00")))) {
      assertThat(issue(draft, invoice, List.of(), excess).creditNote().allocation())
          .as("issued with %s", excess).contains(applied);
    }
  }

  @Test
  void onlyADraftIsIssuedOrCancelled() {
    Invoice invoice = sent();
    CreditNote issued = issue(draft("cn-1", invoice, List.of(), quantity(2, "1")), invoice,
        List.of(), ExcessCredit.NONE).creditNote();
    CreditNote cancelled = CreditNoteLifecycle.cancel(draft("cn-2", invoice, List.of(),
        quantity(2, "1")));

    assertThatThrownBy(() -> CreditNoteLifecycle.issue(issued, invoice, List.of(issued),
        ExcessCredit.NONE, NO_NUMBER, TODAY))
        .isInstanceOfSatisfying(CreditNoteStateException.class, e -> {
          assertThat(e.creditNoteId()).isEqualTo(CreditNoteId.of("cn-1"));
          assertThat(e.status()).isEqualTo(CreditNoteStatus.ISSUED);
        })
        .hasMessage("Cannot issue credit note CN-2026-00001 of invoice INV-2026-00042: it is"
            + " ISSUED; an issued credit note is final, correct it with a new invoice");
    assertThatThrownBy(() -> CreditNoteLifecycle.cancel(issued))
        .isInstanceOf(CreditNoteStateException.class)
        .hasMessageStartingWith("Cannot cancel credit note CN-2026-00001 of invoice"
            + " INV-2026-00042: it is ISSUED");
    assertThatThrownBy(() -> CreditNoteLifecycle.issue(cancelled, invoice, List.of(),
        ExcessCredit.NONE, NO_NUMBER, TODAY))
        .isInstanceOf(CreditNoteStateException.class)
        .hasMessage("Cannot issue credit note cn-2 of invoice INV-2026-00042: it is CANCELLED;"
            + " only a draft can be issued or cancelled");
    assertThat(cancelled.status()).isEqualTo(CreditNoteStatus.CANCELLED);
    assertThat(cancelled.number()).isEmpty();
  }

  @Test
  void aNoteIsIssuedAgainstItsOwnInvoiceOnly() {
    Invoice invoice = sent();
    CreditNote draft = draft("cn-1", invoice, List.of(), quantity(2, "1"));
    Invoice other = sent(draftBuilder().id(InvoiceId.of("inv-2")).build());

    assertThatThrownBy(() -> CreditNoteLifecycle.issue(draft, other, List.of(),
        ExcessCredit.NONE, NO_NUMBER, TODAY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Credit note cn-1 credits invoice inv-1, not inv-2");
  }

  @Test
  void aRefusedDraftOrIssueLeavesInvoiceAndNotesAsTheyWere() {
    Book book = new Book(paid(sent(), "1416.00"));
    Invoice before = book.invoice;
    CreditNote draft = draft("cn-1", book.invoice, book.notes, quantity(2, "1"));
    CreditNote draftCopy = draft.withReason(draft.reason());

    assertThatThrownBy(() -> draft("cn-2", book.invoice, book.notes, quantity(2, "6")))
        .isInstanceOf(CreditRejectedException.class);
    assertThatThrownBy(() -> CreditNoteLifecycle.issue(draft, book.invoice, book.notes,
        ExcessCredit.NONE, NO_NUMBER, TODAY)).isInstanceOf(CreditRejectedException.class);

    assertThat(book.invoice).isEqualTo(before);
    assertThat(book.invoice.settlements()).isEmpty();
    assertThat(draft).isEqualTo(draftCopy);
    assertThat(draft.status()).isEqualTo(CreditNoteStatus.DRAFT);
  }
}
