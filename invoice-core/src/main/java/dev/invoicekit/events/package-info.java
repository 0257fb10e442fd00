/**
 * What happened to an invoice: one {@link dev.invoicekit.events.InvoiceEvent} per state change,
 * each with a stable event id, the invoice's version and the amounts involved, so consumers can
 * deduplicate and order.
 */
@InvoiceKitStyle
package dev.invoicekit.events;

import dev.invoicekit.internal.InvoiceKitStyle;
