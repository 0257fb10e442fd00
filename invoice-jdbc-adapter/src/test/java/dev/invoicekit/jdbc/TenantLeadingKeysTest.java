package dev.invoicekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.jdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema is ready to be distributed by tenant: read from each database's own catalog
 * ({@link DatabaseMetaData} over a freshly installed schema: whatever tables the scripts create,
 * present and future), every table has the tenant column, of one type everywhere, and every
 * primary key, every unique constraint or index and every foreign key (on both of its sides)
 * starts with it. These are the conditions a tenant-distributed engine such as Citus needs to keep
 * each tenant's rows, and every check on them, on one shard (docs/SCALING.md).
 *
 * <p>Tables that are not tenant data are listed in {@link #NOT_TENANT_DATA} with the reason; a
 * listed table that no longer exists fails the test, so the list cannot outlive its reason.
 */
class TenantLeadingKeysTest {

  /** The distribution column. */
  private static final String TENANT = "tenant_id";

  /** Tables by nature outside any tenant, per database, and why. */
  private static final Map<Dialect, Map<String, String>> NOT_TENANT_DATA = Map.of(
      Dialect.H2, Map.of(
          "ik_schema_history", "the installer's record of the scripts it ran, one per database"),
      Dialect.POSTGRESQL, Map.of(
          "ik_schema_history", "the installer's record of the scripts it ran, one per database"),
      Dialect.MARIADB, Map.of(
          "ik_schema_history", "the installer's record of the scripts it ran, one per database",
          "ik_invoice_number_seq", "the AUTO_INCREMENT table that stands in for a database"
              + " sequence (gaps-allowed numbering, unique across all tenants by definition);"
              + " H2 and PostgreSQL have a sequence, which is no table"));

  /**
   * One key of a table: its name, its columns in key order and, for a foreign key, the columns it
   * references ({@code table.column}).
   */
  private record Key(String kind, String name, List<String> columns, List<String> referenced) {

    @Override
    public String toString() {
      return kind + " " + name + " " + columns + (referenced.isEmpty() ? ""
          : " -> " + referenced);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void everyKeyOfEveryTenantTableStartsWithTheTenantColumn(Dialect dialect) throws SQLException {
    DataSource dataSource = TestDatabases.fresh(dialect);
    Map<String, String> exceptions = NOT_TENANT_DATA.get(dialect);
    List<String> violations = new ArrayList<>();
    Map<String, List<Key>> keysByTable = new TreeMap<>();
    Set<String> tenantColumnTypes = new TreeSet<>();
    Set<String> tables;
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData catalog = connection.getMetaData();
      String database = connection.getCatalog();
      String schema = connection.getSchema();
      tables = tables(catalog, database, schema);
      assertThat(tables).as("tables of the %s schema", dialect)
          .contains("ik_invoice", "ik_invoice_line", "ik_payment", "ik_outbox",
              "ik_idempotency_key", "ik_number_counter")
          .containsAll(exceptions.keySet());
      for (String table : tables) {
        if (exceptions.containsKey(table)) {
          continue;
        }
        String tenantType = tenantColumnType(catalog, database, schema, table);
        if (tenantType == null) {
          violations.add(table + " has no " + TENANT + " column");
        } else {
          tenantColumnTypes.add(tenantType);
        }
        List<Key> keys = keys(catalog, database, schema, table);
        keysByTable.put(table, keys);
        if (keys.stream().noneMatch(key -> key.kind().equals("primary key"))) {
          violations.add(table + " has no primary key");
        }
        for (Key key : keys) {
          if (!key.columns().get(0).equals(TENANT)) {
            violations.add(table + ": " + key + " does not start with " + TENANT);
          }
          if (!key.referenced().isEmpty() && !key.referenced().get(0).endsWith("." + TENANT)) {
            violations.add(table + ": " + key + " does not reference " + TENANT + " first");
          }
        }
      }
    }
    assertThat(violations).as("keys of the %s schema: %s", dialect, keysByTable).isEmpty();
    assertThat(tenantColumnTypes).as("types of %s on %s (one type, so that tables co-locate)",
        TENANT, dialect).hasSize(1);
    assertThat(keysByTable.get("ik_payment")).as("keys of ik_payment read from the %s catalog",
        dialect).extracting(Key::kind).contains("primary key", "unique index", "foreign key");
  }

  private static Set<String> tables(DatabaseMetaData catalog, String database, String schema)
      throws SQLException {
    Set<String> tables = new TreeSet<>();
    try (ResultSet rs = catalog.getTables(database, schema, "%", null)) {
      while (rs.next()) {
        String type = rs.getString("TABLE_TYPE");
        // H2 2.x says BASE TABLE, PostgreSQL and MariaDB say TABLE.
        if ("TABLE".equals(type) || "BASE TABLE".equals(type)) {
          tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
        }
      }
    }
    return tables;
  }

  /** The tenant column's type with its size, or null when the table has none. */
  private static String tenantColumnType(DatabaseMetaData catalog, String database,
      String schema, String table) throws SQLException {
    try (ResultSet rs = catalog.getColumns(database, schema, name(catalog, table), null)) {
      while (rs.next()) {
        if (rs.getString("COLUMN_NAME").equalsIgnoreCase(TENANT)) {
          return rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT) + "("
              + rs.getInt("COLUMN_SIZE") + ")";
        }
      }
    }
    return null;
  }

  /** The primary key, the unique indexes (unique constraints included) and the foreign keys. */
  private static List<Key> keys(DatabaseMetaData catalog, String database, String schema,
      String table) throws SQLException {
    String name = name(catalog, table);
    List<Key> keys = new ArrayList<>();
    Map<Integer, String> primary = new TreeMap<>();
    String primaryName = null;
    try (ResultSet rs = catalog.getPrimaryKeys(database, schema, name)) {
      while (rs.next()) {
        primary.put(rs.getInt("KEY_SEQ"), lower(rs.getString("COLUMN_NAME")));
        primaryName = rs.getString("PK_NAME");
      }
    }
    if (!primary.isEmpty()) {
      keys.add(new Key("primary key", String.valueOf(primaryName),
          List.copyOf(primary.values()), List.of()));
    }
    Map<String, Map<Integer, String>> unique = new TreeMap<>();
    try (ResultSet rs = catalog.getIndexInfo(database, schema, name, true, false)) {
      while (rs.next()) {
        if (rs.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic
            || rs.getBoolean("NON_UNIQUE")) {
          continue;
        }
        unique.computeIfAbsent(rs.getString("INDEX_NAME"), k -> new TreeMap<>())
            .put((int) rs.getShort("ORDINAL_POSITION"), lower(rs.getString("COLUMN_NAME")));
      }
    }
    unique.forEach((index, columns) -> keys.add(new Key("unique index", index,
        List.copyOf(columns.values()), List.of())));
    Map<String, Map<Integer, String[]>> foreign = new TreeMap<>();
    try (ResultSet rs = catalog.getImportedKeys(database, schema, name)) {
      while (rs.next()) {
        foreign.computeIfAbsent(rs.getString("FK_NAME"), k -> new TreeMap<>())
            .put((int) rs.getShort("KEY_SEQ"), new String[] {lower(rs.getString("FKCOLUMN_NAME")),
                lower(rs.getString("PKTABLE_NAME")) + "." + lower(rs.getString("PKCOLUMN_NAME"))});
      }
    }
    foreign.forEach((fk, columns) -> keys.add(new Key("foreign key", fk,
        columns.values().stream().map(c -> c[0]).toList(),
        columns.values().stream().map(c -> c[1]).toList())));
    return keys;
  }

  /** The table's name as the catalog stores it (H2 upper-cases unquoted names). */
  private static String name(DatabaseMetaData catalog, String table) throws SQLException {
    return catalog.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
