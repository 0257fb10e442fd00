package dev.invoicekit.totals;

import dev.invoicekit.tax.TaxCode;
import java.util.Optional;
import org.immutables.value.Value;
import org.joda.money.Money;

/**
 * The amounts of one line, in the line's position on the invoice.
 *
 * <p>For an invoice whose prices include tax, {@link #lineAmount()}, {@link #allowanceAmount()} and
 * {@link #chargeAmount()} are gross (as the prices are), {@link #grossAmount()} is present, and
 * {@link #netAmount()} is the net derived from it.
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
public abstract class LineTotals {

  // Implemented by the generated value class only: hosts build one, they do not subclass.
  LineTotals() {}

  /** Builds line totals; the calculator makes the real ones. */
  public static class Builder extends ImmutableLineTotals.Builder {
    /** An empty builder. */
    public Builder() {}
  }

  /** The line's tax code. */
  /**
   * The totals of one line.
   *
   * @param taxCode the line's tax code, not null
   * @param lineAmount quantity x price / base quantity, rounded, not null
   * @param allowanceAmount the sum of the line's allowances, not null
   * @param chargeAmount the sum of the line's charges, not null
   * @param netAmount the line's net amount, not null
   * @param grossAmount the line's gross amount when prices include tax, or empty
   * @return the line totals, not null
   */
  public static LineTotals of(TaxCode taxCode, Money lineAmount, Money allowanceAmount,
      Money chargeAmount, Money netAmount, Optional<? extends Money> grossAmount) {
    return ImmutableLineTotals.of(
        taxCode, lineAmount, allowanceAmount, chargeAmount, netAmount, grossAmount);
  }

  @Value.Parameter
  public abstract TaxCode taxCode();

  /** quantity x unit price / base quantity, rounded once to the currency's scale. */
  @Value.Parameter
  public abstract Money lineAmount();

  /** The sum of the line's allowances, each rounded on its own. */
  @Value.Parameter
  public abstract Money allowanceAmount();

  /** The sum of the line's charges, each rounded on its own. */
  @Value.Parameter
  public abstract Money chargeAmount();

  /** The line net amount (EN 16931 BT-131). */
  @Value.Parameter
  public abstract Money netAmount();

  /** The line amount including tax, when the invoice's prices include tax. */
  @Value.Parameter
  public abstract Optional<Money> grossAmount();
}
