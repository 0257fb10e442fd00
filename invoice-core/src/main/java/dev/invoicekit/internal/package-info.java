/**
 * Implementation details of InvoiceKit. Not API: anything here may change in any release.
 */
package dev.invoicekit.internal;
