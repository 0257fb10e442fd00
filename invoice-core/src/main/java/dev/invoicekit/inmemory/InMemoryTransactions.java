package dev.invoicekit.inmemory;

import dev.invoicekit.ports.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Transactions for the in-memory ports: one at a time (a fair lock), each write registering how to
 * undo itself, so an exception anywhere in the work undoes every in-memory write of that
 * transaction. A call inside an open transaction joins it.
 *
 * <p>Thread-safe.
 */
public final class InMemoryTransactions implements Transactions {

  private final ReentrantLock lock = new ReentrantLock(true);
  /**
   * The open transaction's undo log, or null. Guarded by {@link #lock}: only the thread holding it
   * sets or reads it, so "the current thread holds the lock and a log is open" means "inside a
   * transaction" (why not a ThreadLocal: docs/BENCHMARKS.md, "Why the code is shaped this way").
   */
  private List<Runnable> undoLog;

  /** Transactions with no open transaction. */
  public InMemoryTransactions() {}

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (lock.isHeldByCurrentThread() && undoLog != null) {
      return work.get();
    }
    lock.lock();
    List<Runnable> undo = new ArrayList<>();
    undoLog = undo;
    try {
      return work.get();
    } catch (RuntimeException | Error e) {
      for (int i = undo.size() - 1; i >= 0; i--) {
        undo.get(i).run();
      }
      throw e;
    } finally {
      undoLog = null;
      lock.unlock();
    }
  }

  /**
   * Applies a write inside the current transaction, or in one of its own.
   *
   * @param apply the change
   * @param undo how to take it back
   */
  void write(Runnable apply, Runnable undo) {
    if (lock.isHeldByCurrentThread() && undoLog != null) { // inside the command's transaction
      apply.run();
      undoLog.add(undo);
      return;
    }
    inTransaction(
        () -> {
          apply.run();
          undoLog.add(undo);
          return null;
        });
  }

  /**
   * Reads consistently: waits for a writer of another thread to finish.
   *
   * @param <T> the result type
   * @param read the read
   * @return its result
   */
  <T> T read(Supplier<T> read) {
    lock.lock();
    try {
      return read.get();
    } finally {
      lock.unlock();
    }
  }
}
