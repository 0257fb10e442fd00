package dev.invoicekit.ports;

import java.util.function.Supplier;

/**
 * Runs a unit of work in one transaction of the host's storage: everything the ports write inside
 * it is committed together, or nothing is. Joins a transaction that is already open.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Transactions {

  /**
   * Runs the work in a transaction: commits if it returns, rolls back if it throws.
   *
   * @param <T> the result type
   * @param work the work, not null
   * @return the work's result
   */
  <T> T inTransaction(Supplier<T> work);
}
