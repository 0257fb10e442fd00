package dev.invoicekit.totals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.DocumentAllowanceCharge;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceCalculator;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.OverallDiscount;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.invoice.TaxStrategy;
import dev.invoicekit.money.TaxRounding;
import dev.invoicekit.tax.TaxAmount;
import dev.invoicekit.tax.TaxCategory;
import dev.invoicekit.tax.TaxCode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/** One rule of the calculator per test, each worked by hand in the comments. */
class CalculatorRulesTest {

  private static final TaxCode S19 = TaxCode.standard("19");
  private static final TaxCode S7 = TaxCode.standard("7");
  private static final TaxCode EXEMPT = TaxCode.untaxed(TaxCategory.E);

  private static Invoice.Builder invoice(String currency) {
    return new Invoice.Builder()
        .id(InvoiceId.of("rules"))
        .account(AccountId.of("acme"))
        .currency(currency)
        .invoiceDate(LocalDate.of(2026, 11, 24));
  }

  private static LineItem line(String quantity, String price, TaxCode tax) {
    return new LineItem.Builder()
        .description("item " + quantity + " x " + price)
        .quantity(quantity)
        .unitPrice(price)
        .taxCode(tax)
        .build();
  }

  private static Money eur(String amount) {
    return Money.parse("EUR " + amount);
  }

  @Test
  void readmeTasteComputesTheTotalsTheReadmePrints() {
    Invoice invoice =
        invoice("EUR")
            .addLine(line("12.5", "EUR 96.00", S19))
            .addLine(
                new LineItem.Builder()
                    .description("Labels, per 100")
                    .quantity(1250)
                    .unitPrice("EUR 3.875")
                    .baseQuantity(BigDecimal.valueOf(100))
                    .taxCode(S19)
                    .build())
            .overallDiscount(OverallDiscount.percent("10"))
            .build();

    InvoiceTotals totals = invoice.totals();

    assertThat(totals.subtotal()).isEqualTo(eur("1248.44"));
    assertThat(totals.taxBreakdown())
        .extracting(TaxBreakdown::taxableAmount, TaxBreakdown::taxAmount)
        .containsExactly(tuple(eur("1123.60"), eur("213.48")));
    assertThat(totals.total()).isEqualTo(eur("1337.08"));
  }

  @Test
  void taxIsRoundedOncePerGroupNotPerLine() {
    // Three lines of 0.03 at 19 %: per line 0.0057 -> 0.01, three times 0.03; per group
    // 0.09 x 19 % = 0.0171 -> 0.02.
    Invoice invoice =
        invoice("EUR")
            .addLines(line("1", "EUR 0.03", S19), line("1", "EUR 0.03", S19),
                line("1", "EUR 0.03", S19))
            .build();

    assertThat(invoice.totals().taxTotal()).isEqualTo(eur("0.02"));
    Invoice perLine =
        invoice.withRoundingPolicy(invoice.roundingPolicy().withTaxRounding(TaxRounding.PER_LINE));
    assertThat(perLine.totals().taxTotal()).isEqualTo(eur("0.03"));
  }

  @Test
  void overallDiscountIsSplitByLargestRemainderAcrossGroupsInTaxCodeOrder() {
    // Three groups of 10.00 each; 33.33 % of 30.00 = 9.999 -> 10.00. Exact shares 3.333...
    // each: 3.33 + 3.33 + 3.33 = 9.99, one cent left; equal remainders and weights, so it goes
    // to the first group in breakdown order (S 7, then S 19, then E).
    Invoice invoice =
        invoice("EUR")
            .addLines(line("1", "EUR 10.00", EXEMPT), line("1", "EUR 10.00", S19),
                line("1", "EUR 10.00", S7))
            .overallDiscount(OverallDiscount.percent("33.33"))
            .build();

    InvoiceTotals totals = invoice.totals();

    assertThat(totals.overallDiscount()).isEqualTo(eur("10.00"));
    assertThat(totals.taxBreakdown())
        .extracting(TaxBreakdown::taxCode, TaxBreakdown::overallDiscountShare,
            TaxBreakdown::taxableAmount, TaxBreakdown::taxAmount)
        .containsExactly(
            tuple(S7, eur("3.34"), eur("6.66"), eur("0.47")),
            tuple(S19, eur("3.33"), eur("6.67"), eur("1.27")),
            tuple(EXEMPT, eur("3.33"), eur("6.67"), eur("0.00")));
    assertThat(totals.total()).isEqualTo(eur("21.74"));
  }

  @Test
  void largestRemainderGivesTheCentToTheGroupWithTheLargestFraction() {
    // Nets 70.00 (S 19) and 30.00 (S 7); fixed discount 0.05: exact shares 0.035 and 0.015,
    // floors 0.03 and 0.01 leave one cent; remainders .5 and .5 tie, so the larger weight (S 19)
    // gets it: 0.04 and 0.01.
    Invoice invoice =
        invoice("EUR")
            .addLines(line("1", "EUR 70.00", S19), line("1", "EUR 30.00", S7))
            .overallDiscount(OverallDiscount.fixed(eur("0.05")))
            .build();

    assertThat(invoice.totals().taxBreakdown())
        .extracting(TaxBreakdown::taxCode, TaxBreakdown::overallDiscountShare)
        .containsExactly(tuple(S7, eur("0.01")), tuple(S19, eur("0.04")));
  }

  @Test
  void aPercentageDiscountOnGroupsThatCancelOutTakesItsPercentageOfEachGroup() {
    // A return of 100.00 at S 21 and a sale of 100.00 at G: the subtotal is 0.00, so there is no
    // proportion to split by; 50 % off takes 50 % of each group (-50.00 and +50.00, together 0),
    // and 100 % off leaves nothing to tax.
    Invoice invoice =
        invoice("EUR")
            .addLines(line("-1", "EUR 100.00", TaxCode.standard("21")),
                line("1", "EUR 100.00", TaxCode.untaxed(TaxCategory.G)))
            .overallDiscount(OverallDiscount.percent("50"))
            .build();

    assertThat(invoice.totals().overallDiscount()).isEqualTo(eur("0.00"));
    assertThat(invoice.totals().taxBreakdown())
        .extracting(TaxBreakdown::overallDiscountShare, TaxBreakdown::taxableAmount,
            TaxBreakdown::taxAmount)
        .containsExactly(tuple(eur("-50.00"), eur("-50.00"), eur("-10.50")),
            tuple(eur("50.00"), eur("50.00"), eur("0.00")));
    InvoiceTotals hundred = invoice.withOverallDiscount(OverallDiscount.percent("100")).totals();
    assertThat(hundred.taxTotal()).isEqualTo(eur("0.00"));
    assertThat(hundred.taxBreakdown())
        .allSatisfy(group -> assertThat(group.taxableAmount().isZero()).isTrue());
  }

  @Test
  void returnLinesKeepTheirSigns() {
    // 10 x 12.345 = 123.45; a return of -2 x 12.345 = -24.69; net 98.76; tax 19 % = 18.7644
    // -> 18.76.
    Invoice invoice =
        invoice("EUR").addLines(line("10", "EUR 12.345", S19), line("-2", "EUR 12.345", S19))
            .build();

    InvoiceTotals totals = invoice.totals();

    assertThat(totals.lines()).extracting(LineTotals::netAmount)
        .containsExactly(eur("123.45"), eur("-24.69"));
    assertThat(invoice.lines().get(1).isReturn()).isTrue();
    assertThat(totals.total()).isEqualTo(eur("117.52"));
  }

  @Test
  void negativeInvoiceRoundsHalfAwayFromZero() {
    // A return of 0.50 at 25 %: tax -0.125 -> -0.13, half away from zero (XPath's fn:round, which
    // rounds half towards +infinity, would give -0.12).
    Invoice invoice = invoice("EUR").addLine(line("-1", "EUR 0.50", TaxCode.standard("25")))
        .build();

    assertThat(invoice.totals().taxTotal()).isEqualTo(eur("-0.13"));
    assertThat(invoice.totals().total()).isEqualTo(eur("-0.63"));
  }

  @Test
  void documentAllowancesAndChargesCountInTheirOwnTaxGroup() {
    // Lines: 100.00 at S 19. Document allowance 10 % of 50.00 = 5.00 at S 7 (a group with no
    // lines), charge 12.50 at S 19. S 7: -5.00 -> tax -0.35; S 19: 112.50 -> 21.375 -> 21.38.
    Invoice invoice =
        invoice("EUR")
            .addLine(line("1", "EUR 100.00", S19))
            .addDocumentAllowanceCharge(DocumentAllowanceCharge.allowance(
                dev.invoicekit.money.Percentage.parse("10"), eur("50.00"), S7))
            .addDocumentAllowanceCharge(DocumentAllowanceCharge.charge(eur("12.50"), S19))
            .build();

    InvoiceTotals totals = invoice.totals();

    assertThat(totals.allowanceTotal()).isEqualTo(eur("5.00"));
    assertThat(totals.chargeTotal()).isEqualTo(eur("12.50"));
    assertThat(totals.documentAllowanceChargeAmounts()).containsExactly(eur("5.00"), eur("12.50"));
    assertThat(totals.taxBreakdown())
        .extracting(TaxBreakdown::taxCode, TaxBreakdown::taxableAmount, TaxBreakdown::taxAmount)
        .containsExactly(tuple(S7, eur("-5.00"), eur("-0.35")),
            tuple(S19, eur("112.50"), eur("21.38")));
    assertThat(totals.totalWithoutTax()).isEqualTo(eur("107.50"));
    assertThat(totals.total()).isEqualTo(eur("128.53"));
  }

  @Test
  void taxInclusivePricesTakeTheTaxOutOfEachGroupOnce() {
    // Gross 3 x 9.99 = 29.97 and 1 x 0.01 at 19 %: group gross 29.98; tax = 29.98 x 19 / 119 =
    // 4.7866 -> 4.79; net 25.19, spread over the lines by 100/119: 25.1849 and 0.0084 -> floors
    // 25.18 and 0.00, one cent to the larger remainder (0.84 of a cent): 25.18 and 0.01.
    Invoice invoice =
        invoice("EUR")
            .pricesIncludeTax(true)
            .addLines(line("3", "EUR 9.99", S19), line("1", "EUR 0.01", S19))
            .build();

    InvoiceTotals totals = invoice.totals();

    assertThat(totals.total()).isEqualTo(eur("29.98"));
    assertThat(totals.taxTotal()).isEqualTo(eur("4.79"));
    assertThat(totals.subtotal()).isEqualTo(eur("25.19"));
    assertThat(totals.lines()).extracting(LineTotals::netAmount)
        .containsExactly(eur("25.18"), eur("0.01"));
    assertThat(totals.lines()).extracting(l -> l.grossAmount().orElseThrow())
        .containsExactly(eur("29.97"), eur("0.01"));
  }

  @Test
  void amountDueSubtractsPrepaidAmountAndPaymentsAndAddsRefunds() {
    Invoice invoice =
        invoice("EUR")
            .addLine(line("1", "EUR 100.00", S19))
            .prepaidAmount(eur("19.00"))
            .addPayment(new Payment.Builder().id(PaymentId.of("p1")).amount(eur("50.00"))
                .date(LocalDate.of(2026, 12, 1)).build())
            .addPayment(new Payment.Builder().id(PaymentId.of("r1")).kind(Payment.Kind.REFUND)
                .amount(eur("10.00")).date(LocalDate.of(2026, 12, 2)).build())
            .build();

    InvoiceTotals totals = invoice.totals();

    assertThat(totals.total()).isEqualTo(eur("119.00"));
    assertThat(totals.amountPaid()).isEqualTo(eur("59.00"));
    assertThat(totals.amountDue()).isEqualTo(eur("60.00"));
  }

  @Test
  void cashRoundingRoundsTheAmountDueToWholeUnitsAndAGivenRoundingAmountWins() {
    // 1 x 8126.00 at 25 % = 10157.50 -> rounded to 10158: rounding amount +0.50 (se examples).
    Invoice invoice =
        invoice("SEK").addLine(line("1", "SEK 8126.00", TaxCode.standard("25"))).build();
    Invoice cash =
        invoice.withRoundingPolicy(
            invoice.roundingPolicy().withCashRoundingIncrement(BigDecimal.ONE));

    assertThat(invoice.totals().amountDue()).isEqualTo(Money.parse("SEK 10157.50"));
    assertThat(cash.totals().roundingAmount()).isEqualTo(Money.parse("SEK 0.50"));
    assertThat(cash.totals().amountDue()).isEqualTo(Money.parse("SEK 10158.00"));
    Invoice given = cash.withRoundingAmount(Money.parse("SEK -0.50"));
    assertThat(given.totals().amountDue()).isEqualTo(Money.parse("SEK 10157.00"));
  }

  @Test
  void zeroDecimalCurrencyRoundsToWholeUnits() {
    // 3 x 333.5 JPY = 1000.5 -> 1001; tax 10 % = 100.1 -> 100.
    Invoice invoice = invoice("JPY").addLine(line("3", "JPY 333.5", TaxCode.standard("10")))
        .build();

    assertThat(invoice.totals().subtotal()).isEqualTo(Money.parse("JPY 1001"));
    assertThat(invoice.totals().total()).isEqualTo(Money.parse("JPY 1101"));
  }

  @Test
  void anExternalTaxStrategyReceivesTheGroupsAndItsAmountsAreUsed() {
    AtomicReference<List<TaxableGroup>> seen = new AtomicReference<>();
    TaxStrategy engine =
        (inv, groups) -> {
          seen.set(groups);
          return List.of(TaxAmount.of(S19, eur("20.00")), TaxAmount.of(EXEMPT, eur("0.00")));
        };
    Invoice invoice =
        invoice("EUR")
            .addLines(line("1", "EUR 100.00", S19), line("2", "EUR 5.00", EXEMPT))
            .build();

    InvoiceTotals totals = InvoiceCalculator.withTaxStrategy(engine).calculate(invoice);

    assertThat(seen.get()).extracting(TaxableGroup::taxCode, TaxableGroup::taxableAmount)
        .containsExactly(tuple(S19, eur("100.00")), tuple(EXEMPT, eur("10.00")));
    assertThat(totals.taxTotal()).isEqualTo(eur("20.00"));
    assertThat(totals.total()).isEqualTo(eur("130.00"));
  }

  @Test
  void externalTaxAmountsCarriedOnTheInvoiceReplaceTheRates() {
    Invoice invoice =
        invoice("EUR")
            .addLine(line("1", "EUR 100.00", S19))
            .addExternalTaxAmount(TaxAmount.of(S19, eur("18.99")))
            .build();

    assertThat(invoice.totals().taxTotal()).isEqualTo(eur("18.99"));
    assertThat(invoice.totals().total()).isEqualTo(eur("118.99"));
  }

  @Test
  void categoryOGroupCarriesNoTaxAndRatesCompareNumerically() {
    Invoice invoice =
        invoice("EUR")
            .addLine(line("1", "EUR 10.00", TaxCode.untaxed(TaxCategory.O)))
            .addLine(line("1", "EUR 10.00", TaxCode.of(TaxCategory.S, "25.00")))
            .addLine(line("1", "EUR 10.00", TaxCode.of(TaxCategory.S, "25")))
            .build();

    assertThat(invoice.totals().taxBreakdown())
        .extracting(g -> g.taxCode().toString(), TaxBreakdown::taxableAmount,
            TaxBreakdown::taxAmount)
        .containsExactly(tuple("S 25", eur("20.00"), eur("5.00")),
            tuple("O", eur("10.00"), eur("0.00")));
  }
}
