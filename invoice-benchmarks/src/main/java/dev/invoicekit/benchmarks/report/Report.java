package dev.invoicekit.benchmarks.report;

import dev.invoicekit.benchmarks.support.RunFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Turns JMH's results into the table of {@code docs/BENCHMARKS.md}: one line per
 * {@link Comparison}, with the ratio, the target and whether it was met, then every raw score.
 * Only the part between the file's result markers is replaced; the text around it (how to run,
 * notes) is kept.
 */
public final class Report {

  /** Where the generated part of the document starts. */
  public static final String START = "<!-- results:start (written by RunBenchmarks) -->";
  /** Where it ends. */
  public static final String END = "<!-- results:end -->";
  private static final String PACKAGE = "dev.invoicekit.benchmarks.";

  private Report() {}

  /** One measured score. */
  private record Score(String benchmark, Map<String, String> params, String mode, int threads,
      double score, double error, String unit, double allocated) {

    /** The score as throughput or time, whichever the comparison asks, with its relative error. */
    double relativeError() {
      return Double.isNaN(error) || score == 0 ? 0 : Math.abs(error / score);
    }

    boolean isThroughput() {
      return unit.endsWith("/s") || unit.endsWith("/ms") || unit.endsWith("/us");
    }

    String key() {
      return benchmark + params;
    }
  }

  private static List<Score> scores(Collection<RunResult> results) {
    List<Score> scores = new ArrayList<>();
    for (RunResult result : results) {
      String benchmark = result.getParams().getBenchmark();
      if (benchmark.startsWith(PACKAGE)) {
        benchmark = benchmark.substring(PACKAGE.length());
      }
      Map<String, String> params = new TreeMap<>();
      for (String key : result.getParams().getParamsKeys()) {
        params.put(key, result.getParams().getParam(key));
      }
      Result<?> primary = result.getPrimaryResult();
      Result<?> allocated = result.getSecondaryResults().get("gc.alloc.rate.norm");
      scores.add(new Score(benchmark, params, result.getParams().getMode().shortLabel(),
          result.getParams().getThreads(), primary.getScore(), primary.getScoreError(),
          primary.getScoreUnit(), allocated == null ? Double.NaN : allocated.getScore()));
    }
    return scores;
  }

  private static Score find(List<Score> scores, Comparison.Measured measured) {
    for (Score score : scores) {
      if (score.benchmark.equals(measured.benchmark())
          && score.params.entrySet().containsAll(measured.params().entrySet())) {
        return score;
      }
    }
    return null;
  }

  /**
   * The generated part: machine, the comparison table, the raw scores.
   *
   * @param results JMH's results
   * @param machine lines describing the machine and the run
   * @return the markdown, between the markers
   */
  public static String markdown(Collection<RunResult> results, List<String> machine) {
    return markdown(results, machine, List.of());
  }

  /**
   * The generated part: machine, the comparison table, the figures counted or recorded outside
   * the timed methods, the raw scores.
   *
   * @param results JMH's results
   * @param machine lines describing the machine and the run
   * @param facts what the benchmarks counted in setup or recorded during the run
   * @return the markdown, between the markers
   */
  public static String markdown(Collection<RunResult> results, List<String> machine,
      List<RunFacts.Fact> facts) {
    List<Score> scores = scores(results);
    StringBuilder out = new StringBuilder();
    out.append(START).append("\n\n");
    for (String line : machine) {
      out.append("- ").append(line).append('\n');
    }
    out.append("\n| id | what | contender | score | baseline | score | ratio | target | met |"
        + " allocated B/op (contender / baseline) |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (Comparison comparison : Comparison.all()) {
      Score contender = find(scores, comparison.contender());
      Score baseline = find(scores, comparison.baseline());
      out.append("| ").append(comparison.id()).append(" | ").append(comparison.what())
          .append(" | ").append(comparison.contender().label()).append(" | ")
          .append(scoreText(contender)).append(" | ").append(comparison.baseline().label())
          .append(" | ").append(scoreText(baseline)).append(" | ");
      if (contender == null || baseline == null) {
        out.append("not run | ").append(comparison.target().text()).append(" | – | – |\n");
        continue;
      }
      double ratio = ratio(comparison.target(), contender, baseline);
      double spread = ratio * Math.sqrt(Math.pow(contender.relativeError(), 2)
          + Math.pow(baseline.relativeError(), 2));
      boolean met = comparison.target().met(ratio);
      boolean clear = Math.abs(ratio - comparison.target().bound()) > spread;
      out.append(number(ratio)).append("x ± ").append(number(spread)).append(" | ")
          .append(comparison.target().text()).append(" | ")
          .append(met ? "yes" : "**no**").append(clear ? "" : " (within error)")
          .append(" | ").append(bytes(contender.allocated)).append(" / ")
          .append(bytes(baseline.allocated)).append(" |\n");
    }
    out.append("\nRatio: for a speed target, the contender's throughput over the baseline's (1/time"
        + " for single-shot runs); for a time target, the contender's time over the baseline's."
        + " ± is the ratio's error from JMH's 99.9 % intervals of both scores; \"within error\""
        + " means the target lies inside it.\n");
    if (!facts.isEmpty()) {
      out.append("\nCounted once in setup with a counting wrapper around the data source"
          + " (statements: SQL statements sent, a batch by its entries, COMMIT included; round"
          + " trips: exchanges with the server), or recorded during the run (delays):\n\n");
      out.append("| id | what | contender | value |\n|---|---|---|---|\n");
      for (RunFacts.Fact fact : facts) {
        out.append("| ").append(fact.id()).append(" | ").append(fact.what()).append(" | ")
            .append(fact.contender()).append(" | ").append(fact.value()).append(" |\n");
      }
    }
    out.append("\n<details><summary>Every score</summary>\n\n");
    out.append("| benchmark | params | mode | threads | score | error | unit | B/op |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    for (Score score : scores) {
      out.append("| ").append(score.benchmark).append(" | ").append(score.params.isEmpty() ? "–"
              : score.params.toString()).append(" | ").append(score.mode).append(" | ")
          .append(score.threads).append(" | ").append(number(score.score)).append(" | ")
          .append(number(score.error)).append(" | ").append(score.unit).append(" | ")
          .append(bytes(score.allocated)).append(" |\n");
    }
    out.append("\n</details>\n\n").append(END);
    return out.toString();
  }

  private static double ratio(Comparison.Target target, Score contender, Score baseline) {
    double c = contender.isThroughput() ? contender.score : 1 / contender.score;
    double b = baseline.isThroughput() ? baseline.score : 1 / baseline.score;
    // c and b are speeds now.
    return target.speed() ? c / b : b / c;
  }

  private static String scoreText(Score score) {
    if (score == null) {
      return "–";
    }
    return number(score.score) + " " + score.unit;
  }

  static String number(double value) {
    if (Double.isNaN(value)) {
      return "–";
    }
    double abs = Math.abs(value);
    String format = abs >= 100 ? "%,.0f" : abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, format, value);
  }

  private static String bytes(double value) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,.0f", value);
  }

  /**
   * Replaces the generated part of a document, or appends it when the markers are missing.
   *
   * @param document the document
   * @param generated the new part, markers included
   */
  public static void write(Path document, String generated) {
    try {
      String text = Files.exists(document)
          ? Files.readString(document, StandardCharsets.UTF_8) : "# Benchmarks\n\n";
      int start = text.indexOf(START);
      int end = text.indexOf(END);
      String updated = start >= 0 && end > start
          ? text.substring(0, start) + generated + text.substring(end + END.length())
          : text + "\n" + generated + "\n";
      Files.createDirectories(document.toAbsolutePath().getParent());
      Files.writeString(document, updated, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + document, e);
    }
  }
}
