package dev.invoicekit.examples;

import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.totals.InvoiceTotals;
import dev.invoicekit.totals.LineTotals;
import dev.invoicekit.totals.TaxBreakdown;
import java.util.Locale;
import org.joda.money.Money;

/** Renders an invoice as a plain-text document: parties, lines, tax breakdown, totals. */
final class TextInvoice {

  private TextInvoice() {}

  static String render(Invoice invoice) {
    InvoiceTotals totals = invoice.totals();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "  INVOICE %s   (%s)%n",
            invoice.number().map(Object::toString).orElse("(unnumbered draft)"),
            invoice.status()));
    out.append(String.format(Locale.ROOT, "  Bill to: %s%s%n", invoice.account(),
        invoice.contact().map(c -> ", attn. " + c).orElse("")));
    out.append(String.format(Locale.ROOT, "  Date: %s   Due: %s   Currency: %s%s%n",
        invoice.invoiceDate(),
        invoice.effectiveDueDate().map(Object::toString).orElse("-"),
        invoice.currency(),
        invoice.pricesIncludeTax() ? "   (prices include tax)" : ""));
    out.append(String.format(Locale.ROOT, "  %-32s %9s %12s %10s %12s  %s%n",
        "Description", "Qty", "Unit price", "Adj.", "Net", "Tax"));
    for (int i = 0; i < invoice.lines().size(); i++) {
      LineItem line = invoice.lines().get(i);
      LineTotals amounts = totals.lines().get(i);
      Money adjustment = amounts.chargeAmount().minus(amounts.allowanceAmount());
      out.append(String.format(Locale.ROOT, "  %-32s %9s %12s %10s %12s  %s%n",
          line.description(),
          line.quantity().toPlainString(),
          line.unitPrice().getAmount().toPlainString(),
          adjustment.isZero() ? "" : adjustment.getAmount().toPlainString(),
          amounts.netAmount().getAmount().toPlainString(),
          line.taxCode()));
    }
    out.append(row("Subtotal", totals.subtotal()));
    if (!totals.allowanceTotal().isZero()) {
      out.append(row("Discounts and allowances", totals.allowanceTotal().negated()));
    }
    if (!totals.chargeTotal().isZero()) {
      out.append(row("Charges", totals.chargeTotal()));
    }
    out.append(row("Total without tax", totals.totalWithoutTax()));
    for (TaxBreakdown group : totals.taxBreakdown()) {
      out.append(row("Tax " + group.taxCode() + "% on " + group.taxableAmount().getAmount(),
          group.taxAmount()));
    }
    out.append(row("TOTAL", totals.total()));
    if (!totals.amountPaid().isZero()) {
      out.append(row("Paid", totals.amountPaid().negated()));
    }
    out.append(row("Balance due", totals.amountDue()));
    return out.toString();
  }

  private static String row(String label, Money amount) {
    return String.format(Locale.ROOT, "  %66s %12s%n", label, amount.getAmount().toPlainString());
  }
}
