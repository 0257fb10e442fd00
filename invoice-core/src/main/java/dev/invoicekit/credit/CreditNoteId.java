package dev.invoicekit.credit;

import dev.invoicekit.internal.Ids;

/**
 * The id of a credit note.
 *
 * <p>Immutable and thread-safe. {@link #toString()} is the id itself; {@link #of(String)} reads it
 * back.
 *
 * @param value the id: not blank, no surrounding whitespace, at most 100 characters
 */
public record CreditNoteId(String value) {

  /**
   * Checks the id.
   *
   * @throws IllegalArgumentException if the id is null, blank, padded or too long
   */
  public CreditNoteId {
    Ids.require(value, "credit note id");
  }

  /**
   * Returns the id with the given text.
   *
   * @param value the id, not blank
   * @return the id, not null
   * @throws IllegalArgumentException if the id is null, blank, padded or too long
   */
  public static CreditNoteId of(String value) {
    return new CreditNoteId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
