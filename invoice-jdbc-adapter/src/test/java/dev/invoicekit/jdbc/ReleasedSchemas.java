package dev.invoicekit.jdbc;

import dev.invoicekit.jdbc.internal.SchemaScript;
import dev.invoicekit.jdbc.internal.Sql;
import dev.invoicekit.jdbc.testing.EmptyDatabases;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Databases as earlier releases left them, for upgrade tests: the schema of a release (its
 * scripts, with or without the installer's history) and rows in its tables, written with plain
 * SQL into the columns that release had.
 *
 * <p>The rows come from a database of the current schema, written there by the current kit (its
 * payload formats are those of the releases: the codec's tests hold it to that), and are copied
 * column by column into the older tables.
 */
final class ReleasedSchemas {

  /**
   * The tables of V1 and V2 (V2 only added an index) with their columns, in an order the foreign
   * keys accept.
   */
  private static final Map<String, List<String>> V2_TABLES = Map.of(
      "ik_invoice", List.of("tenant_id", "invoice_id", "version", "status", "invoice_number",
          "currency", "invoice_date", "due_date", "account_id", "contact_id", "opportunity_id",
          "total_amount", "amount_paid", "amount_due", "content"),
      "ik_invoice_line", List.of("tenant_id", "invoice_id", "line_no", "description",
          "product_id", "quantity", "unit_price", "base_quantity", "tax_category", "tax_rate",
          "allowance_charges"),
      "ik_payment", List.of("tenant_id", "invoice_id", "payment_id", "seq", "kind", "amount",
          "payment_date", "method", "reference"),
      "ik_number_counter", List.of("tenant_id", "series_key", "last_value"),
      "ik_outbox", List.of("tenant_id", "event_id", "invoice_id", "invoice_version",
          "event_type", "occurred_at", "payload", "state", "attempts", "next_attempt_at",
          "delivered_at", "last_error"),
      "ik_idempotency_key", List.of("tenant_id", "idempotency_key", "fingerprint", "invoice_id",
          "result_version"));

  private static final List<String> V2_TABLE_ORDER = List.of("ik_invoice", "ik_invoice_line",
      "ik_payment", "ik_number_counter", "ik_outbox", "ik_idempotency_key");

  private ReleasedSchemas() {}

  /**
   * Applies the first scripts of the dialect, statement by statement, as a release that ended at
   * {@code lastVersion} did; with {@code history}, records them in {@code ik_schema_history} as
   * that release's installer did (the first release, which applied V1 only, kept none).
   *
   * @param dataSource an empty database
   * @param dialect its dialect
   * @param lastVersion the release's latest script, 1 or more
   * @param history whether to record the history
   */
  public static void install(DataSource dataSource, Dialect dialect, int lastVersion,
      boolean history) {
    List<SchemaScript> scripts = SchemaScript.load(dialect.scriptFolder());
    if (history) {
      EmptyDatabases.execute(dataSource, Sql.createSchemaHistory(dialect));
    }
    for (SchemaScript script : scripts.subList(0, lastVersion)) {
      for (String sql : script.statements()) {
        EmptyDatabases.execute(dataSource, sql);
      }
      if (history) {
        EmptyDatabases.execute(dataSource, "INSERT INTO ik_schema_history (version, description,"
            + " script, checksum, applied_at) VALUES (" + script.version() + ", '"
            + script.description() + "', '" + script.name() + "', '" + script.checksum()
            + "', CURRENT_TIMESTAMP)");
      }
    }
  }

  /**
   * Copies every row of the V1/V2 tables, in their V2 columns, from a database of the current
   * schema into a database of the V2 schema (or the V1 schema, whose tables are the same), with
   * plain {@code INSERT}s.
   *
   * @param from the database the current kit wrote, holding no row of a newer table
   * @param to the database at V1 or V2
   * @return how many rows were copied, per table
   */
  public static Map<String, Integer> copyV2Rows(DataSource from, DataSource to) {
    Map<String, Integer> copied = new LinkedHashMap<>();
    try (Connection source = from.getConnection(); Connection target = to.getConnection()) {
      for (String table : V2_TABLE_ORDER) {
        List<String> columns = V2_TABLES.get(table);
        String names = String.join(", ", columns);
        String marks = String.join(", ", columns.stream().map(c -> "?").toList());
        int rows = 0;
        try (PreparedStatement select = source.prepareStatement("SELECT " + names + " FROM "
            + table);
            PreparedStatement insert = target.prepareStatement("INSERT INTO " + table + " ("
                + names + ") VALUES (" + marks + ")");
            ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            for (int i = 1; i <= columns.size(); i++) {
              Object value = rs.getObject(i);
              insert.setObject(i, value instanceof Clob clob
                  ? clob.getSubString(1, (int) clob.length()) : value);
            }
            insert.addBatch();
            rows++;
          }
          if (rows > 0) {
            insert.executeBatch();
          }
        }
        copied.put(table, rows);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot copy the V2 rows", e);
    }
    return copied;
  }
}
