package dev.invoicekit.jdbc.reliability;

import dev.invoicekit.testkit.contract.Concurrently;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs work on several threads released together ({@link Concurrently#run(int, Duration,
 * Callable)}) with a time limit that suits the long mode (its minutes of work per thread).
 */
final class Together {

  private Together() {}

  /** The limit for the whole run: a few minutes in CI, an hour in the long mode. */
  static Duration limit() {
    return ReliabilityMode.isLong() ? Duration.ofHours(1) : Duration.ofMinutes(3);
  }

  /** Runs {@code threads} copies of the work at once; rethrows the first failure. */
  static <T> List<T> run(int threads, Callable<T> work) throws Exception {
    return Concurrently.run(threads, limit(), work);
  }
}
