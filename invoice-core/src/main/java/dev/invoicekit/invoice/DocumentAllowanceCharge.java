package dev.invoicekit.invoice;

import dev.invoicekit.money.Percentage;
import dev.invoicekit.tax.TaxCode;
import org.immutables.value.Value;
import org.joda.money.Money;

/**
 * An allowance or charge on the whole invoice (EN 16931 BG-20, BG-21), such as freight or an early
 * settlement discount. It carries its own tax code and counts in that group of the tax breakdown,
 * not in the lines'. A percentage needs the base amount it applies to.
 *
 * <p>For the product's single "overall discount" split across the tax groups, see
 * {@link OverallDiscount}.
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
public abstract class DocumentAllowanceCharge extends AllowanceCharge
    implements WithDocumentAllowanceCharge {

  // Implemented by the generated value class only: hosts build one, they do not subclass.
  DocumentAllowanceCharge() {}

  /** Builds a document allowance or charge; kind, tax code and an amount are required. */
  public static class Builder extends ImmutableDocumentAllowanceCharge.Builder {
    /** An empty builder. */
    public Builder() {}
  }

  /** The tax category and rate of the group this amount belongs to. */
  public abstract TaxCode taxCode();

  /**
   * An allowance of a fixed amount.
   *
   * @param amount the amount subtracted, not null
   * @param taxCode the tax group it belongs to, not null
   * @return the allowance, not null
   */
  public static DocumentAllowanceCharge allowance(Money amount, TaxCode taxCode) {
    return new Builder().kind(Kind.ALLOWANCE).amount(amount).taxCode(taxCode).build();
  }

  /**
   * An allowance of a percentage of a base amount.
   *
   * @param percentage the percentage, not null
   * @param baseAmount the amount it applies to, not null
   * @param taxCode the tax group it belongs to, not null
   * @return the allowance, not null
   */
  public static DocumentAllowanceCharge allowance(
      Percentage percentage, Money baseAmount, TaxCode taxCode) {
    return new Builder()
        .kind(Kind.ALLOWANCE)
        .percentage(percentage)
        .baseAmount(baseAmount)
        .taxCode(taxCode)
        .build();
  }

  /**
   * A charge of a fixed amount.
   *
   * @param amount the amount added, not null
   * @param taxCode the tax group it belongs to, not null
   * @return the charge, not null
   */
  public static DocumentAllowanceCharge charge(Money amount, TaxCode taxCode) {
    return new Builder().kind(Kind.CHARGE).amount(amount).taxCode(taxCode).build();
  }

  /**
   * A charge of a percentage of a base amount.
   *
   * @param percentage the percentage, not null
   * @param baseAmount the amount it applies to, not null
   * @param taxCode the tax group it belongs to, not null
   * @return the charge, not null
   */
  public static DocumentAllowanceCharge charge(
      Percentage percentage, Money baseAmount, TaxCode taxCode) {
    return new Builder()
        .kind(Kind.CHARGE)
        .percentage(percentage)
        .baseAmount(baseAmount)
        .taxCode(taxCode)
        .build();
  }

  @Value.Check
  protected void check() {
    checkShape(true);
  }
}
