/**
 * The InvoiceKit ports on plain JDBC for H2, PostgreSQL and MariaDB/MySQL: repository, numbering,
 * outbox and idempotency. Not yet implemented: this module only reserves its coordinates.
 */
package dev.invoicekit.jdbc;
