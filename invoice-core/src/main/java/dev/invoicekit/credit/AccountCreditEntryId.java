package dev.invoicekit.credit;

import dev.invoicekit.internal.Ids;

/**
 * The id of one entry of an account-credit ledger.
 *
 * <p>Immutable and thread-safe. {@link #toString()} is the id itself; {@link #of(String)} reads it
 * back.
 *
 * @param value the id: not blank, no surrounding whitespace, at most 100 characters
 */
public record AccountCreditEntryId(String value) {

  /**
   * Checks the id.
   *
   * @throws IllegalArgumentException if the id is null, blank, padded or too long
   */
  public AccountCreditEntryId {
    Ids.require(value, "account credit entry id");
  }

  /**
   * Returns the id with the given text.
   *
   * @param value the id, not blank
   * @return the id, not null
   * @throws IllegalArgumentException if the id is null, blank, padded or too long
   */
  public static AccountCreditEntryId of(String value) {
    return new AccountCreditEntryId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
