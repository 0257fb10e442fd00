/**
 * jqwik generators of valid InvoiceKit values for property-based suites:
 * {@link dev.invoicekit.testkit.InvoiceArbitraries} has named factories, and
 * {@link dev.invoicekit.testkit.InvoiceKitArbitraryProvider} is registered as a jqwik default
 * provider so that {@code @ForAll Invoice invoice} works with no further code.
 */
package dev.invoicekit.testkit;
