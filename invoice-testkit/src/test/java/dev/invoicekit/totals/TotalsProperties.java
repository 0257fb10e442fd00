package dev.invoicekit.totals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.invoice.DocumentAllowanceCharge;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.OverallDiscount;
import dev.invoicekit.money.Percentage;
import dev.invoicekit.money.TaxRounding;
import dev.invoicekit.testkit.InvoiceArbitraries;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.joda.money.Money;

/** The money invariants of the calculator, each over thousands of invoices from the testkit. */
class TotalsProperties {

  private static final int TRIES = 2000;

  @Provide
  Arbitrary<Invoice> invoices() {
    return InvoiceArbitraries.drafts();
  }

  /** Invoices under either tax rounding policy. */
  @Provide
  Arbitrary<Invoice> invoicesUnderAnyPolicy() {
    return InvoiceArbitraries.drafts()
        .flatMap(invoice -> Arbitraries.of(TaxRounding.class)
            .map(rounding -> invoice.withRoundingPolicy(
                invoice.roundingPolicy().withTaxRounding(rounding))));
  }

  @Provide
  Arbitrary<Invoice> invoicesWithoutDocumentAllowancesOrCharges() {
    return InvoiceArbitraries.drafts().map(invoice -> invoice.withDocumentAllowanceCharges());
  }

  private static Money sum(Stream<Money> amounts, Money zero) {
    return amounts.reduce(zero, Money::plus);
  }

  @Property(tries = TRIES)
  void totalIsSubtotalMinusAllowancesPlusChargesPlusTaxExactly(
      @ForAll("invoicesUnderAnyPolicy") Invoice invoice) {
    InvoiceTotals t = invoice.totals();

    assertThat(t.totalWithoutTax())
        .isEqualTo(t.subtotal().minus(t.allowanceTotal()).plus(t.chargeTotal()));
    assertThat(t.total())
        .isEqualTo(t.subtotal().minus(t.allowanceTotal()).plus(t.chargeTotal()).plus(t.taxTotal()));
    assertThat(t.amountDue()).isEqualTo(t.total().minus(t.amountPaid()).plus(t.roundingAmount()));
    Money zero = Money.zero(invoice.currency());
    assertThat(t.subtotal())
        .isEqualTo(sum(t.lines().stream().map(LineTotals::netAmount), zero));
  }

  @Property(tries = TRIES)
  void breakdownTaxableAmountsAddUpToTotalWithoutTaxAndItsTaxToTheTaxTotal(
      @ForAll("invoicesUnderAnyPolicy") Invoice invoice) {
    InvoiceTotals t = invoice.totals();
    Money zero = Money.zero(invoice.currency());

    assertThat(sum(t.taxBreakdown().stream().map(TaxBreakdown::taxableAmount), zero))
        .isEqualTo(t.totalWithoutTax());
    assertThat(sum(t.taxBreakdown().stream().map(TaxBreakdown::taxAmount), zero))
        .isEqualTo(t.taxTotal());
    assertThat(t.taxBreakdown())
        .extracting(TaxBreakdown::taxCode)
        .doesNotHaveDuplicates()
        .isSorted();
    t.taxBreakdown().stream()
        .filter(group -> group.taxCode().carriesNoTax())
        .forEach(group -> assertThat(group.taxAmount().isZero()).isTrue());
  }

  @Property(tries = TRIES)
  void taxIsRoundedOncePerGroupOnTheTaxableAmount(@ForAll("invoices") Invoice invoice) {
    if (invoice.pricesIncludeTax()) {
      return; // the gross rule has its own property
    }
    for (TaxBreakdown group : invoice.totals().taxBreakdown()) {
      BigDecimal exact =
          group.taxableAmount().getAmount().multiply(group.taxCode().rate())
              .divide(BigDecimal.valueOf(100));
      assertThat(group.taxAmount().getAmount())
          .isEqualByComparingTo(
              exact.setScale(invoice.currency().getDecimalPlaces(), RoundingMode.HALF_UP));
    }
  }

  @Property(tries = TRIES)
  void overallDiscountPartsAddUpExactlyToTheDiscount(@ForAll("invoices") Invoice invoice) {
    InvoiceTotals t = invoice.totals();
    Money zero = Money.zero(invoice.currency());

    assertThat(sum(t.taxBreakdown().stream().map(TaxBreakdown::overallDiscountShare), zero))
        .isEqualTo(t.overallDiscount());
    if (invoice.overallDiscount().isEmpty()) {
      assertThat(t.overallDiscount().isZero()).isTrue();
    } else if (!invoice.pricesIncludeTax()) {
      OverallDiscount discount = invoice.overallDiscount().get();
      Money expected =
          discount.fixedAmount().orElseGet(() ->
              Money.of(invoice.currency(),
                  t.subtotal().getAmount().multiply(discount.percentage().get().value())
                      .divide(BigDecimal.valueOf(100),
                          invoice.currency().getDecimalPlaces(), RoundingMode.HALF_UP)));
      assertThat(t.overallDiscount()).isEqualTo(expected);
      // Each share is within one minor unit of its exact proportional part.
      BigDecimal unit = BigDecimal.ONE.movePointLeft(invoice.currency().getDecimalPlaces());
      for (TaxBreakdown group : t.taxBreakdown()) {
        Money groupNet = sum(
            t.lines().stream().filter(l -> l.taxCode().equals(group.taxCode()))
                .map(LineTotals::netAmount), zero);
        if (t.subtotal().isZero()) {
          continue;
        }
        BigDecimal exactShare = expected.getAmount().multiply(groupNet.getAmount())
            .divide(t.subtotal().getAmount(), 10, RoundingMode.HALF_EVEN);
        assertThat(group.overallDiscountShare().getAmount().subtract(exactShare).abs())
            .isLessThan(unit);
      }
    }
  }

  @Property(tries = TRIES)
  void reorderingLinesChangesNoTotal(@ForAll("invoicesUnderAnyPolicy") Invoice invoice,
      @ForAll long seed) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < invoice.lines().size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    List<LineItem> shuffledLines = new ArrayList<>();
    order.forEach(i -> shuffledLines.add(invoice.lines().get(i)));
    List<DocumentAllowanceCharge> shuffledParts =
        new ArrayList<>(invoice.documentAllowanceCharges());
    Collections.shuffle(shuffledParts, new Random(seed + 1));
    Invoice reordered =
        invoice.withLines(shuffledLines).withDocumentAllowanceCharges(shuffledParts);

    InvoiceTotals before = invoice.totals();
    InvoiceTotals after = reordered.totals();

    assertThat(after.subtotal()).isEqualTo(before.subtotal());
    assertThat(after.allowanceTotal()).isEqualTo(before.allowanceTotal());
    assertThat(after.chargeTotal()).isEqualTo(before.chargeTotal());
    assertThat(after.taxBreakdown()).isEqualTo(before.taxBreakdown());
    assertThat(after.taxTotal()).isEqualTo(before.taxTotal());
    assertThat(after.total()).isEqualTo(before.total());
    assertThat(after.amountDue()).isEqualTo(before.amountDue());
    if (!invoice.pricesIncludeTax()) {
      // Net lines do not depend on one another; gross lines may trade a cent of net between
      // lines of equal gross, which changes no total.
      for (int k = 0; k < order.size(); k++) {
        assertThat(after.lines().get(k)).isEqualTo(before.lines().get(order.get(k)));
      }
    }
  }

  @Property(tries = TRIES)
  void everyReportedAmountHasTheCurrencyScaleAndTheInvoiceCurrency(
      @ForAll("invoicesUnderAnyPolicy") Invoice invoice) {
    InvoiceTotals t = invoice.totals();
    List<Money> amounts = new ArrayList<>(List.of(
        t.subtotal(), t.overallDiscount(), t.allowanceTotal(), t.chargeTotal(),
        t.totalWithoutTax(), t.taxTotal(), t.total(), t.amountPaid(), t.roundingAmount(),
        t.amountDue()));
    amounts.addAll(t.documentAllowanceChargeAmounts());
    for (LineTotals line : t.lines()) {
      amounts.addAll(List.of(line.lineAmount(), line.allowanceAmount(), line.chargeAmount(),
          line.netAmount()));
      line.grossAmount().ifPresent(amounts::add);
    }
    for (TaxBreakdown group : t.taxBreakdown()) {
      amounts.addAll(List.of(group.taxableAmount(), group.taxAmount(),
          group.overallDiscountShare()));
    }
    assertThat(t.currency()).isEqualTo(invoice.currency());
    assertThat(amounts).allSatisfy(amount -> {
      assertThat(amount.getCurrencyUnit()).isEqualTo(invoice.currency());
      assertThat(amount.getAmount().scale()).isEqualTo(invoice.currency().getDecimalPlaces());
    });
  }

  @Property(tries = TRIES)
  void zeroPercentDiscountChangesNothing(@ForAll("invoicesUnderAnyPolicy") Invoice invoice) {
    Invoice undiscounted = invoice.withOverallDiscount(java.util.Optional.empty());
    Invoice zeroDiscount = invoice.withOverallDiscount(OverallDiscount.percent(Percentage.ZERO));

    assertThat(zeroDiscount.totals()).isEqualTo(undiscounted.totals());
  }

  @Property(tries = TRIES)
  void hundredPercentDiscountLeavesNoTax(
      @ForAll("invoicesWithoutDocumentAllowancesOrCharges") Invoice invoice) {
    InvoiceTotals t =
        invoice.withOverallDiscount(OverallDiscount.percent(Percentage.HUNDRED_PERCENT)).totals();

    assertThat(t.taxTotal().isZero()).as("tax total %s", t.taxTotal()).isTrue();
    assertThat(t.total().isZero()).as("total %s", t.total()).isTrue();
    assertThat(t.taxBreakdown())
        .allSatisfy(group -> assertThat(group.taxableAmount().isZero()).isTrue());
  }

  @Property(tries = TRIES)
  void taxInclusiveTotalsKeepTheGross(@ForAll("invoicesUnderAnyPolicy") Invoice anyInvoice) {
    Invoice invoice = anyInvoice.withPricesIncludeTax(true);
    InvoiceTotals t = invoice.totals();
    Money zero = Money.zero(invoice.currency());

    // The gross as entered: line amounts after line allowances and charges, less the overall
    // discount, less document allowances, plus document charges.
    Money grossLines = sum(t.lines().stream().map(l -> l.grossAmount().orElseThrow()), zero);
    Money grossDiscount = invoice.overallDiscount()
        .map(d -> d.fixedAmount().orElseGet(() -> Money.of(invoice.currency(),
            grossLines.getAmount().multiply(d.percentage().get().value())
                .divide(BigDecimal.valueOf(100), invoice.currency().getDecimalPlaces(),
                    RoundingMode.HALF_UP))))
        .orElse(zero);
    Money grossDocument = zero;
    for (DocumentAllowanceCharge part : invoice.documentAllowanceCharges()) {
      grossDocument =
          grossDocument.plus(part.signedEffect(part.amount(zero, invoice.roundingPolicy())));
    }

    assertThat(t.total()).isEqualTo(grossLines.minus(grossDiscount).plus(grossDocument));
    for (TaxBreakdown group : t.taxBreakdown()) {
      if (group.taxCode().carriesNoTax()) {
        assertThat(group.taxAmount().isZero()).isTrue();
      }
    }
  }

  @Property(tries = TRIES)
  void netLineAmountsFollowTheLineFormula(@ForAll("invoices") Invoice invoice) {
    if (invoice.pricesIncludeTax()) {
      return;
    }
    InvoiceTotals t = invoice.totals();
    for (int i = 0; i < invoice.lines().size(); i++) {
      LineItem line = invoice.lines().get(i);
      BigDecimal amount = line.quantity().multiply(line.unitPrice().getAmount())
          .divide(line.baseQuantity(), invoice.currency().getDecimalPlaces(), RoundingMode.HALF_UP);
      LineTotals lt = t.lines().get(i);
      assertThat(lt.lineAmount().getAmount()).isEqualByComparingTo(amount);
      assertThat(lt.netAmount())
          .isEqualTo(lt.lineAmount().minus(lt.allowanceAmount()).plus(lt.chargeAmount()));
    }
  }
}
