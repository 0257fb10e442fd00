/**
 * Invoice numbers: a {@link dev.invoicekit.numbering.NumberPattern} such as
 * {@code INV-{yyyy}-{seq:5}} turns a sequence number and an invoice date into a number such as
 * {@code INV-2026-00042}, and names the {@link dev.invoicekit.numbering.NumberSeries} whose gapless
 * counter supplies the sequence. Storing and advancing the counter is the numbering port's job.
 */
@InvoiceKitStyle
package dev.invoicekit.numbering;

import dev.invoicekit.internal.InvoiceKitStyle;
