/**
 * Invoices made from a CRM opportunity: the host describes the opportunity as an
 * {@link dev.invoicekit.opportunity.Opportunity} value and
 * {@link dev.invoicekit.opportunity.OpportunityInvoices} turns it into a draft invoice linked to
 * it.
 * Where the opportunity's products do not add up to its value, the draft says so in a review note
 * instead of guessing which one is right.
 */
@InvoiceKitStyle
package dev.invoicekit.opportunity;

import dev.invoicekit.internal.InvoiceKitStyle;
