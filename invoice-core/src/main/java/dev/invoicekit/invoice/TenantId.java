package dev.invoicekit.invoice;

import dev.invoicekit.internal.Ids;

/**
 * The tenant (customer of a multi-tenant host) an invoice belongs to; part of every key.
 *
 * <p>Immutable and thread-safe. {@link #toString()} is the id itself; {@link #of(String)} reads it
 * back.
 *
 * @param value the id: not blank, no surrounding whitespace, at most 100 characters
 */
public record TenantId(String value) {

  /** The tenant of a single-tenant host that never names one. */
  public static final TenantId DEFAULT = new TenantId("default");

  /**
   * Checks the id.
   *
   * @throws IllegalArgumentException if the id is null, blank, padded or too long
   */
  public TenantId {
    Ids.require(value, "tenant id");
  }

  /**
   * Returns the id with the given text.
   *
   * @param value the id, not blank
   * @return the id, not null
   * @throws IllegalArgumentException if the id is null, blank, padded or too long
   */
  public static TenantId of(String value) {
    return new TenantId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
