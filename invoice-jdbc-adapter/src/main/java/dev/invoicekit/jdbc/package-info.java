/**
 * The InvoiceKit ports on plain JDBC for H2, PostgreSQL and MariaDB/MySQL: start with
 * {@link dev.invoicekit.jdbc.JdbcInvoiceKit}, which wires {@link dev.invoicekit.jdbc.JdbcInvoices},
 * {@link dev.invoicekit.jdbc.JdbcNumbering}, {@link dev.invoicekit.jdbc.JdbcOutbox},
 * {@link dev.invoicekit.jdbc.JdbcIdempotencyKeys} and {@link dev.invoicekit.jdbc.OutboxRelay} on
 * one
 * {@link dev.invoicekit.jdbc.JdbcTransactions}. Prepared statements only, SQL kept in one place,
 * every key and query scoped by tenant, and no {@code SQLException} escaping: failures become the
 * {@link dev.invoicekit.ports.InvoicePersistenceException} family of core.
 */
package dev.invoicekit.jdbc;
