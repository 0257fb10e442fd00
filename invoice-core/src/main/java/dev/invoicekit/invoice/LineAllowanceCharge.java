package dev.invoicekit.invoice;

import dev.invoicekit.money.Percentage;
import org.immutables.value.Value;
import org.joda.money.Money;

/**
 * An allowance (discount) or charge on one line, given as an amount or as a percentage. A
 * percentage without a base amount applies to the line amount (quantity x price / base quantity),
 * which is what "10 % off this line" means.
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
public abstract class LineAllowanceCharge extends AllowanceCharge
    implements WithLineAllowanceCharge {

  // Implemented by the generated value class only: hosts build one, they do not subclass.
  LineAllowanceCharge() {}

  /** Builds a line allowance or charge; {@code kind} and an amount or percentage are required. */
  public static class Builder extends ImmutableLineAllowanceCharge.Builder {
    /** An empty builder. */
    public Builder() {}
  }

  /**
   * An allowance of a fixed amount.
   *
   * @param amount the amount subtracted, not null
   * @return the allowance, not null
   */
  public static LineAllowanceCharge allowance(Money amount) {
    return new Builder().kind(Kind.ALLOWANCE).amount(amount).build();
  }

  /**
   * An allowance of a percentage of the line amount.
   *
   * @param percentage the percentage, not null
   * @return the allowance, not null
   */
  public static LineAllowanceCharge allowance(Percentage percentage) {
    return new Builder().kind(Kind.ALLOWANCE).percentage(percentage).build();
  }

  /**
   * A charge of a fixed amount.
   *
   * @param amount the amount added, not null
   * @return the charge, not null
   */
  public static LineAllowanceCharge charge(Money amount) {
    return new Builder().kind(Kind.CHARGE).amount(amount).build();
  }

  /**
   * A charge of a percentage of the line amount.
   *
   * @param percentage the percentage, not null
   * @return the charge, not null
   */
  public static LineAllowanceCharge charge(Percentage percentage) {
    return new Builder().kind(Kind.CHARGE).percentage(percentage).build();
  }

  @Value.Check
  protected void check() {
    checkShape(false);
  }
}
