package dev.invoicekit.jdbc.reliability;

import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.JdbcInvoiceKit;
import dev.invoicekit.jdbc.internal.InvoiceCodec;
import dev.invoicekit.ports.Invoices;
import dev.invoicekit.service.InvoiceServiceBuilder;
import dev.invoicekit.testkit.lifecycle.LifecycleTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The JDBC kit as the lifecycle checker's target: the kit's ports, its repository for the
 * listings, and the tenant's outbox rows (every state) as the committed events.
 */
final class JdbcLifecycleTarget implements LifecycleTarget {

  private final JdbcInvoiceKit kit;
  private final DataSource dataSource;

  JdbcLifecycleTarget(JdbcInvoiceKit kit, DataSource dataSource) {
    this.kit = kit;
    this.dataSource = dataSource;
  }

  @Override
  public InvoiceServiceBuilder configure(InvoiceServiceBuilder builder) {
    return kit.configure(builder);
  }

  @Override
  public Invoices invoices() {
    return kit.invoices();
  }

  @Override
  public List<InvoiceEvent> events(TenantId tenant) {
    List<InvoiceEvent> events = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT payload FROM ik_outbox WHERE tenant_id = ?")) {
      select.setString(1, tenant.value());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          events.add(InvoiceCodec.readEvent(rs.getString(1)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the outbox of " + tenant, e);
    }
    return events;
  }
}
