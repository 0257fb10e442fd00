package dev.invoicekit.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import org.immutables.value.Value;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * Where and how amounts are rounded: the rounding mode, whether tax is rounded per group or per
 * line, and an optional cash-rounding increment for the amount due. Every rounding in the library
 * goes through one of this type's methods, so a policy is the whole story.
 *
 * <p>The default, {@link #en16931()}, reproduces EN 16931: {@link RoundingMode#HALF_UP} (half away
 * from zero), tax once per group, no cash rounding.
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
public abstract class RoundingPolicy implements WithRoundingPolicy {

  // Implemented by the generated value class only: hosts build one, they do not subclass.
  RoundingPolicy() {}

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final RoundingPolicy EN_16931 = new Builder().build();

  /** Builds a policy; unset parts take the EN 16931 defaults. */
  public static class Builder extends ImmutableRoundingPolicy.Builder {
    /** An empty builder. */
    public Builder() {}
  }

  /**
   * The policy of EN 16931: HALF_UP, tax rounded once per (category, rate) group, no cash rounding.
   *
   * @return the default policy, not null
   */
  public static RoundingPolicy en16931() {
    return EN_16931;
  }

  /** The rounding mode used everywhere an exact result must be brought to the currency's scale. */
  @Value.Default
  public RoundingMode mode() {
    return RoundingMode.HALF_UP;
  }

  /** Whether tax is rounded once per group (the default) or per line. */
  @Value.Default
  public TaxRounding taxRounding() {
    return TaxRounding.PER_GROUP;
  }

  /**
   * The smallest coin the amount due is rounded to, such as {@code 1} for whole Swedish kronor or
   * {@code 0.05} for Swiss francs. Empty means no cash rounding.
   */
  public abstract Optional<BigDecimal> cashRoundingIncrement();

  /**
   * Brings an exact amount to the currency's scale.
   *
   * @param exact the exact amount, not null
   * @param currency the currency, not null
   * @return the rounded amount, not null
   */
  public Money round(BigDecimal exact, CurrencyUnit currency) {
    return Money.of(currency, exact, mode());
  }

  /**
   * Computes {@code numerator / divisor} rounded once, straight to the currency's scale, so no
   * intermediate quotient is ever rounded (EN 16931: never round price / base quantity first).
   *
   * @param numerator the dividend, not null
   * @param divisor the divisor, not zero, not null
   * @param currency the currency whose scale the result has, not null
   * @return the rounded quotient, not null
   */
  public Money quotient(BigDecimal numerator, BigDecimal divisor, CurrencyUnit currency) {
    return Money.of(currency, numerator.divide(divisor, currency.getDecimalPlaces(), mode()));
  }

  /**
   * Computes {@code base x percentage / 100}, rounded once to the currency's scale.
   *
   * @param base the base amount, not null
   * @param percentage the percentage, not null
   * @return the rounded amount in the base's currency, not null
   */
  public Money percentOf(Money base, BigDecimal percentage) {
    return quotient(base.getAmount().multiply(percentage), HUNDRED, base.getCurrencyUnit());
  }

  /**
   * The cash-rounding adjustment for an amount due (EN 16931 BT-114): the amount rounded to the
   * increment with this policy's mode, minus the amount. Zero when the policy has no increment.
   *
   * @param amountDue the unrounded amount due, not null
   * @return the adjustment to add, in the same currency, not null
   */
  public Money cashRoundingAdjustment(Money amountDue) {
    if (cashRoundingIncrement().isEmpty()) {
      return Money.zero(amountDue.getCurrencyUnit());
    }
    BigDecimal increment = cashRoundingIncrement().get();
    BigDecimal coins = amountDue.getAmount().divide(increment, 0, mode());
    Money rounded = round(coins.multiply(increment), amountDue.getCurrencyUnit());
    return rounded.minus(amountDue);
  }

  @Value.Check
  protected void check() {
    if (mode() == RoundingMode.UNNECESSARY) {
      throw new IllegalArgumentException(
          "Rounding policy: mode UNNECESSARY cannot round amounts; use HALF_UP (EN 16931) or"
              + " another mode");
    }
    cashRoundingIncrement()
        .ifPresent(
            increment -> {
              if (increment.signum() <= 0) {
                throw new IllegalArgumentException(
                    "Rounding policy: cash rounding increment must be positive, was "
                        + increment.toPlainString());
              }
            });
  }
}
