package dev.invoicekit.invoice;

import dev.invoicekit.internal.Ids;

/**
 * The id of one recorded payment or refund.
 *
 * <p>Immutable and thread-safe. {@link #toString()} is the id itself; {@link #of(String)} reads it
 * back.
 *
 * @param value the id: not blank, no surrounding whitespace, at most 100 characters
 */
public record PaymentId(String value) {

  /**
   * Checks the id.
   *
   * @throws IllegalArgumentException if the id is null, blank, padded or too long
   */
  public PaymentId {
    Ids.require(value, "payment id");
  }

  /**
   * Returns the id with the given text.
   *
   * @param value the id, not blank
   * @return the id, not null
   * @throws IllegalArgumentException if the id is null, blank, padded or too long
   */
  public static PaymentId of(String value) {
    return new PaymentId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
