/**
 * Totals: {@link dev.invoicekit.totals.InvoiceTotals}, every total of an invoice named after its
 * EN 16931 business term, with its per-line and per-group parts. They are computed by
 * {@code dev.invoicekit.invoice.InvoiceCalculator}; this package holds only the results, so it
 * depends on no invoice type.
 */
@InvoiceKitStyle
package dev.invoicekit.totals;

import dev.invoicekit.internal.InvoiceKitStyle;
