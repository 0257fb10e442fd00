/**
 * The InvoiceKit ports on plain JDBC for H2, PostgreSQL and MariaDB/MySQL.
 *
 * <p>Core and {@code java.sql} are part of the API ({@code DataSource}, the ports), so a host that
 * reads this module reads them too. The JDBC driver is the host's: no driver module is required.
 * {@code dev.invoicekit.jdbc.internal} is not exported.
 */
// The schema scripts are resources in folders, not packages javac knows; they are opened so that
// SchemaInstaller and Flyway (through the class loader) find them on the module path.
@SuppressWarnings("opens")
module dev.invoicekit.jdbc {
  requires transitive dev.invoicekit.core;
  requires transitive java.sql;
  requires org.slf4j;

  exports dev.invoicekit.jdbc;

  opens db.invoicekit.h2;
  opens db.invoicekit.postgresql;
  opens db.invoicekit.mariadb;
}
