/**
 * Tax: the EN 16931 {@link dev.invoicekit.tax.TaxCategory categories}, a
 * {@link dev.invoicekit.tax.TaxCode} (category and rate) that groups amounts, and the
 * {@code dev.invoicekit.invoice.TaxStrategy} that turns each group's taxable amount into tax,
 * either from
 * rates (the default) or from amounts an external tax engine supplies.
 */
@InvoiceKitStyle
package dev.invoicekit.tax;

import dev.invoicekit.internal.InvoiceKitStyle;
