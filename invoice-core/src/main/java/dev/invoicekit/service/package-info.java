/**
 * The use cases: {@link dev.invoicekit.service.InvoiceService}, built once from its ports, clock,
 * zone, id source and rounding policy; stateless and thread-safe.
 */
@InvoiceKitStyle
package dev.invoicekit.service;

import dev.invoicekit.internal.InvoiceKitStyle;
