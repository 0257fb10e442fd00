/**
 * Corrections after sending: {@link dev.invoicekit.credit.CreditNote credit notes} (EN 16931 type
 * 381, numbered from a gapless series of their own), the rules that draft, issue and cancel them
 * ({@link dev.invoicekit.credit.CreditNoteLifecycle}), the split of a credit note's total between
 * the invoice's balance and its excess ({@link dev.invoicekit.credit.CreditAllocation}), and the
 * per-account ledger of account credit ({@link dev.invoicekit.credit.AccountCreditEntry}).
 */
@InvoiceKitStyle
package dev.invoicekit.credit;

import dev.invoicekit.internal.InvoiceKitStyle;
