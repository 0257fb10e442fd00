package dev.invoicekit.benchmarks.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Figures a benchmark establishes outside its timed methods (statements and round trips counted
 * in setup, a delay histogram recorded during the run), handed from the forked JVM to
 * {@link dev.invoicekit.benchmarks.RunBenchmarks} for the report. A fork appends one line per
 * figure to the file named by {@value #FILE_PROPERTY}; run any other way, the figures are printed.
 *
 * <p>Thread-safe.
 */
public final class RunFacts {

  /** The system property with the path of the file the forks append to. */
  public static final String FILE_PROPERTY = "invoicekit.bench.facts";

  private static final String SEPARATOR = "\t";

  private RunFacts() {}

  /**
   * One figure.
   *
   * @param id the benchmark id, such as "P3"
   * @param what what was counted or measured, in words
   * @param contender who did it
   * @param value the figure, as the report prints it
   */
  public record Fact(String id, String what, String contender, String value) {}

  /**
   * Records a figure.
   *
   * @param fact the figure
   */
  public static synchronized void record(Fact fact) {
    String line = String.join(SEPARATOR, fact.id(), fact.what(), fact.contender(), fact.value());
    String file = System.getProperty(FILE_PROPERTY);
    System.out.println("[fact] " + line.replace(SEPARATOR, " | "));
    if (file == null || file.isBlank()) {
      return;
    }
    try {
      Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /**
   * Reads what the forks recorded; the last value of a figure recorded twice wins.
   *
   * @param file the file
   * @return the figures in the order first recorded, empty if the file does not exist
   */
  public static List<Fact> read(Path file) {
    List<Fact> facts = new ArrayList<>();
    if (!Files.exists(file)) {
      return facts;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] parts = line.split(SEPARATOR, -1);
        if (parts.length != 4) {
          continue;
        }
        Fact fact = new Fact(parts[0], parts[1], parts[2], parts[3]);
        int earlier = -1;
        for (int i = 0; i < facts.size(); i++) {
          Fact f = facts.get(i);
          if (f.id().equals(fact.id()) && f.what().equals(fact.what())
              && f.contender().equals(fact.contender())) {
            earlier = i;
          }
        }
        if (earlier >= 0) {
          facts.set(earlier, fact);
        } else {
          facts.add(fact);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    return facts;
  }
}
