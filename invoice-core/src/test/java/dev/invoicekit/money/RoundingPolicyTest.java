package dev.invoicekit.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.tax.TaxCode;
import dev.invoicekit.totals.InvoiceTotals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rounding policy against the cases of /work/shared/reference/EN16931-RULES.md, section 5:
 * the rounding mode the official examples settle, no rounded intermediates, and cash rounding.
 */
class RoundingPolicyTest {

  private static final RoundingPolicy EN16931 = RoundingPolicy.en16931();
  private static final CurrencyUnit SEK = CurrencyUnit.of("SEK");
  private static final CurrencyUnit CHF = CurrencyUnit.of("CHF");
  private static final CurrencyUnit JPY = CurrencyUnit.JPY;
  private static final CurrencyUnit BHD = CurrencyUnit.of("BHD");

  private static RoundingPolicy cashRoundingTo(String increment) {
    return new RoundingPolicy.Builder().cashRoundingIncrement(new BigDecimal(increment)).build();
  }

  @Test
  void theDefaultPolicyIsHalfUpTaxPerGroupAndNoCashRounding() {
    assertThat(EN16931.mode()).isEqualTo(RoundingMode.HALF_UP);
    assertThat(EN16931.taxRounding()).isEqualTo(TaxRounding.PER_GROUP);
    assertThat(EN16931.cashRoundingIncrement()).isEmpty();
    assertThat(new RoundingPolicy.Builder().build()).isEqualTo(EN16931);
  }

  @ParameterizedTest(name = "{0}: {1} -> {2} {3}")
  @CsvSource({
    "bis3-positive,      156435.885,  156435.89, EUR",
    "bis3-negative,     -156435.885, -156435.89, EUR",
    "se-kopiering,       1253.105,    1253.11,   SEK",
    "se-telefoni,        79.665,      79.67,     SEK",
    "peppol-no-example1, 365.125,     365.13,    NOK"
  })
  void roundHalvesAwayFromZeroAsTheOfficialExamplesDo(
      String example, String exact, String expected, String currency) {
    CurrencyUnit unit = CurrencyUnit.of(currency);

    assertThat(EN16931.round(new BigDecimal(exact), unit))
        .isEqualTo(Money.of(unit, new BigDecimal(expected)));
  }

  @ParameterizedTest(name = "{0}: {1} / 2 -> {2} {3}")
  @CsvSource({
    "bis3-positive,      312871.77,  156435.89, EUR",
    "bis3-negative,     -312871.77, -156435.89, EUR",
    "se-kopiering,       2506.21,    1253.11,   SEK",
    "se-telefoni,        159.33,     79.67,     SEK",
    "peppol-no-example1, 730.25,     365.13,    NOK"
  })
  void quotientHalvesAwayFromZeroAsTheOfficialExamplesDo(
      String example, String numerator, String expected, String currency) {
    CurrencyUnit unit = CurrencyUnit.of(currency);

    assertThat(EN16931.quotient(new BigDecimal(numerator), BigDecimal.valueOf(2), unit))
        .isEqualTo(Money.of(unit, new BigDecimal(expected)));
  }

  @Test
  void percentOfRoundsTheExactProductOnceHalfAwayFromZero() {
    // 25 % of 625743.54 = 156435.885 exactly.
    assertThat(EN16931.percentOf(Money.parse("EUR 625743.54"), new BigDecimal("25")))
        .isEqualTo(Money.parse("EUR 156435.89"));
    assertThat(EN16931.percentOf(Money.parse("EUR -625743.54"), new BigDecimal("25")))
        .isEqualTo(Money.parse("EUR -156435.89"));
  }

  @Test
  void halfEvenWouldRoundTheseCasesTheOtherWay() {
    RoundingPolicy bankers = EN16931.withMode(RoundingMode.HALF_EVEN);

    assertThat(bankers.round(new BigDecimal("156435.885"), CurrencyUnit.EUR))
        .isEqualTo(Money.parse("EUR 156435.88"));
    assertThat(EN16931.round(new BigDecimal("156435.885"), CurrencyUnit.EUR))
        .isEqualTo(Money.parse("EUR 156435.89"));
  }

  @Test
  void quotientNeverRoundsAnIntermediateAsInSeElnat() {
    // 90 x 1585 / 365 = 390.8219... -> 390.82; rounding 1585 / 365 to 4.34 first would give 390.60.
    Money quotient =
        EN16931.quotient(
            new BigDecimal("90").multiply(new BigDecimal("1585")), new BigDecimal("365"), SEK);

    assertThat(quotient).isEqualTo(Money.of(SEK, new BigDecimal("390.82")));
    assertThat(quotient).isNotEqualTo(Money.of(SEK, new BigDecimal("390.60")));
  }

  @Test
  void aLinePricedPerBaseQuantityIsRoundedOnceAsInSeElnat() {
    LineItem line =
        new LineItem.Builder()
            .description("Electricity")
            .quantity(90)
            .unitPrice("SEK 1585")
            .baseQuantity(new BigDecimal("365"))
            .taxCode(TaxCode.standard("25"))
            .build();
    Invoice invoice =
        new Invoice.Builder()
            .id(InvoiceId.of("se-elnat"))
            .account(AccountId.of("acme"))
            .currency("SEK")
            .invoiceDate(LocalDate.of(2026, 11, 24))
            .addLine(line)
            .build();

    assertThat(invoice.totals().lines().get(0).lineAmount())
        .isEqualTo(Money.of(SEK, new BigDecimal("390.82")));
  }

  @Test
  void withoutAnIncrementThereIsNoCashRounding() {
    assertThat(EN16931.cashRoundingAdjustment(Money.parse("SEK 10157.50")))
        .isEqualTo(Money.zero(SEK));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "10157.50,  0.50",
    "-10000.10, 0.10",
    "10157.49, -0.49",
    "10157.51,  0.49",
    "10158.00,  0.00",
    "-10000.50, -0.50"
  })
  void cashRoundingToWholeUnitsAddsRoundedMinusUnroundedAsInTheSwedishExamples(
      String amountDue, String adjustment) {
    RoundingPolicy wholeKronor = cashRoundingTo("1");

    assertThat(wholeKronor.cashRoundingAdjustment(Money.of(SEK, new BigDecimal(amountDue))))
        .isEqualTo(Money.of(SEK, new BigDecimal(adjustment)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "10.03,  0.02",
    "10.02, -0.02",
    "10.05,  0.00",
    "10.08,  0.02",
    "10.07, -0.02",
    "-10.03, -0.02"
  })
  void cashRoundingToFiveRappenForSwissFrancs(String amountDue, String adjustment) {
    RoundingPolicy fiveRappen = cashRoundingTo("0.05");
    Money due = EN16931.round(new BigDecimal(amountDue), CHF);

    assertThat(fiveRappen.cashRoundingAdjustment(due))
        .isEqualTo(Money.of(CHF, new BigDecimal(adjustment)));
  }

  @Test
  void anInvoiceUnderCashRoundingIsDueInWholeUnits() {
    // 8126.00 + 25 % tax 2031.50 = 10157.50; rounded to whole kronor: +0.50, due 10158.00.
    Invoice invoice =
        new Invoice.Builder()
            .id(InvoiceId.of("se-cash"))
            .account(AccountId.of("acme"))
            .currency("SEK")
            .invoiceDate(LocalDate.of(2026, 11, 24))
            .roundingPolicy(cashRoundingTo("1"))
            .addLine(
                new LineItem.Builder()
                    .description("Service")
                    .quantity(1)
                    .unitPrice("SEK 8126.00")
                    .taxCode(TaxCode.standard("25"))
                    .build())
            .build();

    InvoiceTotals totals = invoice.totals();

    assertThat(totals.total()).isEqualTo(Money.parse("SEK 10157.50"));
    assertThat(totals.roundingAmount()).isEqualTo(Money.parse("SEK 0.50"));
    assertThat(totals.amountDue()).isEqualTo(Money.parse("SEK 10158.00"));
  }

  @Test
  void aCurrencyWithoutDecimalsRoundsToWholeUnits() {
    assertThat(EN16931.round(new BigDecimal("1234.5"), JPY)).isEqualTo(Money.ofMajor(JPY, 1235));
    assertThat(EN16931.round(new BigDecimal("-1234.5"), JPY)).isEqualTo(Money.ofMajor(JPY, -1235));
    assertThat(EN16931.quotient(new BigDecimal("1000"), new BigDecimal("3"), JPY))
        .isEqualTo(Money.ofMajor(JPY, 333));
    assertThat(EN16931.quotient(new BigDecimal("2469"), new BigDecimal("2"), JPY))
        .isEqualTo(Money.ofMajor(JPY, 1235));
    assertThat(EN16931.quotient(new BigDecimal("2469"), new BigDecimal("2"), JPY).getAmount())
        .hasScaleOf(0);
    assertThat(cashRoundingTo("10").cashRoundingAdjustment(Money.ofMajor(JPY, 12345)))
        .isEqualTo(Money.ofMajor(JPY, 5));
  }

  @Test
  void aCurrencyWithThreeDecimalsRoundsToThousandths() {
    assertThat(EN16931.round(new BigDecimal("1.2345"), BHD))
        .isEqualTo(Money.of(BHD, new BigDecimal("1.235")));
    assertThat(EN16931.round(new BigDecimal("-1.2345"), BHD))
        .isEqualTo(Money.of(BHD, new BigDecimal("-1.235")));
    assertThat(EN16931.quotient(BigDecimal.TEN, new BigDecimal("3"), BHD))
        .isEqualTo(Money.of(BHD, new BigDecimal("3.333")));
    assertThat(EN16931.quotient(new BigDecimal("2.469"), new BigDecimal("2"), BHD).getAmount())
        .isEqualByComparingTo("1.235")
        .hasScaleOf(3);
  }

  @Test
  void aPolicyWithRoundingModeUnnecessaryIsRefused() {
    assertThatThrownBy(() -> new RoundingPolicy.Builder().mode(RoundingMode.UNNECESSARY).build())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mode UNNECESSARY cannot round amounts")
        .hasMessageContaining("use HALF_UP (EN 16931) or another mode");
    assertThatThrownBy(() -> EN16931.withMode(RoundingMode.UNNECESSARY))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UNNECESSARY");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.00", "-1", "-0.05"})
  void aCashRoundingIncrementOfZeroOrLessIsRefused(String increment) {
    assertThatThrownBy(() -> cashRoundingTo(increment))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cash rounding increment must be positive, was " + increment);
  }
}
