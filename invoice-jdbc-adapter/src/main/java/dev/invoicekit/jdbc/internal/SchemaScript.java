package dev.invoicekit.jdbc.internal;

import dev.invoicekit.ports.InvoicePersistenceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned schema script of a dialect, {@code V<n>__<description>.sql}, as Flyway names
 * them: its version, description, text and checksum, and its statements.
 *
 * <p>Immutable and thread-safe.
 */
public final class SchemaScript {

  /**
   * The scripts of every dialect, in the order they apply. A new schema change is a new name at
   * the end, with a file of that name in every dialect's folder; an applied script is never
   * edited.
   */
  public static final List<String> NAMES =
      List.of("V1__invoicekit_schema.sql", "V2__invoice_status_index.sql",
          "V3__credit_notes_and_account_credit.sql");

  private static final Pattern NAME = Pattern.compile("V([1-9][0-9]*)__([A-Za-z0-9_]+)\\.sql");

  private final int version;
  private final String name;
  private final String description;
  private final String text;
  private final String checksum;

  private SchemaScript(String name, String text) {
    Matcher matcher = NAME.matcher(name);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("Not a versioned schema script name: " + name);
    }
    this.version = Integer.parseInt(matcher.group(1));
    this.name = name;
    this.description = matcher.group(2).replace('_', ' ');
    // Line endings do not count: a checkout with CRLF endings is the same script.
    this.text = text.replace("\r\n", "\n");
    this.checksum = sha256(this.text);
  }

  /**
   * Reads the scripts of {@link #NAMES} from a classpath folder.
   *
   * @param folder the folder, such as {@code db/invoicekit/h2}, not null
   * @return the scripts by ascending version, not null
   * @throws InvoicePersistenceException if a script is missing or unreadable
   */
  public static List<SchemaScript> load(String folder) {
    Objects.requireNonNull(folder, "folder");
    List<SchemaScript> scripts = new ArrayList<>(NAMES.size());
    for (String name : NAMES) {
      scripts.add(read(folder + "/" + name, name));
    }
    return List.copyOf(scripts);
  }

  private static SchemaScript read(String resource, String name) {
    try (InputStream in = SchemaScript.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new InvoicePersistenceException("Schema script missing: " + resource);
      }
      return new SchemaScript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new InvoicePersistenceException("Cannot read " + resource, e);
    }
  }

  /**
   * The script's version, the number after the {@code V}.
   *
   * @return the version, positive
   */
  public int version() {
    return version;
  }

  /**
   * The file name, such as {@code V1__invoicekit_schema.sql}.
   *
   * @return the name, not null
   */
  public String name() {
    return name;
  }

  /**
   * The description from the file name, underscores as spaces, such as {@code invoicekit schema}.
   *
   * @return the description, not null
   */
  public String description() {
    return description;
  }

  /**
   * The SHA-256 of the script's text (line endings as LF), in lower-case hex.
   *
   * @return 64 hex digits, not null
   */
  public String checksum() {
    return checksum;
  }

  /**
   * The script's statements, split at semicolons that end a line; comment lines dropped.
   *
   * @return the statements without their semicolons, not null
   */
  public List<String> statements() {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n")) {
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
    return List.copyOf(statements);
  }

  @Override
  public String toString() {
    return name;
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }
}
