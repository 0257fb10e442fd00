package dev.invoicekit.invoice;

import dev.invoicekit.internal.Ids;

/**
 * The CRM opportunity an invoice was created from.
 *
 * <p>Immutable and thread-safe. {@link #toString()} is the id itself; {@link #of(String)} reads it
 * back.
 *
 * @param value the id: not blank, no surrounding whitespace, at most 100 characters
 */
public record OpportunityId(String value) {

  /**
   * Checks the id.
   *
   * @throws IllegalArgumentException if the id is null, blank, padded or too long
   */
  public OpportunityId {
    Ids.require(value, "opportunity id");
  }

  /**
   * Returns the id with the given text.
   *
   * @param value the id, not blank
   * @return the id, not null
   * @throws IllegalArgumentException if the id is null, blank, padded or too long
   */
  public static OpportunityId of(String value) {
    return new OpportunityId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
