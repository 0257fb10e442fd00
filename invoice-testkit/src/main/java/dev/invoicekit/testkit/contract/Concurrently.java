package dev.invoicekit.testkit.contract;

import dev.invoicekit.ports.InvoicePersistenceException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Runs work on threads that start together, and retries it the way the service does. */
final class Concurrently {

  /** Attempts before a retryable failure is given up, as generous as a test can afford. */
  private static final int MAX_ATTEMPTS = 50;

  private Concurrently() {}

  /**
   * Runs {@code threads} copies of the work at once (released together by a barrier).
   *
   * @return the results in thread order
   * @throws Exception the first failure of a thread
   */
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
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Tries the work again while it fails with a retryable {@link InvoicePersistenceException},
   * as {@code InvoiceService} tries a command that lost a race.
   */
  static <T> T retrying(Supplier<T> attempt) {
    for (int attemptNo = 1; ; attemptNo++) {
      try {
        return attempt.get();
      } catch (InvoicePersistenceException e) {
        if (!e.isRetryable() || attemptNo >= MAX_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** Holds the current thread a moment, as a command does between taking and committing. */
  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while holding a transaction open", e);
    }
  }
}
