package dev.invoicekit.jdbc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The round-trip budgets as docs/BENCHMARKS.md writes them down, in its section
 * {@value #SECTION}: a Markdown table with one row per command and database (or databases), whose
 * first six columns are the command, the databases ({@code all}, or names separated by commas),
 * the statements, the round trips, and the hand-written baseline's statements and round trips.
 * The document is the one place a budget lives; the tests only read it.
 */
public final class RoundTripBudgets {

  /** The heading of the section that holds the table. */
  public static final String SECTION = "## Round-trip budgets";

  /** The document, from the adapter's module directory, where Maven runs its tests. */
  public static final Path DOCUMENT = Path.of("..", "docs", "BENCHMARKS.md");

  /**
   * One row of the table.
   *
   * @param command the command's name, as the table writes it
   * @param databases the databases the row is for, as the table writes them
   * @param statements the statements the command may execute
   * @param roundTrips the round trips the command may make
   * @param baselineStatements what a hand-written JDBC transaction executes for the same work
   * @param baselineRoundTrips what a hand-written JDBC transaction needs for the same work
   */
  public record Budget(String command, String databases, int statements, int roundTrips,
      int baselineStatements, int baselineRoundTrips) {

    /** Whether this row is for the database. */
    boolean isFor(JdbcDatabase database) {
      if (databases.trim().equalsIgnoreCase("all")) {
        return true;
      }
      for (String name : databases.split(",")) {
        if (name.trim().toUpperCase(Locale.ROOT).equals(database.name())) {
          return true;
        }
      }
      return false;
    }
  }

  private final String source;
  private final List<Budget> budgets;

  private RoundTripBudgets(String source, List<Budget> budgets) {
    this.source = source;
    this.budgets = List.copyOf(budgets);
  }

  /** The budgets of the project's docs/BENCHMARKS.md. */
  public static RoundTripBudgets read() {
    Path document = DOCUMENT.toAbsolutePath().normalize();
    if (!Files.isRegularFile(document)) {
      throw new AssertionError("No " + document + ": the round-trip budgets live in the"
          + " repository's docs/BENCHMARKS.md, and the tests run from the module directory");
    }
    try {
      return parse(document.toString(), Files.readString(document));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + document, e);
    }
  }

  /**
   * The budgets of a document's text.
   *
   * @param source where the text comes from, for messages
   * @param text the Markdown text
   * @return the budgets
   * @throws AssertionError if the section or its table is missing or a row is malformed
   */
  public static RoundTripBudgets parse(String source, String text) {
    List<String> lines = text.lines().toList();
    int start = lines.indexOf(SECTION);
    if (start < 0) {
      throw new AssertionError(source + " has no section '" + SECTION + "'");
    }
    List<Budget> budgets = new ArrayList<>();
    boolean header = true;
    for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
      String line = lines.get(i).trim();
      if (!line.startsWith("|")) {
        if (!budgets.isEmpty()) {
          break;
        }
        continue;
      }
      if (header || line.startsWith("|--") || line.startsWith("| --")) {
        header = false;
        continue;
      }
      budgets.add(row(source, i + 1, line));
    }
    if (budgets.isEmpty()) {
      throw new AssertionError(source + ": section '" + SECTION + "' has no budget table");
    }
    return new RoundTripBudgets(source, budgets);
  }

  private static Budget row(String source, int lineNo, String line) {
    String[] cells = line.substring(1).split("\\|");
    if (cells.length < 6) {
      throw new AssertionError(source + " line " + lineNo + ": a budget row has six cells"
          + " (command, databases, statements, round trips, baseline statements, baseline round"
          + " trips), this one " + cells.length + ": " + line);
    }
    try {
      return new Budget(plain(cells[0]), plain(cells[1]), number(cells[2]), number(cells[3]),
          number(cells[4]), number(cells[5]));
    } catch (NumberFormatException e) {
      throw new AssertionError(source + " line " + lineNo + ": a count is not a number: " + line,
          e);
    }
  }

  private static String plain(String cell) {
    return cell.replace("`", "").replace("*", "").trim();
  }

  private static int number(String cell) {
    return Integer.parseInt(plain(cell));
  }

  /** Every row, in the document's order. */
  public List<Budget> all() {
    return budgets;
  }

  /**
   * The budget of a command on a database.
   *
   * @param command the command's name, as the table's first column writes it
   * @param database the database
   * @return its one row
   * @throws AssertionError naming the command, the database and the document when no row, or more
   *     than one, is for them
   */
  public Budget of(String command, JdbcDatabase database) {
    List<Budget> matching = budgets.stream()
        .filter(b -> b.command().equals(command) && b.isFor(database)).toList();
    if (matching.isEmpty()) {
      throw new AssertionError("No round-trip budget for '" + command + "' on " + database
          + " in " + source + " (section '" + SECTION + "'): add a row with the counts this test"
          + " measured and the hand-written baseline's");
    }
    if (matching.size() > 1) {
      throw new AssertionError("Several round-trip budgets for '" + command + "' on " + database
          + " in " + source + ": " + matching);
    }
    return matching.get(0);
  }
}
