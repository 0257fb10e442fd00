package dev.invoicekit.benchmarks.baseline;

import dev.invoicekit.invoice.ContactId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.OpportunityId;
import dev.invoicekit.invoice.ProductId;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Invoices written and read with hand-written JDBC on InvoiceKit's schema: the plain-JDBC baseline
 * of P4, P5 and P6. No mapping layer, no checks, no JSON (see {@link JsonColumns}): prepared
 * statements, a batch for the lines, a commit.
 *
 * <p>Thread-safe.
 */
public final class PlainJdbcInvoices {

  static final String INSERT_HEADER = "INSERT INTO ik_invoice (tenant_id, invoice_id, version,"
      + " status, invoice_number, currency, invoice_date, due_date, account_id, contact_id,"
      + " opportunity_id, total_amount, amount_paid, amount_due, content)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  static final String INSERT_LINE = "INSERT INTO ik_invoice_line (tenant_id, invoice_id, line_no,"
      + " description, product_id, quantity, unit_price, base_quantity, tax_category, tax_rate,"
      + " allowance_charges) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  static final String SELECT_HEADER = "SELECT version, status, invoice_number, currency,"
      + " invoice_date, due_date, account_id, contact_id, opportunity_id, total_amount,"
      + " amount_paid, amount_due, content FROM ik_invoice WHERE tenant_id = ? AND invoice_id = ?";
  static final String SELECT_LINES = "SELECT line_no, description, product_id, quantity,"
      + " unit_price, base_quantity, tax_category, tax_rate, allowance_charges"
      + " FROM ik_invoice_line WHERE tenant_id = ? AND invoice_id = ? ORDER BY line_no";

  private final DataSource pool;

  /**
   * Creates the baseline on a pool.
   *
   * @param pool the shared pool
   */
  public PlainJdbcInvoices(DataSource pool) {
    this.pool = pool;
  }

  /**
   * Inserts an invoice (header and lines) in one transaction, at version 1.
   *
   * @param invoice the invoice
   * @param json its JSON columns
   */
  public void insert(Invoice invoice, JsonColumns json) {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement header = connection.prepareStatement(INSERT_HEADER);
          PreparedStatement lines = connection.prepareStatement(INSERT_LINE)) {
        bindHeader(header, invoice, json);
        header.executeUpdate();
        bindLines(lines, invoice, json);
        lines.executeBatch();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Plain JDBC insert failed", e);
    }
  }

  /**
   * Inserts many invoices with JDBC batches, one transaction per chunk: headers first, then lines.
   *
   * @param invoices the invoices
   * @param json their JSON columns, in the same order
   * @param chunk invoices per transaction
   */
  public void insertAll(List<Invoice> invoices, List<JsonColumns> json, int chunk) {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement header = connection.prepareStatement(INSERT_HEADER);
          PreparedStatement lines = connection.prepareStatement(INSERT_LINE)) {
        for (int from = 0; from < invoices.size(); from += chunk) {
          int to = Math.min(invoices.size(), from + chunk);
          for (int i = from; i < to; i++) {
            bindHeader(header, invoices.get(i), json.get(i));
            header.addBatch();
          }
          header.executeBatch();
          for (int i = from; i < to; i++) {
            bindLines(lines, invoices.get(i), json.get(i));
          }
          lines.executeBatch();
          connection.commit();
        }
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Plain JDBC batch insert failed", e);
    }
  }

  private static void bindHeader(PreparedStatement statement, Invoice invoice, JsonColumns json)
      throws SQLException {
    statement.setString(1, invoice.tenant().value());
    statement.setString(2, invoice.id().value());
    statement.setLong(3, 1);
    statement.setString(4, invoice.status().name());
    statement.setString(5, invoice.number().map(InvoiceNumber::value).orElse(null));
    statement.setString(6, invoice.currency().getCode());
    statement.setObject(7, invoice.invoiceDate());
    statement.setObject(8, invoice.effectiveDueDate().orElse(null), java.sql.Types.DATE);
    statement.setString(9, invoice.account().value());
    statement.setString(10, invoice.contact().map(ContactId::value).orElse(null));
    statement.setString(11, invoice.opportunity().map(OpportunityId::value).orElse(null));
    statement.setBigDecimal(12, invoice.totals().total().getAmount());
    statement.setBigDecimal(13, invoice.totals().amountPaid().getAmount());
    statement.setBigDecimal(14, invoice.totals().amountDue().getAmount());
    statement.setString(15, json.content());
  }

  private static void bindLines(PreparedStatement statement, Invoice invoice, JsonColumns json)
      throws SQLException {
    List<LineItem> lines = invoice.lines();
    for (int i = 0; i < lines.size(); i++) {
      LineItem line = lines.get(i);
      statement.setString(1, invoice.tenant().value());
      statement.setString(2, invoice.id().value());
      statement.setInt(3, i + 1);
      statement.setString(4, line.description());
      statement.setString(5, line.product().map(ProductId::value).orElse(null));
      statement.setBigDecimal(6, line.quantity());
      statement.setBigDecimal(7, line.unitPrice().getAmount());
      statement.setBigDecimal(8, line.baseQuantity());
      statement.setString(9, line.taxCode().category().name());
      statement.setBigDecimal(10, line.taxCode().rate());
      statement.setString(11, json.lineAllowanceCharges()[i]);
      statement.addBatch();
    }
  }

  /**
   * An invoice row as plain JDBC reads it.
   *
   * @param version the version
   * @param status the status name
   * @param number the number, or null
   * @param currency the currency code
   * @param invoiceDate the invoice date
   * @param dueDate the due date, or null
   * @param account the account id
   * @param contact the contact id, or null
   * @param opportunity the opportunity id, or null
   * @param total the total
   * @param paid the amount paid
   * @param due the amount due
   * @param content the JSON content
   * @param lines the lines, in order
   */
  public record Row(long version, String status, String number, String currency,
      LocalDate invoiceDate, LocalDate dueDate, String account, String contact,
      String opportunity, BigDecimal total, BigDecimal paid, BigDecimal due, String content,
      List<LineRow> lines) {}

  /**
   * A line row as plain JDBC reads it.
   *
   * @param lineNo the position, from 1
   * @param description the description
   * @param product the product id, or null
   * @param quantity the quantity
   * @param unitPrice the unit price
   * @param baseQuantity the base quantity
   * @param taxCategory the tax category code
   * @param taxRate the tax rate
   * @param allowanceCharges the JSON of the line's allowances and charges
   */
  public record LineRow(int lineNo, String description, String product, BigDecimal quantity,
      BigDecimal unitPrice, BigDecimal baseQuantity, String taxCategory, BigDecimal taxRate,
      String allowanceCharges) {}

  /**
   * Reads an invoice and its lines by id: two queries on one pooled connection, no transaction.
   *
   * @param tenant the tenant id
   * @param id the invoice id
   * @return the row, or null if there is none
   */
  public Row load(String tenant, String id) {
    try (Connection connection = pool.getConnection()) {
      Row header;
      try (PreparedStatement select = connection.prepareStatement(SELECT_HEADER)) {
        select.setString(1, tenant);
        select.setString(2, id);
        try (ResultSet rs = select.executeQuery()) {
          if (!rs.next()) {
            return null;
          }
          header = new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class),
              rs.getString(7), rs.getString(8), rs.getString(9), rs.getBigDecimal(10),
              rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getString(13), new ArrayList<>());
        }
      }
      try (PreparedStatement select = connection.prepareStatement(SELECT_LINES)) {
        select.setString(1, tenant);
        select.setString(2, id);
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            header.lines().add(new LineRow(rs.getInt(1), rs.getString(2), rs.getString(3),
                rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getString(7),
                rs.getBigDecimal(8), rs.getString(9)));
          }
        }
      }
      return header;
    } catch (SQLException e) {
      throw new IllegalStateException("Plain JDBC load failed", e);
    }
  }
}
