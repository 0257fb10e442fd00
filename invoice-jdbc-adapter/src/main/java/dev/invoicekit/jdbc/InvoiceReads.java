package dev.invoicekit.jdbc;

import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.Settlement;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.internal.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads whole invoices: one by the invoice-graph statement (one statement, one round trip), many
 * by a header query followed by one query for their lines and one for their payments, and one for
 * their settlements when a header counts any. Rows are read by the table's mapper, by column name.
 */
final class InvoiceReads {

  private InvoiceReads() {}

  /**
   * Loads one invoice with its lines, payments and settlements by one statement of the
   * invoice-graph kind ({@link Sql#SELECT_INVOICE_GRAPH_BY_ID}): one round trip, and one
   * consistent snapshot of the four tables.
   */
  static Optional<Invoice> loadOne(Connection connection, TenantId tenant, String sql,
      String... parameters) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setString(i + 1, parameters[i]);
      }
      try (ResultSet rs = select.executeQuery()) {
        int kind = rs.findColumn(Sql.GRAPH_KIND);
        if (!rs.next() || rs.getInt(kind) != Sql.GRAPH_HEADER) {
          return Optional.empty();
        }
        InvoiceHeader header = HeaderMapper.on(rs, Sql.GRAPH_HEADER_COLUMNS).map(rs);
        LineMapper lineMapper = LineMapper.on(rs, Sql.GRAPH_LINE_COLUMNS);
        PaymentMapper paymentMapper = PaymentMapper.on(rs, Sql.GRAPH_PAYMENT_COLUMNS);
        SettlementMapper settlementMapper =
            SettlementMapper.on(rs, Sql.GRAPH_SETTLEMENT_COLUMNS);
        List<LineItem> lines = new ArrayList<>();
        List<Payment> payments = new ArrayList<>();
        List<Settlement> settlements = new ArrayList<>();
        while (rs.next()) {
          switch (rs.getInt(kind)) {
            case Sql.GRAPH_LINE -> lines.add(lineMapper.map(rs, header.id(), header.currency()));
            case Sql.GRAPH_PAYMENT -> payments.add(paymentMapper.map(rs, header.currency()));
            default -> settlements.add(settlementMapper.map(rs, header.currency()));
          }
        }
        return Optional.of(header.toInvoice(tenant, lines, payments, settlements));
      }
    }
  }

  /**
   * Loads headers by a query whose first parameter is the tenant, then lines and payments, and the
   * settlements of the invoices that have any.
   */
  static List<Invoice> load(Connection connection, TenantId tenant, String sql,
      Object... parameters) throws SQLException {
    Map<String, InvoiceHeader> headers = new LinkedHashMap<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, tenant.value());
      for (int i = 0; i < parameters.length; i++) {
        select.setObject(i + 2, parameters[i]);
      }
      try (ResultSet rs = select.executeQuery()) {
        HeaderMapper mapper = HeaderMapper.on(rs, Sql.HEADER);
        while (rs.next()) {
          InvoiceHeader header = mapper.map(rs);
          headers.put(header.id(), header);
        }
      }
    }
    if (headers.isEmpty()) {
      return List.of();
    }
    List<String> ids = new ArrayList<>(headers.keySet());
    Map<String, List<LineItem>> lines = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement(Sql.selectLines(ids.size()))) {
      bindIds(select, tenant, ids);
      try (ResultSet rs = select.executeQuery()) {
        int invoiceId = rs.findColumn(Sql.CHILD_INVOICE_ID);
        LineMapper mapper = LineMapper.on(rs, Sql.LINE);
        while (rs.next()) {
          String id = rs.getString(invoiceId);
          lines.computeIfAbsent(id, k -> new ArrayList<>())
              .add(mapper.map(rs, id, headers.get(id).currency()));
        }
      }
    }
    Map<String, List<Payment>> payments = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement(Sql.selectPayments(ids.size()))) {
      bindIds(select, tenant, ids);
      try (ResultSet rs = select.executeQuery()) {
        int invoiceId = rs.findColumn(Sql.CHILD_INVOICE_ID);
        PaymentMapper mapper = PaymentMapper.on(rs, Sql.PAYMENT);
        while (rs.next()) {
          String id = rs.getString(invoiceId);
          payments.computeIfAbsent(id, k -> new ArrayList<>())
              .add(mapper.map(rs, headers.get(id).currency()));
        }
      }
    }
    Map<String, List<Settlement>> settlements = settlements(connection, tenant, headers);
    List<Invoice> invoices = new ArrayList<>(ids.size());
    for (InvoiceHeader header : headers.values()) {
      invoices.add(header.toInvoice(tenant, lines.getOrDefault(header.id(), List.of()),
          payments.getOrDefault(header.id(), List.of()),
          settlements.getOrDefault(header.id(), List.of())));
    }
    return invoices;
  }

  /** The settlements of the invoices whose header counts any; no statement when none does. */
  private static Map<String, List<Settlement>> settlements(Connection connection, TenantId tenant,
      Map<String, InvoiceHeader> headers) throws SQLException {
    List<String> ids = new ArrayList<>();
    for (InvoiceHeader header : headers.values()) {
      if (header.settlementCount() > 0) {
        ids.add(header.id());
      }
    }
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<String, List<Settlement>> settlements = new HashMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(Sql.selectSettlements(ids.size()))) {
      bindIds(select, tenant, ids);
      try (ResultSet rs = select.executeQuery()) {
        int invoiceId = rs.findColumn(Sql.CHILD_INVOICE_ID);
        SettlementMapper mapper = SettlementMapper.on(rs, Sql.SETTLEMENT);
        while (rs.next()) {
          String id = rs.getString(invoiceId);
          settlements.computeIfAbsent(id, k -> new ArrayList<>())
              .add(mapper.map(rs, headers.get(id).currency()));
        }
      }
    }
    return settlements;
  }

  private static void bindIds(PreparedStatement select, TenantId tenant, List<String> ids)
      throws SQLException {
    select.setString(1, tenant.value());
    for (int i = 0; i < ids.size(); i++) {
      select.setString(i + 2, ids.get(i));
    }
  }
}
