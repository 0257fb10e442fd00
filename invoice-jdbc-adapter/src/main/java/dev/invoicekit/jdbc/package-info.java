/**
 * The InvoiceKit ports on plain JDBC for H2, PostgreSQL and MariaDB/MySQL: start with
 * {@link dev.invoicekit.jdbc.JdbcTransactions} and {@link dev.invoicekit.jdbc.JdbcInvoices}.
 * Prepared statements only, SQL kept in one place per dialect, every key and query scoped by
 * tenant, and no {@code SQLException} escaping: failures become the
 * {@link dev.invoicekit.ports.InvoicePersistenceException} family of core.
 */
package dev.invoicekit.jdbc;
