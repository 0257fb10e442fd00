package dev.invoicekit.service;

import dev.invoicekit.internal.Ids;

/**
 * A key the caller attaches to a mutating command so that sending it twice has the effect of
 * sending it once: the same key with the same payload returns the first result; the same key with
 * another payload is refused.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the key: not blank, at most 100 characters
 */
public record IdempotencyKey(String value) {

  /** Checks the key. */
  public IdempotencyKey {
    Ids.require(value, "idempotency key");
  }

  /**
   * Returns the key.
   *
   * @param value the key text, not blank
   * @return the key, not null
   */
  public static IdempotencyKey of(String value) {
    return new IdempotencyKey(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
