package dev.invoicekit.invoice;

import dev.invoicekit.internal.Ids;

/**
 * The legal number of an invoice, such as {@code INV-2026-00042}: unique per tenant, assigned when
 * the invoice is sent or given by hand.
 *
 * <p>Immutable and thread-safe. {@link #toString()} is the id itself; {@link #of(String)} reads it
 * back.
 *
 * @param value the id: not blank, no surrounding whitespace, at most 100 characters
 */
public record InvoiceNumber(String value) {

  /**
   * Checks the id.
   *
   * @throws IllegalArgumentException if the id is null, blank, padded or too long
   */
  public InvoiceNumber {
    Ids.require(value, "invoice number");
  }

  /**
   * Returns the id with the given text.
   *
   * @param value the id, not blank
   * @return the id, not null
   * @throws IllegalArgumentException if the id is null, blank, padded or too long
   */
  public static InvoiceNumber of(String value) {
    return new InvoiceNumber(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
