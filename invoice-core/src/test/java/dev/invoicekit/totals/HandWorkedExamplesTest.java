package dev.invoicekit.totals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.DocumentAllowanceCharge;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.LineAllowanceCharge;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.OverallDiscount;
import dev.invoicekit.money.Percentage;
import dev.invoicekit.tax.TaxCategory;
import dev.invoicekit.tax.TaxCode;
import java.time.LocalDate;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/** Invoices whose totals were worked out by hand, step by step, in the comments. */
class HandWorkedExamplesTest {

  private static final TaxCode S19 = TaxCode.standard("19");
  private static final TaxCode S7 = TaxCode.standard("7");
  private static final TaxCode EXEMPT = TaxCode.untaxed(TaxCategory.E);

  private static Invoice.Builder invoice() {
    return
        new Invoice.Builder()
            .id(InvoiceId.of("hand-worked"))
            .account(AccountId.of("acme"))
            .currency("EUR")
            .invoiceDate(LocalDate.of(2026, 11, 24));
  }

  private static LineItem line(String description, String quantity, String price, TaxCode tax) {
    return new LineItem.Builder()
        .description(description)
        .quantity(quantity)
        .unitPrice("EUR " + price)
        .taxCode(tax)
        .build();
  }

  private static Money eur(String amount) {
    return Money.parse("EUR " + amount);
  }

  @Test
  void productCaseWithTenPercentOverallDiscountAndOneRate() {
    // 12.5 x 96.00 = 1200.00; 1 x 234.56 = 234.56; 3 x 19.99 = 59.97  -> subtotal 1494.53
    // 10 % of 1494.53 = 149.453 -> 149.45; taxable 1345.08; 19 % = 255.5652 -> 255.57
    Invoice invoice =
        invoice()
            .addLine(line("Consulting", "12.5", "96.00", S19))
            .addLine(line("Travel", "1", "234.56", S19))
            .addLine(line("Licence", "3", "19.99", S19))
            .overallDiscount(OverallDiscount.percent("10"))
            .build();

    InvoiceTotals totals = invoice.totals();

    assertThat(totals.subtotal()).isEqualTo(eur("1494.53"));
    assertThat(totals.overallDiscount()).isEqualTo(eur("149.45"));
    assertThat(totals.allowanceTotal()).isEqualTo(eur("149.45"));
    assertThat(totals.totalWithoutTax()).isEqualTo(eur("1345.08"));
    assertThat(totals.taxBreakdown()).hasSize(1);
    assertThat(totals.taxBreakdown().get(0).taxableAmount()).isEqualTo(eur("1345.08"));
    assertThat(totals.taxTotal()).isEqualTo(eur("255.57"));
    assertThat(totals.total()).isEqualTo(eur("1600.65"));
    assertThat(totals.amountDue()).isEqualTo(eur("1600.65"));
  }

  @Test
  void threeTaxCategoriesWithLineAllowancesChargesAndABaseQuantity() {
    // Paper: 2500 x 12.50 / 100 = 312.50; 5 % allowance = 15.625 -> 15.63; net 296.87   (S 19)
    // Books: 3 x 24.95 = 74.85; + 2.00 gift wrap charge; net 76.85                       (S 7)
    // Training: 1.5 x 333.33 = 499.995 -> 500.00; - 10.00 allowance; net 490.00          (E)
    // Ink: 7 x 8.333 = 58.331 -> 58.33                                                   (S 19)
    // Freight (document charge): 15.00                                                   (S 19)
    // S 7: 76.85 -> tax 5.3795 -> 5.38; S 19: 296.87 + 58.33 + 15.00 = 370.20 -> 70.338 -> 70.34
    // E: 490.00 -> 0.00. Subtotal 922.05; charges 15.00; without tax 937.05; tax 75.72;
    // total 1012.77.
    LineItem paper =
        new LineItem.Builder()
            .description("Paper")
            .quantity(2500)
            .unitPrice("EUR 12.50")
            .baseQuantity(java.math.BigDecimal.valueOf(100))
            .addAllowanceCharge(LineAllowanceCharge.allowance(Percentage.parse("5")))
            .taxCode(S19)
            .build();
    LineItem books =
        line("Books", "3", "24.95", S7)
            .withAllowanceCharges(LineAllowanceCharge.charge(eur("2.00")));
    LineItem training =
        line("Training", "1.5", "333.33", EXEMPT)
            .withAllowanceCharges(LineAllowanceCharge.allowance(eur("10.00")));
    Invoice invoice =
        invoice()
            .addLines(paper, books, training, line("Ink", "7", "8.333", S19))
            .addDocumentAllowanceCharge(DocumentAllowanceCharge.charge(eur("15.00"), S19))
            .build();

    InvoiceTotals totals = invoice.totals();

    assertThat(totals.lines())
        .extracting(LineTotals::netAmount)
        .containsExactly(eur("296.87"), eur("76.85"), eur("490.00"), eur("58.33"));
    assertThat(totals.lines().get(0).allowanceAmount()).isEqualTo(eur("15.63"));
    assertThat(totals.subtotal()).isEqualTo(eur("922.05"));
    assertThat(totals.chargeTotal()).isEqualTo(eur("15.00"));
    assertThat(totals.allowanceTotal()).isEqualTo(eur("0.00"));
    assertThat(totals.totalWithoutTax()).isEqualTo(eur("937.05"));
    assertThat(totals.taxBreakdown())
        .extracting(TaxBreakdown::taxCode, TaxBreakdown::taxableAmount, TaxBreakdown::taxAmount)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(S7, eur("76.85"), eur("5.38")),
            org.assertj.core.groups.Tuple.tuple(S19, eur("370.20"), eur("70.34")),
            org.assertj.core.groups.Tuple.tuple(EXEMPT, eur("490.00"), eur("0.00")));
    assertThat(totals.taxTotal()).isEqualTo(eur("75.72"));
    assertThat(totals.total()).isEqualTo(eur("1012.77"));
  }
}
