package dev.invoicekit.jdbc;

import dev.invoicekit.jdbc.internal.SqlErrors;
import dev.invoicekit.ports.InvoicePersistenceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Installs the schema without Flyway, from the same scripts Flyway would apply
 * ({@link Dialect#flywayLocation()}). Meant for a new, empty database; with Flyway, point its
 * {@code locations} at the dialect's folder instead.
 *
 * <p>Thread-safe; stateless.
 */
public final class SchemaInstaller {

  private SchemaInstaller() {}

  /**
   * Creates the tables, indexes and sequences of the adapter.
   *
   * @param dataSource where, not null
   * @param dialect which database, not null
   * @throws InvoicePersistenceException if a statement fails (for example, the tables exist)
   */
  public static void install(DataSource dataSource, Dialect dialect) {
    List<String> statements = statements(dialect);
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw SqlErrors.translate("install the InvoiceKit schema for " + dialect, e);
    }
  }

  /** The script's statements, split at semicolons that end a line; comments dropped. */
  static List<String> statements(Dialect dialect) {
    String script;
    try (InputStream in =
        SchemaInstaller.class.getClassLoader().getResourceAsStream(dialect.schemaResource())) {
      if (in == null) {
        throw new InvoicePersistenceException("Schema script missing: " + dialect.schemaResource());
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvoicePersistenceException("Cannot read " + dialect.schemaResource(), e);
    }
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String sql = current.toString().strip();
        statements.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    return statements;
  }
}
