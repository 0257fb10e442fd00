package dev.invoicekit.jdbc.reliability;

import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.JdbcInvoices;
import dev.invoicekit.jdbc.JdbcTransactions;
import dev.invoicekit.ports.Page;
import dev.invoicekit.ports.PageRequest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Reads what is committed, on healthy connections, and lists every broken promise of one tenant:
 * a header that disagrees with its lines or payments, an orphan line or payment, a stored version
 * without its outbox event, an event without its stored version.
 */
final class Audit {

  private final DataSource dataSource;
  private final JdbcTransactions transactions;
  private final JdbcInvoices invoices;

  Audit(DataSource dataSource) {
    this.dataSource = dataSource;
    this.transactions = JdbcTransactions.of(dataSource);
    this.invoices = new JdbcInvoices(transactions);
  }

  /** Every invoice of the tenant as stored, by id. */
  Map<InvoiceId, Invoice> snapshot(TenantId tenant) {
    Map<InvoiceId, Invoice> all = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
    // One transaction, so one connection for all the reads.
    transactions.inTransaction(() -> {
      for (InvoiceStatus status : InvoiceStatus.values()) {
        Optional<PageRequest> request = Optional.of(PageRequest.first(1000));
        while (request.isPresent()) {
          Page<Invoice> page = invoices.findByStatus(tenant, status, request.get());
          page.items().forEach(invoice -> all.put(invoice.id(), invoice));
          request = request.get().next(page);
        }
      }
      return null;
    });
    return all;
  }

  /** The broken promises of the tenant; empty when all hold. */
  List<String> violations(TenantId tenant) {
    return violations(tenant, snapshot(tenant));
  }

  /** The broken promises of the tenant, given its invoices as {@link #snapshot} just read them. */
  List<String> violations(TenantId tenant, Map<InvoiceId, Invoice> stored) {
    List<String> violations = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      Map<String, Header> headers = headers(connection, tenant);
      Map<String, Long> lines = countBy(connection, "ik_invoice_line", tenant);
      Map<String, Long> payments = countBy(connection, "ik_payment", tenant);
      Map<String, List<Long>> events = eventVersions(connection, tenant);
      for (String id : lines.keySet()) {
        if (!headers.containsKey(id)) {
          violations.add("orphan lines of " + id);
        }
      }
      for (String id : payments.keySet()) {
        if (!headers.containsKey(id)) {
          violations.add("orphan payments of " + id);
        }
      }
      for (String id : events.keySet()) {
        if (!headers.containsKey(id)) {
          violations.add("events " + events.get(id) + " of " + id + ", which is not stored");
        }
      }
      for (Header header : headers.values()) {
        Invoice invoice = stored.get(InvoiceId.of(header.id()));
        if (invoice.version() != header.version()
            || invoice.status() != InvoiceStatus.valueOf(header.status())
            || invoice.totals().amountPaid().getAmount().compareTo(header.amountPaid()) != 0
            || invoice.totals().total().getAmount().compareTo(header.total()) != 0) {
          violations.add("header of " + header.id() + " disagrees with its content: " + header);
        }
        if (lines.getOrDefault(header.id(), 0L) != invoice.lines().size()) {
          violations.add(header.id() + " has " + lines.getOrDefault(header.id(), 0L)
              + " line rows for " + invoice.lines().size() + " lines");
        }
        if (payments.getOrDefault(header.id(), 0L) != invoice.payments().size()) {
          violations.add(header.id() + " has " + payments.getOrDefault(header.id(), 0L)
              + " payment rows for " + invoice.payments().size() + " payments");
        }
        List<Long> expected = new ArrayList<>();
        for (long v = 1; v <= header.version(); v++) {
          expected.add(v);
        }
        List<Long> actual = events.getOrDefault(header.id(), List.of());
        if (!actual.equals(expected)) {
          violations.add(header.id() + " at version " + header.version()
              + " has the events of versions " + actual);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot audit tenant " + tenant, e);
    }
    return violations;
  }

  /** Outbox rows in a state, all tenants. */
  long outboxRows(String state) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT COUNT(*) FROM ik_outbox WHERE state = ?")) {
      select.setString(1, state);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot count the outbox", e);
    }
  }

  /** The invoice numbers stored for the tenant. */
  List<String> numbers(TenantId tenant) {
    List<String> numbers = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT invoice_number FROM"
            + " ik_invoice WHERE tenant_id = ? AND invoice_number IS NOT NULL")) {
      select.setString(1, tenant.value());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          numbers.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the numbers of " + tenant, e);
    }
    return numbers;
  }

  private record Header(String id, long version, String status, BigDecimal amountPaid,
      BigDecimal total) {}

  private static Map<String, Header> headers(Connection connection, TenantId tenant)
      throws SQLException {
    Map<String, Header> headers = new TreeMap<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT invoice_id, version,"
        + " status, amount_paid, total_amount FROM ik_invoice WHERE tenant_id = ?")) {
      select.setString(1, tenant.value());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          headers.put(rs.getString(1), new Header(rs.getString(1), rs.getLong(2), rs.getString(3),
              rs.getBigDecimal(4), rs.getBigDecimal(5)));
        }
      }
    }
    return headers;
  }

  private static Map<String, Long> countBy(Connection connection, String table, TenantId tenant)
      throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT invoice_id, COUNT(*) FROM "
        + table + " WHERE tenant_id = ? GROUP BY invoice_id")) {
      select.setString(1, tenant.value());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          counts.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return counts;
  }

  private static Map<String, List<Long>> eventVersions(Connection connection, TenantId tenant)
      throws SQLException {
    Map<String, List<Long>> versions = new TreeMap<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT invoice_id,"
        + " invoice_version FROM ik_outbox WHERE tenant_id = ?"
        + " ORDER BY invoice_id, invoice_version")) {
      select.setString(1, tenant.value());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          versions.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
        }
      }
    }
    return versions;
  }
}
