package dev.invoicekit.benchmarks;

import dev.invoicekit.benchmarks.report.Report;
import dev.invoicekit.benchmarks.support.BenchDatabase;
import dev.invoicekit.benchmarks.support.RunFacts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark, writes JMH's JSON and the table of {@code docs/BENCHMARKS.md}. One
 * embedded PostgreSQL serves the whole run; its port goes to the forked JVMs.
 *
 * <pre>
 * benchmarks/run.sh quick        # 10 to 12 minutes on 2 cores, by how busy the machine is
 * benchmarks/run.sh full         # careful: more forks, longer iterations (about an hour)
 * benchmarks/run.sh quick P1     # only the benchmarks whose id matches
 * </pre>
 *
 * <p>Arguments: the mode ({@code quick} or {@code full}), then optionally a regular expression
 * over the ids (P1, P2, ...). Run from the repository root; results go to
 * {@code docs/benchmarks/<mode>.json} and {@code docs/BENCHMARKS.md}.
 */
public final class RunBenchmarks {

  /** How long each kind of benchmark runs, per mode. */
  private record Plan(String id, Class<?> benchmark, boolean singleShot, int forks, int warmups,
      int iterations, int seconds) {}

  private static List<Plan> plans(boolean full) {
    List<Plan> plans = new ArrayList<>();
    if (full) {
      plans.add(new Plan("P1", P1TotalsBenchmark.class, false, 3, 5, 10, 2));
      plans.add(new Plan("P2", P2LifecycleBenchmark.class, false, 3, 5, 10, 2));
      plans.add(new Plan("P3", P3PaymentBenchmark.class, false, 3, 3, 10, 5));
      plans.add(new Plan("P4", P4SaveBenchmark.class, false, 3, 3, 10, 5));
      plans.add(new Plan("P5", P5LoadBenchmark.class, false, 3, 3, 10, 3));
      plans.add(new Plan("P6", P6ImportBenchmark.class, true, 3, 2, 10, 0));
      plans.add(new Plan("P7", P7OverdueSweepBenchmark.class, true, 3, 5, 30, 0));
      plans.add(new Plan("P7", P7ScalingReadsBenchmark.class, false, 3, 3, 10, 3));
      plans.add(new Plan("P8", P8RelayBenchmark.class, true, 3, 3, 20, 0));
      plans.add(new Plan("P9", P9NumberingBenchmark.class, false, 3, 3, 10, 5));
    } else {
      // Eight or more measured iterations: with four, JMH's 99.9 % interval is about 13 standard
      // deviations of the mean wide and most verdicts came out "within error".
      plans.add(new Plan("P1", P1TotalsBenchmark.class, false, 1, 3, 8, 1));
      plans.add(new Plan("P2", P2LifecycleBenchmark.class, false, 1, 3, 8, 1));
      plans.add(new Plan("P3", P3PaymentBenchmark.class, false, 1, 2, 8, 1));
      plans.add(new Plan("P4", P4SaveBenchmark.class, false, 1, 2, 8, 1));
      plans.add(new Plan("P5", P5LoadBenchmark.class, false, 1, 3, 8, 1));
      plans.add(new Plan("P6", P6ImportBenchmark.class, true, 1, 1, 3, 0));
      plans.add(new Plan("P7", P7OverdueSweepBenchmark.class, true, 1, 2, 10, 0));
      plans.add(new Plan("P7", P7ScalingReadsBenchmark.class, false, 1, 2, 8, 1));
      plans.add(new Plan("P8", P8RelayBenchmark.class, true, 1, 2, 8, 0));
      plans.add(new Plan("P9", P9NumberingBenchmark.class, false, 1, 2, 8, 1));
    }
    return plans;
  }

  private RunBenchmarks() {}

  /**
   * Runs the benchmarks.
   *
   * @param args the mode, then optionally a pattern over the ids
   * @throws Exception if a benchmark fails
   */
  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "quick";
    if (!mode.equals("quick") && !mode.equals("full")) {
      System.err.println("Usage: RunBenchmarks quick|full [id pattern, such as P1|P4]");
      System.exit(2);
    }
    Pattern only = Pattern.compile(args.length > 1 ? args[1] : ".*");
    Path root = Path.of("").toAbsolutePath();
    Path work = root.resolve("invoice-benchmarks/target/jmh");
    Files.createDirectories(work);
    Instant started = Instant.now();
    // Read before the run writes its own result files, which would mark the tree as changed.
    String commit = gitCommit();
    List<RunResult> results = new ArrayList<>();
    List<Path> jsonFiles = new ArrayList<>();
    List<String> load = new ArrayList<>();
    // What the forks count in setup or record while they run (RunFacts), for the report.
    Path facts = work.resolve(mode + "-facts.tsv");
    Files.deleteIfExists(facts);
    String postgresVersion;
    try (EmbeddedPostgres server = BenchDatabase.startServer()) {
      postgresVersion = serverVersion(server);
      for (Plan plan : plans(mode.equals("full"))) {
        if (!only.matcher(plan.id()).matches()) {
          continue;
        }
        Path json = work.resolve(mode + "-" + plan.id() + "-" + plan.benchmark().getSimpleName()
            + ".json");
        load.add(plan.id() + " " + loadAverage());
        results.addAll(run(plan, server.getPort(), json, facts));
        jsonFiles.add(json);
      }
    }
    Duration took = Duration.between(started, Instant.now());
    Path resultsJson = root.resolve("docs/benchmarks/" + mode + ".json");
    writeJson(jsonFiles, resultsJson);
    List<String> machine = machine(mode, started, took, postgresVersion,
        root.relativize(resultsJson).toString(), commit);
    machine.add("Load average (1 min) as each group started, this run's own JVMs and database"
        + " included; other builds on the machine show up here: " + String.join(", ", load));
    Report.write(root.resolve("docs/BENCHMARKS.md"),
        Report.markdown(results, machine, RunFacts.read(facts)));
    System.out.println("Results: docs/BENCHMARKS.md and " + root.relativize(resultsJson)
        + " (" + took.toMinutes() + " min " + took.toSecondsPart() + " s)");
  }

  private static Collection<RunResult> run(Plan plan, int port, Path json, Path facts)
      throws RunnerException {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(Pattern.quote(plan.benchmark().getName()) + "\\..*")
        .forks(plan.forks())
        .warmupIterations(plan.warmups())
        .measurementIterations(plan.iterations())
        .addProfiler(GCProfiler.class)
        .jvmArgsAppend("-Xms3g", "-Xmx3g", "-XX:+UseParallelGC",
            "-D" + BenchDatabase.PORT_PROPERTY + "=" + port,
            "-D" + RunFacts.FILE_PROPERTY + "=" + facts,
            "-Dorg.jboss.logging.provider=slf4j")
        .resultFormat(ResultFormatType.JSON)
        .result(json.toString());
    if (!plan.singleShot()) {
      options.warmupTime(TimeValue.seconds(plan.seconds()))
          .measurementTime(TimeValue.seconds(plan.seconds()));
    }
    return new Runner(options.build()).run();
  }

  /** JMH writes one JSON array per run; the results file holds them all in one array. */
  private static void writeJson(List<Path> parts, Path target) throws IOException {
    StringBuilder all = new StringBuilder("[\n");
    boolean first = true;
    for (Path part : parts) {
      String text = Files.readString(part, StandardCharsets.UTF_8).strip();
      String inner = text.substring(1, text.length() - 1).strip();
      if (inner.isEmpty()) {
        continue;
      }
      all.append(first ? "" : ",\n").append(inner);
      first = false;
    }
    all.append("\n]\n");
    Files.createDirectories(target.getParent());
    Files.writeString(target, all, StandardCharsets.UTF_8);
  }

  private static String serverVersion(EmbeddedPostgres server) {
    try (Connection connection = server.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW server_version")) {
      rs.next();
      return rs.getString(1);
    } catch (java.sql.SQLException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static List<String> machine(String mode, Instant started, Duration took,
      String postgresVersion, String json, String commit) {
    List<String> lines = new ArrayList<>();
    lines.add("Run: `" + mode + "` mode, started "
        + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .format(started.atZone(ZoneOffset.UTC))
        + ", took " + took.toMinutes() + " min " + took.toSecondsPart() + " s; JSON: `" + json
        + "`");
    lines.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores (nproc), "
        + cpuModel() + ", " + memory());
    lines.add("Java: " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version") + "; forks with -Xms3g -Xmx3g"
        + " -XX:+UseParallelGC; JMH 1.37 with -prof gc");
    lines.add("PostgreSQL " + postgresVersion + " embedded (io.zonky.test), fsync,"
        + " synchronous_commit and full_page_writes on; one HikariCP pool of "
        + BenchDatabase.POOL_SIZE + " per benchmark, shared by its contenders,"
        + " reWriteBatchedInserts=true");
    lines.add("Commit: " + commit);
    return lines;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException ignored) {
      // Not Linux: say so below.
    }
    return System.getProperty("os.arch");
  }

  private static String memory() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return (kb / 1024 / 1024) + " GiB";
        }
      }
    } catch (IOException | NumberFormatException ignored) {
      // Fall through.
    }
    return "memory unknown";
  }

  private static String gitCommit() {
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
          .redirectErrorStream(true).start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      String status = new String(new ProcessBuilder("git", "status", "--porcelain",
          "--untracked-files=no").start().getInputStream().readAllBytes(),
          StandardCharsets.UTF_8).strip();
      return git.waitFor() == 0 ? out + (status.isEmpty() ? "" : " (with local changes)")
          : "unknown";
    } catch (IOException | InterruptedException e) {
      return "unknown";
    }
  }
}
