package dev.invoicekit.examples;

import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.ContactId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.LineAllowanceCharge;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.OverallDiscount;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.money.Percentage;
import dev.invoicekit.tax.TaxCategory;
import dev.invoicekit.tax.TaxCode;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A standalone invoice with mixed tax rates, a line discount and an overall discount, first with
 * net prices and then the same goods with tax-inclusive prices.
 */
public final class StandaloneInvoiceExample {

  private StandaloneInvoiceExample() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  static Invoice netPrices() {
    return new Invoice.Builder()
        .id(InvoiceId.of("example-standalone"))
        .account(AccountId.of("Northwind Traders"))
        .contact(ContactId.of("Anne Dodsworth"))
        .currency("EUR")
        .invoiceDate(LocalDate.of(2026, 11, 24))
        .paymentTerms(PaymentTerms.net(30))
        .addLine(
            new LineItem.Builder()
                .description("Implementation workshop")
                .quantity("2.5")
                .unitPrice("EUR 880.00")
                .taxCode(TaxCode.standard("19"))
                .addAllowanceCharge(LineAllowanceCharge.allowance(Percentage.parse("15")))
                .build())
        .addLine(
            new LineItem.Builder()
                .description("Printed handbook")
                .quantity(12)
                .unitPrice("EUR 24.90")
                .taxCode(TaxCode.standard("7"))
                .build())
        .addLine(
            new LineItem.Builder()
                .description("Labels, per 100")
                .quantity(1250)
                .unitPrice("EUR 3.875")
                .baseQuantity(BigDecimal.valueOf(100))
                .taxCode(TaxCode.standard("19"))
                .build())
        .addLine(
            new LineItem.Builder()
                .description("Certification exam fee")
                .quantity(2)
                .unitPrice("EUR 150.00")
                .taxCode(TaxCode.untaxed(TaxCategory.E))
                .build())
        .overallDiscount(OverallDiscount.percent("5"))
        .build();
  }

  static void run(PrintStream out) {
    Invoice invoice = netPrices();
    out.println(
        "A standalone draft with three tax groups, a 15 % line discount and 5 % off overall:");
    out.println(TextInvoice.render(invoice));

    Invoice gross = invoice.withId(InvoiceId.of("example-gross")).withPricesIncludeTax(true);
    out.println(
        "The same lines with tax-inclusive prices: tax is taken out of each group's gross,");
    out.println("so the total is exactly the sum of the gross amounts less the discount:");
    out.println(TextInvoice.render(gross));
  }
}
