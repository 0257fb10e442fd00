package dev.invoicekit.jdbc.reliability;

import dev.invoicekit.jdbc.Dialect;
import dev.invoicekit.jdbc.SchemaInstaller;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL primary with a synchronous streaming standby, on loopback ports it picks, started
 * from the embedded binaries ({@link PostgresBinaries}) as the test's own processes.
 *
 * <p>Both data directories are copies of one cleanly stopped {@linkplain #template template}
 * (initdb, the schema installed): the standby's copy gets {@code standby.signal} and a
 * {@code primary_conninfo} with {@code application_name=standby}, the primary
 * {@code synchronous_standby_names = 'standby'} and {@code synchronous_commit = on}, so a commit is
 * acknowledged only once the standby has flushed it. The standby's own settings name no
 * synchronous standby, so that it takes commits alone once promoted.
 *
 * <p>{@link #killPrimary()} is a crash of the primary's machine: every process of the primary
 * (postmaster, backends, WAL sender, background workers) is first frozen with {@code SIGSTOP}, so
 * that none of them acts on the others' death, then killed with {@code SIGKILL}, from a shell
 * started in advance; {@link ProcessHandle#destroyForcibly()} (SIGKILL as well) follows.
 * {@link #promoteStandby()} runs {@code pg_promote()}.
 * {@link #close()} kills whatever is still running, removes the servers' System V shared memory
 * segments (which a killed postmaster leaves behind) and deletes both data directories; a JVM
 * shutdown hook does the same if the test never gets there.
 *
 * <p>Not thread-safe: one controlling thread.
 */
final class PostgresPair implements AutoCloseable {

  /** The standby's name, as the primary's {@code synchronous_standby_names} lists it. */
  private static final String STANDBY_NAME = "standby";
  private static final Duration START_LIMIT = Duration.ofSeconds(60);

  private final Path directory;
  private final Server primary;
  private final Server standby;
  private final Signals signals;
  private final Thread shutdownHook;
  private boolean closed;

  private PostgresPair(Path directory, Server primary, Server standby, Signals signals) {
    this.directory = directory;
    this.primary = primary;
    this.standby = standby;
    this.signals = signals;
    this.shutdownHook = new Thread(this::killEverything, "postgres-pair-cleanup");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * A data directory with the schema installed and the server cleanly stopped, in
   * {@code directory}: the start of every pair.
   */
  static Path template(PostgresBinaries binaries, Path directory) {
    Path data = directory.resolve("template");
    Path log = directory.resolve("template.log");
    binaries.run("initdb", List.of("-D", data.toString(), "-U", "postgres", "-A", "trust",
        "-E", "UTF-8", "--locale=C", "-N"), log, START_LIMIT);
    int port = freePort();
    Process process = binaries.start("postgres", serverArguments(data, port, List.of()), log);
    Server server = new Server("template", data, port, process, log);
    try {
      server.awaitReady();
      SchemaInstaller.install(server.direct(), Dialect.POSTGRESQL);
      binaries.run("pg_ctl", List.of("stop", "-D", data.toString(), "-m", "fast", "-w", "-t",
          "60"), log, START_LIMIT);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("The template server did not stop: "
            + PostgresBinaries.tail(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while preparing the template", e);
    } finally {
      server.kill(null);
    }
    return data;
  }

  /**
   * Copies the template twice into {@code directory}, starts the primary and the standby and
   * waits until the primary names the standby synchronous.
   */
  static PostgresPair start(PostgresBinaries binaries, Path template, Path directory) {
    Path primaryData = directory.resolve("primary");
    Path standbyData = directory.resolve("standby");
    copy(template, primaryData);
    copy(template, standbyData);
    try {
      Files.writeString(standbyData.resolve("standby.signal"), "", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot mark the standby", e);
    }
    Signals signals = new Signals();
    int primaryPort = freePort();
    int standbyPort = freePort();
    Path primaryLog = directory.resolve("primary.log");
    Path standbyLog = directory.resolve("standby.log");
    Server primary = new Server("primary", primaryData, primaryPort,
        binaries.start("postgres", serverArguments(primaryData, primaryPort, List.of(
            "synchronous_standby_names=" + STANDBY_NAME, "synchronous_commit=on",
            "wal_level=replica", "max_wal_senders=4", "wal_keep_size=128MB")), primaryLog),
        primaryLog);
    Server standby = new Server("standby", standbyData, standbyPort,
        binaries.start("postgres", serverArguments(standbyData, standbyPort, List.of(
            "hot_standby=on", "synchronous_standby_names=",
            "primary_conninfo=host=127.0.0.1 port=" + primaryPort + " user=postgres"
                + " application_name=" + STANDBY_NAME + " connect_timeout=2")), standbyLog),
        standbyLog);
    PostgresPair pair = new PostgresPair(directory, primary, standby, signals);
    try {
      primary.awaitReady();
      standby.awaitReady();
      pair.awaitSynchronousStandby();
    } catch (RuntimeException e) {
      pair.close();
      throw e;
    }
    return pair;
  }

  /**
   * The driver URL a host uses: both servers, the primary first, and only a primary taken
   * ({@code targetServerType=primary}); short connect and socket timeouts, so that a command
   * during the switch fails instead of waiting, and host states rechecked after a second.
   */
  String hostUrl() {
    return "jdbc:postgresql://127.0.0.1:" + primary.port() + ",127.0.0.1:" + standby.port()
        + "/postgres?targetServerType=primary&hostRecheckSeconds=1&connectTimeout=2"
        + "&loginTimeout=5&socketTimeout=10&user=postgres";
  }

  /** A data source on {@link #hostUrl()}, as one application instance has it (no pool). */
  DataSource hostDataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(hostUrl());
    return dataSource;
  }

  /** A data source on the standby alone (after the promotion: the new primary). */
  DataSource standbyDirect() {
    return standby.direct();
  }

  /**
   * Kills the primary as a crash of its machine: every one of its processes frozen, then killed.
   *
   * @return how many processes were killed
   */
  int killPrimary() {
    return primary.kill(signals);
  }

  /** Promotes the standby and waits until it takes writes. */
  void promoteStandby() {
    try (Connection connection = standby.direct().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT pg_promote(true, 60)")) {
      rs.next();
      if (!rs.getBoolean(1)) {
        throw new IllegalStateException("The standby was not promoted within 60 s: "
            + PostgresBinaries.tail(standby.log()));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot promote the standby: "
          + PostgresBinaries.tail(standby.log()), e);
    }
  }

  /** Whether the standby is still in recovery (not promoted). */
  boolean standbyInRecovery() {
    return querySingle(standby.direct(), "SELECT pg_is_in_recovery()").equals("t");
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    killEverything();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook runs (or ran) the same cleanup.
    }
    delete(directory.resolve("primary"));
    delete(directory.resolve("standby"));
  }

  private void killEverything() {
    primary.kill(null);
    standby.kill(null);
    signals.close();
  }

  private void awaitSynchronousStandby() {
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (true) {
      String state = querySingle(primary.direct(), "SELECT COALESCE(MAX(sync_state), 'none')"
          + " FROM pg_stat_replication WHERE application_name = '" + STANDBY_NAME + "'");
      if (state.equals("sync")) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The standby did not become synchronous (" + state
            + "): " + PostgresBinaries.tail(standby.log()));
      }
      sleep(50);
    }
  }

  private static String querySingle(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot ask the server: " + sql, e);
    }
  }

  private static List<String> serverArguments(Path data, int port, List<String> settings) {
    List<String> arguments = new ArrayList<>(List.of("-D", data.toString()));
    List<String> all = new ArrayList<>(List.of("port=" + port, "listen_addresses=127.0.0.1",
        "unix_socket_directories=", "max_connections=60", "shared_buffers=32MB",
        "log_min_messages=warning"));
    all.addAll(settings);
    for (String setting : all) {
      arguments.add("-c");
      arguments.add(setting);
    }
    return arguments;
  }

  private static int freePort() {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free loopback port", e);
    }
  }

  private static void copy(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      Files.createDirectories(to.getParent());
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy " + from + " to " + to, e);
    }
  }

  private static void delete(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(path)) {
      for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(each);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + path, e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  /** One server process and its data directory. */
  private static final class Server {

    private final String name;
    private final Path data;
    private final int port;
    private final Process process;
    private final Path log;
    private boolean killed;

    Server(String name, Path data, int port, Process process, Path log) {
      this.name = name;
      this.data = data;
      this.port = port;
      this.process = process;
      this.log = log;
    }

    int port() {
      return port;
    }

    Path log() {
      return log;
    }

    DataSource direct() {
      PGSimpleDataSource dataSource = new PGSimpleDataSource();
      dataSource.setServerNames(new String[] {"127.0.0.1"});
      dataSource.setPortNumbers(new int[] {port});
      dataSource.setDatabaseName("postgres");
      dataSource.setUser("postgres");
      dataSource.setConnectTimeout(2);
      dataSource.setSocketTimeout(30);
      return dataSource;
    }

    void awaitReady() {
      long deadline = System.nanoTime() + START_LIMIT.toNanos();
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("The " + name + " server ended on start: "
              + PostgresBinaries.tail(log));
        }
        try (Connection connection = direct().getConnection()) {
          if (connection.isValid(5)) {
            return;
          }
        } catch (SQLException e) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("The " + name + " server did not start: "
                + PostgresBinaries.tail(log), e);
          }
        }
        sleep(50);
      }
    }

    /**
     * Kills every process of the server and removes its shared memory segment; a second call
     * does nothing. With {@code signals}, as a crash: the postmaster is frozen first (so it
     * starts no new process), then all its processes are frozen and killed in one shell command,
     * so that none of them acts on another's death; without, they are killed one after another.
     *
     * @return how many processes were killed
     */
    synchronized int kill(Signals signals) {
      if (killed) {
        return 0;
      }
      killed = true;
      Optional<String> segment = sharedMemorySegment();
      ProcessHandle postmaster = process.toHandle();
      List<ProcessHandle> all = new ArrayList<>();
      if (signals != null && postmaster.isAlive()) {
        signals.send("kill -STOP " + postmaster.pid());
      }
      all.add(postmaster);
      postmaster.descendants().forEach(all::add);
      List<ProcessHandle> alive = all.stream().filter(ProcessHandle::isAlive).toList();
      if (signals != null && !alive.isEmpty()) {
        String pids = String.join(" ", alive.stream().map(h -> Long.toString(h.pid())).toList());
        signals.send("kill -STOP " + pids + "; kill -KILL " + pids);
      }
      alive.forEach(ProcessHandle::destroyForcibly);
      try {
        // The others are not this JVM's children: init reaps them; SIGKILL cannot be ignored.
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      segment.ifPresent(id -> runQuietly(List.of("ipcrm", "-m", id)));
      return alive.size();
    }

    /** The System V segment id the postmaster recorded in postmaster.pid (line 7), if any. */
    private Optional<String> sharedMemorySegment() {
      try {
        List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"),
            StandardCharsets.UTF_8);
        if (lines.size() < 7) {
          return Optional.empty();
        }
        String[] fields = lines.get(6).trim().split("\\s+");
        return fields.length == 2 ? Optional.of(fields[1]) : Optional.empty();
      } catch (IOException e) {
        return Optional.empty();
      }
    }

    private static void runQuietly(List<String> command) {
      try {
        Process run = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        run.waitFor(10, TimeUnit.SECONDS);
      } catch (IOException e) {
        // Not installed: the kill still happens (without the freeze), the segment stays.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * A shell started in advance, so that signals go out at once (starting a {@code kill} process
   * takes the JVM tens of milliseconds on a busy machine, while the server goes on committing).
   */
  private static final class Signals {

    private final Process shell;
    private final BufferedWriter input;
    private final BufferedReader output;

    Signals() {
      try {
        shell = new ProcessBuilder("sh").redirectErrorStream(true).start();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start a shell to signal the servers", e);
      }
      input = new BufferedWriter(new OutputStreamWriter(shell.getOutputStream(),
          StandardCharsets.UTF_8));
      output = new BufferedReader(new InputStreamReader(shell.getInputStream(),
          StandardCharsets.UTF_8));
    }

    /** Runs one command line and waits until it is done. */
    void send(String commands) {
      try {
        input.write(commands + " 2>/dev/null; echo signalled\n");
        input.flush();
        for (String line = output.readLine(); !"signalled".equals(line);
            line = output.readLine()) {
          if (line == null) {
            throw new IllegalStateException("The signalling shell ended");
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot signal the server", e);
      }
    }

    void close() {
      shell.destroyForcibly();
    }
  }
}
