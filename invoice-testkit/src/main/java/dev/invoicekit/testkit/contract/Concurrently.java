package dev.invoicekit.testkit.contract;

import dev.invoicekit.ports.InvoicePersistenceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs work on threads that start together, and retries it the way the service does: the one
 * helper of the contract suites, of InvoiceKit's own tests and of a host's tests that race
 * commands against each other.
 *
 * <p>Stateless and thread-safe.
 */
public final class Concurrently {

  /** Attempts before a retryable failure is given up, as generous as a test can afford. */
  private static final int MAX_ATTEMPTS = 50;

  /** The time limit of {@link #run(int, Callable)}. */
  private static final Duration DEFAULT_LIMIT = Duration.ofSeconds(60);

  private Concurrently() {}

  /**
   * Runs {@code threads} copies of the work at once (released together by a barrier), within a
   * minute for the whole run.
   *
   * @param <T> what the work returns
   * @param threads how many threads, 1 or more
   * @param work the work of each thread, not null
   * @return the results in thread order, not null
   * @throws Exception the first failure of a thread (wrapped in an
   *     {@link java.util.concurrent.ExecutionException}), or a timeout
   */
  public static <T> List<T> run(int threads, Callable<T> work) throws Exception {
    return run(threads, DEFAULT_LIMIT, work);
  }

  /**
   * As {@link #run(int, Callable)}, with a time limit for the whole run.
   *
   * @param <T> what the work returns
   * @param threads how many threads, 1 or more
   * @param limit how long all threads may take together, not null
   * @param work the work of each thread, not null
   * @return the results in thread order, not null
   * @throws Exception the first failure of a thread (wrapped in an
   *     {@link java.util.concurrent.ExecutionException}), or a timeout
   */
  public static <T> List<T> run(int threads, Duration limit, Callable<T> work) throws Exception {
    Objects.requireNonNull(work, "work");
    return each(Collections.nCopies(threads, work), limit);
  }

  /**
   * Runs each work on a thread of its own, all at once (released together by a barrier), for
   * threads that each have their own part to do.
   *
   * @param <T> what the work returns
   * @param works the work of each thread, one or more, not null
   * @param limit how long all threads may take together, not null
   * @return the results in the works' order, not null
   * @throws Exception the first failure of a thread (wrapped in an
   *     {@link java.util.concurrent.ExecutionException}), or a timeout
   */
  public static <T> List<T> each(List<? extends Callable<T>> works, Duration limit)
      throws Exception {
    Objects.requireNonNull(limit, "limit");
    int threads = works.size();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> work : works) {
        Objects.requireNonNull(work, "work");
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

  /**
   * Tries the work again while it fails with a retryable {@link InvoicePersistenceException}, as
   * {@code InvoiceService} tries a command that lost a race (at most 50 attempts).
   *
   * @param <T> what the work returns
   * @param attempt one attempt, not null
   * @return what the first successful attempt returned
   * @throws InvoicePersistenceException if an attempt fails for a reason that is not retryable,
   *     or the last attempt fails
   */
  public static <T> T retrying(Supplier<T> attempt) {
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

  /**
   * Holds the current thread a moment, as a command does between taking and committing.
   *
   * @param millis how long, 0 or more
   * @throws IllegalStateException if the thread is interrupted (its interrupt flag is set again)
   */
  public static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while holding a transaction open", e);
    }
  }
}
