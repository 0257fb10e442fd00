package dev.invoicekit.invoice;

import dev.invoicekit.internal.Ids;

/**
 * The id of one settlement of an invoice: a credit, an application of account credit, a
 * write-off or its reversal.
 *
 * <p>Immutable and thread-safe. {@link #toString()} is the id itself; {@link #of(String)} reads it
 * back.
 *
 * @param value the id: not blank, no surrounding whitespace, at most 100 characters
 */
public record SettlementId(String value) {

  /**
   * Checks the id.
   *
   * @throws IllegalArgumentException if the id is null, blank, padded or too long
   */
  public SettlementId {
    Ids.require(value, "settlement id");
  }

  /**
   * Returns the id with the given text.
   *
   * @param value the id, not blank
   * @return the id, not null
   * @throws IllegalArgumentException if the id is null, blank, padded or too long
   */
  public static SettlementId of(String value) {
    return new SettlementId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
