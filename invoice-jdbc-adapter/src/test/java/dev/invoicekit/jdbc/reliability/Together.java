package dev.invoicekit.jdbc.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs work on several threads released together, like {@code Concurrently.run}, with a time
 * limit that suits the long mode (its minutes of work per thread).
 */
final class Together {

  private Together() {}

  /** The limit for the whole run: a few minutes in CI, an hour in the long mode. */
  static Duration limit() {
    return ReliabilityMode.isLong() ? Duration.ofHours(1) : Duration.ofMinutes(3);
  }

  /** Runs {@code threads} copies of the work at once; rethrows the first failure. */
  static <T> List<T> run(int threads, Callable<T> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          return work.call();
        }));
      }
      long deadline = System.nanoTime() + limit().toNanos();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
