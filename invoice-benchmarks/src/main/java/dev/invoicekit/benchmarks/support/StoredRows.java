package dev.invoicekit.benchmarks.support;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What one invoice left in the database, every column but the invoice id, for checking that two
 * contenders wrote the same rows.
 */
public final class StoredRows {

  private StoredRows() {}

  /**
   * The invoice's header row, line rows and payment rows as text, without the invoice id.
   *
   * @param pool where
   * @param tenant the tenant id
   * @param invoiceId the invoice id
   * @return the rows, header first
   */
  public static List<List<String>> of(DataSource pool, String tenant, String invoiceId) {
    List<List<String>> rows = new ArrayList<>();
    rows.addAll(Sql.queryRows(pool, "SELECT tenant_id, version, status, invoice_number, currency,"
        + " invoice_date, due_date, account_id, contact_id, opportunity_id, total_amount,"
        + " amount_paid, amount_due, content FROM ik_invoice"
        + " WHERE tenant_id = ? AND invoice_id = ?",
        tenant, invoiceId));
    rows.addAll(Sql.queryRows(pool, "SELECT tenant_id, line_no, description, product_id, quantity,"
        + " unit_price, base_quantity, tax_category, tax_rate, allowance_charges"
        + " FROM ik_invoice_line WHERE tenant_id = ? AND invoice_id = ? ORDER BY line_no",
        tenant, invoiceId));
    rows.addAll(Sql.queryRows(pool, "SELECT tenant_id, payment_id, seq, kind, amount,"
        + " payment_date, method, reference FROM ik_payment WHERE tenant_id = ?"
        + " AND invoice_id = ? ORDER BY seq", tenant, invoiceId));
    Check.that("invoice " + invoiceId + " was written", !rows.isEmpty());
    return rows;
  }
}
