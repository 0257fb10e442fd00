/**
 * Totals: the {@link dev.invoicekit.totals.InvoiceCalculator} that turns an invoice into its
 * {@link dev.invoicekit.totals.InvoiceTotals} exactly as EN 16931 computes them, and the
 * {@link dev.invoicekit.totals.TaxStrategy} seam where a host can plug in an external tax engine.
 */
@InvoiceKitStyle
package dev.invoicekit.totals;

import dev.invoicekit.internal.InvoiceKitStyle;
