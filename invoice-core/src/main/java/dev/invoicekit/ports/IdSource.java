package dev.invoicekit.ports;

/**
 * Where new ids (invoices, payments, events) come from, so core never calls
 * {@code UUID.randomUUID()} itself and tests can use predictable ids.
 *
 * <p>Implementations must be thread-safe and never return the same id twice.
 */
@FunctionalInterface
public interface IdSource {

  /**
   * A new id, unique for the lifetime of the data.
   *
   * @return the id: not blank, at most 100 characters
   */
  String newId();
}
