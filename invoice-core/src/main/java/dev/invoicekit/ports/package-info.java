/**
 * The ports the host implements or takes ready-made: {@link dev.invoicekit.ports.Invoices} (the
 * repository), {@link dev.invoicekit.ports.InvoiceNumbering},
 * {@link dev.invoicekit.ports.InvoiceEvents}
 * (notification), {@link dev.invoicekit.ports.IdempotencyKeys},
 * {@link dev.invoicekit.ports.Transactions} and {@link dev.invoicekit.ports.IdSource}, and the
 * unchecked {@link dev.invoicekit.ports.InvoicePersistenceException} family every implementation
 * throws. In-memory implementations are in {@code dev.invoicekit.inmemory}.
 */
@InvoiceKitStyle
package dev.invoicekit.ports;

import dev.invoicekit.internal.InvoiceKitStyle;
