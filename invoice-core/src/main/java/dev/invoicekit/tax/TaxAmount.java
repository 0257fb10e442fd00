package dev.invoicekit.tax;

import java.util.Objects;
import org.joda.money.Money;

/**
 * A tax amount for one tax code, as an external tax engine supplies it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param taxCode the group the amount belongs to, not null
 * @param amount the tax of the whole group, at the currency's scale, not null
 */
public record TaxAmount(TaxCode taxCode, Money amount) {

  /** Checks that both parts are present. */
  public TaxAmount {
    Objects.requireNonNull(taxCode, "tax code");
    Objects.requireNonNull(amount, "tax amount");
  }

  /**
   * Returns the tax amount of one group.
   *
   * @param taxCode the group, not null
   * @param amount the tax, not null
   * @return the value, not null
   */
  public static TaxAmount of(TaxCode taxCode, Money amount) {
    return new TaxAmount(taxCode, amount);
  }
}
