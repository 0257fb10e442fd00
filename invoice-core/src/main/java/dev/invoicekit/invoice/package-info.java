/**
 * The invoice and its parts as immutable values: {@link dev.invoicekit.invoice.Invoice},
 * {@link dev.invoicekit.invoice.LineItem}, allowances and charges, the overall discount, payments,
 * ids and references. Build them with {@code new Invoice.Builder()} and change them with
 * {@code with*}; a value that breaks a rule is never built: the builder throws an
 * {@link dev.invoicekit.invoice.InvalidInvoiceException} that says what was wrong and where.
 */
@InvoiceKitStyle
package dev.invoicekit.invoice;

import dev.invoicekit.internal.InvoiceKitStyle;
