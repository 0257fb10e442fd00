/**
 * JMH benchmarks of InvoiceKit against hand-written baselines. Not yet implemented.
 */
package dev.invoicekit.benchmarks;
