package dev.invoicekit.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.money.Percentage;
import dev.invoicekit.tax.TaxCategory;
import dev.invoicekit.tax.TaxCode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link MinorUnitCalculation#supports} leaves to the reference every content whose digits could
 * take a step of the fast calculation outside a {@code long}, so the fast path never overflows and
 * never needs an exception to hand over.
 */
class MinorUnitCalculationBoundsTest {

  @ParameterizedTest(name = "quantity {0} x price {1} per {2}: fast path {3}")
  @CsvSource({
    "2, 10.00, 1, true",
    "12.5, 96.00, 1, true",
    "9999999999999999.999999, 1.00, 1, false",
    "1, 999999999999999999.9999999999, 1, false",
    "1, 10.00, 1234567890123456.123456, false",
    "1, 10.00, 0.000001, true",
    "2.250, 5.1408, 1, true",
    "7.625, 199.0727, 1, true",
    "1E+10, 10.00, 1, true",
    "1E+12, 10.00, 1, false",
    "1E+15, 10.00, 1, false",
  })
  void theFastPathTakesOnlyWhatFitsALongAndBothPathsAgree(
      String quantity, String price, String base, boolean fast) {
    LineItem line = new LineItem.Builder()
        .description("Bolts")
        .quantity(quantity)
        .unitPrice("EUR " + price)
        .baseQuantity(new BigDecimal(base))
        .taxCode(TaxCode.standard("19"))
        .build();
    Invoice invoice;
    try {
      invoice = new Invoice.Builder()
          .id(InvoiceId.of("i-1"))
          .account(AccountId.of("acme"))
          .currency("EUR")
          .invoiceDate(LocalDate.of(2026, 11, 24))
          .addLine(line)
          .build();
    } catch (InvalidInvoiceException totalsNoColumnHolds) {
      // Refused for totals no database column holds, which only the reference computes.
      assertThat(fast).isFalse();
      assertThat(totalsNoColumnHolds).hasMessageStartingWith("Invoice i-1: ");
      return;
    }
    InvoiceContent content = invoice.content();

    assertThat(MinorUnitCalculation.supports(content)).isEqualTo(fast);
    assertThat(invoice.totals())
        .isEqualTo(new Calculation(content, TaxStrategy.rates()).run());
  }

  @Test
  void aHundredLinesWithFourDecimalPricesAndADiscountTakeTheFastPath() {
    // The shape of benchmark P1's largest invoice: prices with four decimals, quantities with
    // three, allowances by percentage and amount, an overall discount split over three groups.
    List<TaxCode> codes = List.of(TaxCode.standard("19"), TaxCode.standard("7"),
        TaxCode.of(TaxCategory.Z, "0"));
    Invoice.Builder invoice = new Invoice.Builder()
        .id(InvoiceId.of("i-1"))
        .account(AccountId.of("acme"))
        .currency("EUR")
        .invoiceDate(LocalDate.of(2026, 11, 24))
        .overallDiscount(OverallDiscount.percent("3.5"));
    for (int i = 0; i < 100; i++) {
      LineItem.Builder line = new LineItem.Builder()
          .description("Line " + i)
          .quantity(new BigDecimal("1.125").add(BigDecimal.valueOf(i % 7)))
          .unitPrice("EUR " + new BigDecimal("3.1415").add(
              new BigDecimal("1.9993").multiply(BigDecimal.valueOf(i))))
          .taxCode(codes.get(i % 3));
      if (i % 3 == 0) {
        line.addAllowanceCharge(LineAllowanceCharge.allowance(Percentage.parse("12.5")));
      } else if (i % 3 == 1) {
        line.addAllowanceCharge(LineAllowanceCharge.allowance(Money.parse("EUR 0.35")));
      }
      invoice.addLine(line.build());
    }
    InvoiceContent content = invoice.build().content();

    assertThat(MinorUnitCalculation.supports(content)).isTrue();
    assertThat(MinorUnitCalculation.calculate(content))
        .isEqualTo(new Calculation(content, TaxStrategy.rates()).run());
  }
}
