package dev.invoicekit.totals;

import dev.invoicekit.tax.TaxCode;
import java.util.List;
import org.immutables.value.Value;
import org.joda.money.Money;

/**
 * One group of the tax breakdown as a {@link dev.invoicekit.invoice.TaxStrategy} sees it: the tax
 * code, the taxable amount
 * (EN 16931 BT-116) and the signed net amounts it is made of, for strategies that round per line.
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
public abstract class TaxableGroup {

  // Implemented by the generated value class only: hosts build one, they do not subclass.
  TaxableGroup() {}

  /** Builds a group; for a strategy's tests, the calculator makes the real ones. */
  public static class Builder extends ImmutableTaxableGroup.Builder {
    /** An empty builder. */
    public Builder() {}
  }

  /** The tax category and rate of the group. */
  public abstract TaxCode taxCode();

  /** The taxable amount: line nets + charges - allowances - overall discount share. */
  public abstract Money taxableAmount();

  /**
   * The signed net amounts that add up to the taxable amount: each line net, each share of the
   * overall discount (one per line, negative), each document allowance (negative) and charge.
   */
  public abstract List<Money> items();
}
