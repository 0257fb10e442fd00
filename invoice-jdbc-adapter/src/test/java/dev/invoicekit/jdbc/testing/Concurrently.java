package dev.invoicekit.jdbc.testing;

import dev.invoicekit.ports.InvoicePersistenceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Runs work on several threads that start together, and retries the way the service does. */
public final class Concurrently {

  private Concurrently() {}

  /**
   * Runs {@code threads} copies of the work at once (released together by a barrier) and returns
   * their results in thread order; rethrows the first failure.
   */
  public static <T> List<T> run(int threads, Callable<T> work) throws Exception {
    return run(threads, Duration.ofSeconds(60), work);
  }

  /**
   * As {@link #run(int, Callable)}, with a time limit for the whole run.
   */
  public static <T> List<T> run(int threads, Duration limit, Callable<T> work) throws Exception {
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
      long deadline = System.nanoTime() + limit.toNanos();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Tries the work again while it fails with a retryable persistence exception. */
  public static <T> T retrying(Supplier<T> attempt) {
    for (int attemptNo = 1; ; attemptNo++) {
      try {
        return attempt.get();
      } catch (InvoicePersistenceException e) {
        if (!e.isRetryable() || attemptNo >= 50) {
          throw e;
        }
      }
    }
  }
}
