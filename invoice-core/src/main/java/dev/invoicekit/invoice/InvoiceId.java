package dev.invoicekit.invoice;

import dev.invoicekit.internal.Ids;

/**
 * The stable technical id of an invoice; it never changes, unlike the invoice number.
 *
 * <p>Immutable and thread-safe. {@link #toString()} is the id itself; {@link #of(String)} reads it
 * back.
 *
 * @param value the id: not blank, no surrounding whitespace, at most 100 characters
 */
public record InvoiceId(String value) {

  /**
   * Checks the id.
   *
   * @throws IllegalArgumentException if the id is null, blank, padded or too long
   */
  public InvoiceId {
    Ids.require(value, "invoice id");
  }

  /**
   * Returns the id with the given text.
   *
   * @param value the id, not blank
   * @return the id, not null
   * @throws IllegalArgumentException if the id is null, blank, padded or too long
   */
  public static InvoiceId of(String value) {
    return new InvoiceId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
