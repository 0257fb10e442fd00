package dev.invoicekit.benchmarks.baseline;

import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.jdbc.internal.InvoiceCodec;

/**
 * The text of the two JSON columns of InvoiceKit's schema ({@code ik_invoice.content} and
 * {@code ik_invoice_line.allowance_charges}) for one invoice, made once before timing. The
 * hand-written and Hibernate contenders write these strings as they are, so they write the same
 * rows as the adapter without paying for the JSON: a baseline stricter than any real application,
 * which would have to serialize something.
 *
 * @param content the header's content column
 * @param lineAllowanceCharges per line, its allowance_charges column
 */
public record JsonColumns(String content, String[] lineAllowanceCharges) {

  /**
   * Computes the columns the adapter would write.
   *
   * @param invoice the invoice
   * @return the column texts
   */
  public static JsonColumns of(Invoice invoice) {
    String[] lines = new String[invoice.lines().size()];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = InvoiceCodec.lineAllowanceCharges(invoice.lines().get(i).allowanceCharges());
    }
    return new JsonColumns(InvoiceCodec.content(invoice), lines);
  }
}
