/**
 * The status lifecycle: {@link dev.invoicekit.lifecycle.InvoiceLifecycle} holds DESIGN's transition
 * table as the single source of truth and applies commands to invoice values; a refused command
 * throws {@link dev.invoicekit.lifecycle.IllegalTransitionException} or
 * {@link dev.invoicekit.lifecycle.PaymentRejectedException} and changes nothing.
 */
@InvoiceKitStyle
package dev.invoicekit.lifecycle;

import dev.invoicekit.internal.InvoiceKitStyle;
