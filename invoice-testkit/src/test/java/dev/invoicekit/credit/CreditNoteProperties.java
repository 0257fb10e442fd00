package dev.invoicekit.credit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceRefusal;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.Settlement;
import dev.invoicekit.invoice.SettlementId;
import dev.invoicekit.lifecycle.CreditRejectedException;
import dev.invoicekit.lifecycle.IllegalTransitionException;
import dev.invoicekit.lifecycle.InvoiceLifecycle;
import dev.invoicekit.lifecycle.PaymentRejectedException;
import dev.invoicekit.tax.TaxCode;
import dev.invoicekit.testkit.InvoiceArbitraries;
import dev.invoicekit.totals.InvoiceTotals;
import dev.invoicekit.totals.TaxBreakdown;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The money invariants of credit notes, applied account credit and write-offs, over generated
 * invoices (sent, partly paid, overdue, paid: every status that takes a credit) and random
 * sequences of corrections, over-limit ones included: whatever the rules accept keeps the
 * invariants, whatever they refuse is one of the library's refusals.
 */
class CreditNoteProperties {

  private static final int TRIES = 500;
  private static final LocalDate TODAY = InvoiceArbitraries.INVOICE_DATE.plusDays(10);

  /** Fractions of what a correction takes: small, half, all, and a little or a lot too much. */
  private static final List<BigDecimal> FRACTIONS = List.of("0.01", "0.1", "0.25", "0.5",
      "0.999", "1", "1.001", "1.5").stream().map(BigDecimal::new).toList();

  private static final int LINES = 0;
  private static final int AMOUNTS = 1;
  private static final int WHOLE = 2;
  private static final int ACCOUNT_CREDIT = 3;
  private static final int PAYMENT = 4;
  private static final int WRITE_OFF = 5;

  /**
   * One correction of a {@code kind}, its arguments read against the invoice and notes as they are
   * by then: which line or group it picks, which of the {@link #FRACTIONS} it takes, and what to
   * do with an excess (for a payment, 0 keeps it as account credit).
   */
  private record Step(int kind, int pick, int fraction, int excess) {}

  /** An invoice with the corrections to try on it. */
  private record Case(Invoice invoice, List<Step> steps) {}

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<Invoice> anyStatus = Arbitraries.of(InvoiceStatus.SENT,
        InvoiceStatus.PARTIALLY_PAID, InvoiceStatus.OVERDUE, InvoiceStatus.PAID)
        .flatMap(InvoiceArbitraries::invoices);
    Arbitrary<Invoice> invoices = Arbitraries.oneOf(anyStatus, lineCreditable());
    Arbitrary<Integer> kinds = Arbitraries.frequency(Tuple.of(4, LINES), Tuple.of(4, AMOUNTS),
        Tuple.of(1, WHOLE), Tuple.of(2, ACCOUNT_CREDIT), Tuple.of(2, PAYMENT),
        Tuple.of(1, WRITE_OFF));
    Arbitrary<Step> steps = Combinators.combine(
            kinds,
            Arbitraries.integers().between(0, 50),
            Arbitraries.integers().between(0, FRACTIONS.size() - 1),
            Arbitraries.integers().between(0, 3))
        .as(Step::new);
    return Combinators.combine(invoices, steps.list().ofMinSize(1).ofMaxSize(8)).as(Case::new);
  }

  /** Sent invoices without document allowances or charges (which take no line credits). */
  private static Arbitrary<Invoice> lineCreditable() {
    return InvoiceArbitraries.drafts()
        .map(draft -> draft.withDocumentAllowanceCharges())
        .filter(draft -> draft.totals().amountDue().isPositive())
        .map(draft -> InvoiceLifecycle.send(draft,
            () -> InvoiceNumber.of("GEN-" + draft.id().value())).invoice());
  }

  /** What the steps did to one invoice. */
  private static final class Run {
    Invoice invoice;
    final List<CreditNote> notes = new ArrayList<>();
    int accepted;

    Run(Invoice invoice) {
      this.invoice = invoice;
    }
  }

  private static Run run(Case given, StepCheck afterEachStep) {
    Run run = new Run(given.invoice());
    for (int i = 0; i < given.steps().size(); i++) {
      Step step = given.steps().get(i);
      try {
        apply(run, step, i);
        run.accepted++;
      } catch (CreditRejectedException | IllegalTransitionException
          | PaymentRejectedException refused) {
        // What the rules refuse; anything else is a failure.
        assertThat(refused).isInstanceOf(InvoiceRefusal.class);
      }
      afterEachStep.check(run);
    }
    return run;
  }

  @FunctionalInterface
  private interface StepCheck {
    void check(Run run);
  }

  private static void apply(Run run, Step step, int index) {
    Invoice invoice = run.invoice;
    BigDecimal fraction = FRACTIONS.get(step.fraction());
    switch (step.kind()) {
      case LINES, AMOUNTS, WHOLE -> {
        CreditNote draft = CreditNoteLifecycle.draft(CreditNoteId.of("cn-" + index), invoice,
            run.notes, request(invoice, step, fraction), TODAY);
        CreditNoteLifecycle.Issue issue = CreditNoteLifecycle.issue(draft, invoice, run.notes,
            excess(step, draft), () -> InvoiceNumber.of("CN-" + (run.notes.size() + 1)), TODAY);
        run.notes.add(issue.creditNote());
        run.invoice = issue.invoice().invoice();
      }
      case ACCOUNT_CREDIT -> run.invoice = InvoiceLifecycle.applyAccountCredit(invoice,
          share(invoice.totals().amountDue(), fraction), "entry-" + index, TODAY).invoice();
      case PAYMENT -> run.invoice = InvoiceLifecycle.recordPayment(invoice, new Payment.Builder()
          .id(PaymentId.of("pay-" + index))
          .amount(share(invoice.totals().amountDue(), fraction))
          .date(TODAY)
          .build(), TODAY, step.excess() == 0).invoice();
      case WRITE_OFF -> run.invoice = InvoiceLifecycle.writeOff(invoice,
          SettlementId.of("write-off-" + index), "Uncollectible", TODAY).invoice();
      default -> throw new IllegalArgumentException("Unknown step " + step);
    }
  }

  /** A fraction of an amount, at the currency's scale, at least its smallest unit. */
  private static Money share(Money amount, BigDecimal fraction) {
    Money part = amount.multipliedBy(fraction, RoundingMode.DOWN);
    return part.isPositive() ? part : Money.ofMinor(amount.getCurrencyUnit(), 1);
  }

  private static CreditNoteRequest request(Invoice invoice, Step step, BigDecimal fraction) {
    int lines = invoice.lines().size();
    List<TaxBreakdown> groups = invoice.totals().taxBreakdown();
    return switch (step.kind()) {
      case LINES -> {
        // One pick in ten names a line past the last: a line the invoice does not have.
        int first = step.pick() % 10 == 9 ? lines + 1 : 1 + step.pick() % lines;
        Map<Integer, BigDecimal> quantities = new TreeMap<>();
        quantities.put(first, quantity(invoice, first, fraction));
        if (step.excess() % 2 == 0 && lines > 1) {
          int second = 1 + (first % lines);
          quantities.put(second, quantity(invoice, second, BigDecimal.ONE));
        }
        yield CreditNoteRequest.lineQuantities("Returned", quantities);
      }
      case AMOUNTS -> {
        // One pick in ten names a group the invoice does not have.
        boolean foreign = step.pick() % 10 == 9;
        TaxCode code = foreign ? TaxCode.standard("99")
            : groups.get(step.pick() % groups.size()).taxCode();
        Money base = foreign ? Money.ofMinor(invoice.currency(), 100)
            : groupAmount(invoice, groups.get(step.pick() % groups.size()));
        yield CreditNoteRequest.amount("Price reduction", code, share(base.abs(), fraction));
      }
      default -> CreditNoteRequest.wholeInvoice("Wrong invoice");
    };
  }

  /** A group's amount in the invoice's price terms: with tax when its prices include tax. */
  private static Money groupAmount(Invoice invoice, TaxBreakdown group) {
    return invoice.pricesIncludeTax() ? group.taxableAmount().plus(group.taxAmount())
        : group.taxableAmount();
  }

  private static BigDecimal quantity(Invoice invoice, int line, BigDecimal fraction) {
    if (line > invoice.lines().size()) {
      return BigDecimal.ONE;
    }
    BigDecimal invoiced = invoice.lines().get(line - 1).quantity().abs();
    BigDecimal quantity = invoiced.multiply(fraction).setScale(3, RoundingMode.DOWN);
    return quantity.signum() > 0 ? quantity : new BigDecimal("0.001");
  }

  private static ExcessCredit excess(Step step, CreditNote draft) {
    return switch (step.excess()) {
      case 0 -> ExcessCredit.NONE;
      case 1 -> ExcessCredit.refund();
      case 2 -> ExcessCredit.toAccountCredit();
      default -> ExcessCredit.refundAndKeepRest(share(draft.total(),
          FRACTIONS.get(step.fraction())));
    };
  }

  // ---- the invariants ----

  @Property(tries = TRIES)
  void theAllocationOfEveryIssuedNoteAddsUpToItsTotal(@ForAll("cases") Case given) {
    run(given, run -> {
      for (CreditNote note : run.notes) {
        CreditAllocation parts = note.allocation().orElseThrow();
        assertThat(parts.appliedToInvoice().plus(parts.refunded()).plus(parts.toAccountCredit()))
            .isEqualTo(note.total());
        assertThat(List.of(parts.appliedToInvoice(), parts.refunded(), parts.toAccountCredit()))
            .noneMatch(Money::isNegative);
      }
    });
  }

  @Property(tries = TRIES)
  void issuedNotesNeverCreditMoreThanTheTotalALineOrATaxGroupInvoiced(
      @ForAll("cases") Case given) {
    run(given, run -> {
      Invoice invoice = run.invoice;
      Money zero = Money.zero(invoice.currency());
      Money credited = zero;
      Map<Integer, BigDecimal> quantities = new HashMap<>();
      Map<TaxCode, Money> taxable = new HashMap<>();
      for (CreditNote note : run.notes) {
        credited = credited.plus(note.total());
        if (note.kind() == CreditNote.Kind.WHOLE_INVOICE) {
          for (int i = 0; i < invoice.lines().size(); i++) {
            quantities.merge(i + 1, invoice.lines().get(i).quantity(), BigDecimal::add);
          }
        }
        for (CreditedLine line : note.creditedLines()) {
          quantities.merge(line.lineNumber(), line.quantity(), BigDecimal::add);
        }
        for (TaxBreakdown group : note.totals().taxBreakdown()) {
          taxable.merge(group.taxCode(), group.taxableAmount(), Money::plus);
        }
      }
      assertThat(credited).as("credited in all").isLessThanOrEqualTo(invoice.totals().total());
      quantities.forEach((line, quantity) -> assertThat(quantity).as("credited of line %s", line)
          .isLessThanOrEqualTo(invoice.lines().get(line - 1).quantity()));
      for (TaxBreakdown group : invoice.totals().taxBreakdown()) {
        Money creditedTaxable = taxable.remove(group.taxCode());
        if (creditedTaxable != null) {
          assertThat(creditedTaxable).as("credited taxable of %s", group.taxCode())
              .isLessThanOrEqualTo(group.taxableAmount());
        }
      }
      assertThat(taxable).as("credits in groups the invoice does not have").isEmpty();
    });
  }

  @Property(tries = TRIES)
  void amountDueIsTotalLessPaidCreditedAppliedAndWrittenOffAndNeverNegative(
      @ForAll("cases") Case given) {
    Run done = run(given, run -> {
      Invoice invoice = run.invoice;
      InvoiceTotals totals = invoice.totals();
      Money zero = Money.zero(invoice.currency());
      Money paid = totals.amountPaid();
      Money applied = zero;
      Money writtenOff = zero;
      for (Settlement settlement : invoice.settlements()) {
        switch (settlement.kind()) {
          case ACCOUNT_CREDIT -> applied = applied.plus(settlement.amount());
          case WRITE_OFF -> writtenOff = writtenOff.plus(settlement.amount());
          case WRITE_OFF_REVERSAL -> writtenOff = writtenOff.minus(settlement.amount());
          default -> { }
        }
      }
      // What the notes say they applied, not what the invoice sums up itself.
      Money credited = zero;
      for (CreditNote note : run.notes) {
        credited = credited.plus(note.allocation().orElseThrow().appliedToInvoice());
      }
      assertThat(totals.amountCredited()).isEqualTo(credited);
      assertThat(totals.accountCreditApplied()).isEqualTo(applied);
      assertThat(totals.amountWrittenOff()).isEqualTo(writtenOff);
      assertThat(totals.amountDue()).isEqualTo(totals.total().minus(paid).minus(credited)
          .minus(applied).minus(writtenOff).plus(totals.roundingAmount()));
      assertThat(totals.amountDue().isNegative()).as("amount due %s", totals.amountDue())
          .isFalse();
      boolean settled = invoice.status() == InvoiceStatus.PAID
          || invoice.status() == InvoiceStatus.VOID
          || invoice.status() == InvoiceStatus.UNCOLLECTIBLE;
      assertThat(totals.amountDue().isZero()).as("%s owing %s", invoice.status(),
          totals.amountDue()).isEqualTo(settled);
    });
    // The accepted corrections, so that a run where everything is refused shows.
    Statistics.label("credit notes issued").collect(done.notes.isEmpty() ? "none" : "some");
    Statistics.label("final status").collect(done.invoice.status());
    Statistics.label("credit notes issued").coverage(coverage ->
        coverage.check("some").percentage(p -> p > 20));
    Statistics.label("final status").coverage(coverage -> {
      coverage.check(InvoiceStatus.VOID).count(c -> c > 0);
      coverage.check(InvoiceStatus.UNCOLLECTIBLE).count(c -> c > 0);
      coverage.check(InvoiceStatus.PAID).count(c -> c > 0);
    });
  }

  @Property(tries = TRIES)
  void anInvoiceIsVoidOnlyWhenItsCreditsTookTheWholeTotalWithNothingPaid(
      @ForAll("cases") Case given) {
    run(given, run -> {
      Invoice invoice = run.invoice;
      if (invoice.status() == InvoiceStatus.VOID) {
        assertThat(invoice.totals().amountCredited()).isEqualTo(invoice.totals().total());
        assertThat(invoice.totals().amountPaid().isZero()).isTrue();
      }
    });
  }

  @Provide
  Arbitrary<Case> twoDraftsOfOneLine() {
    Arbitrary<Step> line = Combinators.combine(Arbitraries.just(LINES),
            Arbitraries.integers().between(0, 8),
            Arbitraries.integers().between(0, FRACTIONS.size() - 1),
            Arbitraries.integers().between(1, 3))
        .as(Step::new);
    // Several lines in one tax group: the group and the total leave room, only the line is full.
    Arbitrary<Invoice> oneGroup = Combinators.combine(InvoiceArbitraries.currencies(),
            InvoiceArbitraries.taxCodes())
        .flatAs((currency, code) -> InvoiceArbitraries.lineItems(currency, List.of(code))
            .list().ofMinSize(2).ofMaxSize(6)
            .map(lines -> new Invoice.Builder()
                .id(InvoiceId.of("inv-one-group"))
                .account(AccountId.of("account"))
                .currency(currency)
                .invoiceDate(InvoiceArbitraries.INVOICE_DATE)
                .paymentTerms(PaymentTerms.net(30))
                .lines(lines)
                .build()))
        .filter(draft -> draft.totals().amountDue().isPositive())
        .map(draft -> InvoiceLifecycle.send(draft, () -> InvoiceNumber.of("GEN-1")).invoice());
    return Combinators.combine(oneGroup, line, Arbitraries.integers().between(0,
            FRACTIONS.size() - 1))
        .as((invoice, first, fraction) -> new Case(invoice, List.of(first,
            new Step(LINES, first.pick(), fraction, first.excess()))));
  }

  @Property(tries = TRIES)
  void aDraftIssuedAfterAnotherNoteTookItsLineNeverCreditsMoreOfTheLineThanInvoiced(
      @ForAll("twoDraftsOfOneLine") Case given) {
    // Both notes are drafted from the same state; the second is issued after the first.
    Run run = new Run(given.invoice());
    List<CreditNote> drafts = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Step step = given.steps().get(i);
      try {
        drafts.add(CreditNoteLifecycle.draft(CreditNoteId.of("cn-" + i), run.invoice, run.notes,
            request(run.invoice, step, FRACTIONS.get(step.fraction())), TODAY));
      } catch (CreditRejectedException refused) {
        // Over the limit on its own.
      }
    }
    for (CreditNote draft : drafts) {
      try {
        CreditNoteLifecycle.Issue issue = CreditNoteLifecycle.issue(draft, run.invoice,
            run.notes, ExcessCredit.refund(), () -> InvoiceNumber.of("CN-" + run.notes.size()),
            TODAY);
        run.notes.add(issue.creditNote());
        run.invoice = issue.invoice().invoice();
      } catch (CreditRejectedException | IllegalTransitionException refused) {
        // What the first note left was not enough, or it voided the invoice.
      }
    }

    Map<Integer, BigDecimal> credited = CreditNoteLifecycle.creditedQuantities(run.invoice,
        run.notes);
    credited.forEach((line, quantity) -> assertThat(quantity).as("credited of line %s", line)
        .isLessThanOrEqualTo(run.invoice.lines().get(line - 1).quantity()));
    Statistics.label("notes issued").collect(run.notes.size());
    Statistics.label("notes issued").coverage(coverage -> coverage.check(2).count(c -> c > 0));
  }

  // ---- bad debt ----

  @Provide
  Arbitrary<Invoice> writtenOff() {
    return Arbitraries.of(InvoiceStatus.SENT, InvoiceStatus.PARTIALLY_PAID, InvoiceStatus.OVERDUE)
        .flatMap(InvoiceArbitraries::invoices)
        .filter(invoice -> invoice.totals().amountDue().isPositive())
        .map(invoice -> InvoiceLifecycle.writeOff(invoice, SettlementId.of("w-1"), "Insolvent",
            TODAY).invoice());
  }

  @Property(tries = TRIES)
  void theBadDebtSplitAddsUpExactlyAndEachPartIsWithinAMinorUnitOfItsExactShare(
      @ForAll("writtenOff") Invoice invoice) {
    Money writtenOff = invoice.totals().amountWrittenOff();
    List<TaxBreakdown> groups = invoice.totals().taxBreakdown();
    CurrencyUnit currency = invoice.currency();
    BigDecimal unit = Money.ofMinor(currency, 1).getAmount();
    BigDecimal weights = BigDecimal.ZERO;
    for (TaxBreakdown group : groups) {
      weights = weights.add(group.taxableAmount().plus(group.taxAmount()).getAmount());
    }

    List<BadDebt.GroupShare> shares = BadDebt.writtenOffByTaxGroup(invoice);

    assertThat(shares).extracting(BadDebt.GroupShare::taxCode)
        .containsExactlyElementsOf(groups.stream().map(TaxBreakdown::taxCode).toList());
    Money sum = Money.zero(currency);
    for (int i = 0; i < shares.size(); i++) {
      BadDebt.GroupShare share = shares.get(i);
      TaxBreakdown group = groups.get(i);
      BigDecimal gross = group.taxableAmount().plus(group.taxAmount()).getAmount();
      BigDecimal exact = writtenOff.getAmount().multiply(gross)
          .divide(weights, 12, RoundingMode.HALF_EVEN);
      assertThat(share.gross().getAmount().subtract(exact).abs())
          .as("share of %s", share.taxCode()).isLessThan(unit);
      if (gross.signum() != 0) {
        BigDecimal exactTax = share.gross().getAmount().multiply(group.taxAmount().getAmount())
            .divide(gross, 12, RoundingMode.HALF_EVEN);
        assertThat(share.tax().getAmount().subtract(exactTax).abs())
            .as("tax part of %s", share.taxCode()).isLessThan(unit);
      }
      assertThat(share.net().plus(share.tax())).isEqualTo(share.gross());
      sum = sum.plus(share.gross());
    }
    assertThat(sum).isEqualTo(writtenOff);
  }
}
