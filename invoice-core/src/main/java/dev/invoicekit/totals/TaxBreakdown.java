package dev.invoicekit.totals;

import dev.invoicekit.tax.TaxCode;
import org.immutables.value.Value;
import org.joda.money.Money;

/**
 * One group of the tax breakdown (EN 16931 BG-23): a tax code with its taxable amount and tax.
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
public abstract class TaxBreakdown {

  // Implemented by the generated value class only: hosts build one, they do not subclass.
  TaxBreakdown() {}

  /** Builds a breakdown group; the calculator makes the real ones. */
  public static class Builder extends ImmutableTaxBreakdown.Builder {
    /** An empty builder. */
    public Builder() {}
  }

  /** The tax category and rate (BT-118, BT-119). */
  /**
   * One group of the breakdown.
   *
   * @param taxCode the group's tax code, not null
   * @param taxableAmount the group's taxable amount, not null
   * @param taxAmount the group's tax, not null
   * @param overallDiscountShare the group's share of the overall discount, not null
   * @return the group, not null
   */
  public static TaxBreakdown of(
      TaxCode taxCode, Money taxableAmount, Money taxAmount, Money overallDiscountShare) {
    return ImmutableTaxBreakdown.of(taxCode, taxableAmount, taxAmount, overallDiscountShare);
  }

  @Value.Parameter
  public abstract TaxCode taxCode();

  /** The taxable amount (BT-116): an exact sum, never rounded. */
  @Value.Parameter
  public abstract Money taxableAmount();

  /** The tax (BT-117). */
  @Value.Parameter
  public abstract Money taxAmount();

  /** The part of the overall discount this group carries (net); zero without one. */
  @Value.Parameter
  public abstract Money overallDiscountShare();
}
