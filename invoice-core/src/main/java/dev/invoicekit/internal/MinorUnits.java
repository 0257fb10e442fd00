package dev.invoicekit.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact arithmetic on amounts held as {@code long} counts of a currency's minor unit (cents), for
 * the calculator's fast path. Every method either returns the exact (or exactly rounded) result or
 * throws {@link ArithmeticException}, never a wrapped-around value, so a caller can fall back to
 * {@code BigDecimal} on any exception and get the same answer there.
 *
 * <p>Stateless and thread-safe.
 */
public final class MinorUnits {

  private static final long[] POWERS_OF_TEN = new long[19];

  static {
    long power = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = power;
      power *= 10;
    }
  }

  private MinorUnits() {}

  /**
   * 10 to the power {@code exponent}.
   *
   * @param exponent from 0 to 18
   * @return the power
   * @throws ArithmeticException if the power does not fit a {@code long} or the exponent is
   * negative
   */
  public static long pow10(int exponent) {
    if (exponent < 0 || exponent >= POWERS_OF_TEN.length) {
      throw new ArithmeticException("10^" + exponent + " does not fit a long");
    }
    return POWERS_OF_TEN[exponent];
  }

  /**
   * The unscaled value of a decimal: {@code 12.34} gives {@code 1234} (its scale, 2, is read from
   * the decimal itself).
   *
   * @param value the decimal, not null
   * @return the unscaled value
   * @throws ArithmeticException if it does not fit a {@code long}
   */
  public static long unscaled(BigDecimal value) {
    // scaleByPowerOfTen keeps the digits and only moves the point: one small object at most, where
    // unscaledValue() would make a BigInteger.
    return value.scale() == 0
        ? value.longValueExact()
        : value.scaleByPowerOfTen(value.scale()).longValueExact();
  }

  /**
   * {@code numerator / denominator} rounded to a whole number with {@code mode}, exactly as
   * {@code BigDecimal.divide(divisor, 0, mode)} rounds it.
   *
   * @param numerator the dividend
   * @param denominator the divisor, not zero
   * @param mode the rounding mode, not null
   * @return the rounded quotient
   * @throws ArithmeticException on a zero divisor, on overflow, or when {@code mode} is
   *     {@code UNNECESSARY} and the quotient is not whole
   */
  public static long divide(long numerator, long denominator, RoundingMode mode) {
    if (denominator < 0) {
      numerator = Math.negateExact(numerator);
      denominator = Math.negateExact(denominator);
    }
    long quotient = numerator / denominator; // truncated towards zero
    long remainder = numerator % denominator; // same sign as the numerator, |r| < denominator
    if (remainder == 0) {
      return quotient;
    }
    int sign = numerator < 0 ? -1 : 1; // the sign of the exact quotient
    boolean awayFromZero;
    switch (mode) {
      case UP:
        awayFromZero = true;
        break;
      case DOWN:
        awayFromZero = false;
        break;
      case CEILING:
        awayFromZero = sign > 0;
        break;
      case FLOOR:
        awayFromZero = sign < 0;
        break;
      case HALF_UP:
      case HALF_DOWN:
      case HALF_EVEN:
        {
          long below = Math.abs(remainder); // distance to the value truncated towards zero
          long above = denominator - below; // distance to the value away from zero; no overflow
          if (below != above) {
            awayFromZero = below > above;
          } else if (mode == RoundingMode.HALF_UP) {
            awayFromZero = true;
          } else if (mode == RoundingMode.HALF_DOWN) {
            awayFromZero = false;
          } else {
            awayFromZero = (quotient & 1) != 0;
          }
          break;
        }
      default:
        throw new ArithmeticException("Rounding necessary");
    }
    return awayFromZero ? quotient + sign : quotient;
  }

  /**
   * {@code amount x percentage / 100} rounded with {@code mode}, for an amount in minor units and
   * a percentage with any number of decimals.
   *
   * @param amountMinor the amount in minor units
   * @param percentage the percentage, scale 0 or more, not null
   * @param mode the rounding mode, not null
   * @return the rounded result in minor units
   * @throws ArithmeticException on overflow or a negative scale
   */
  public static long percentOf(long amountMinor, BigDecimal percentage, RoundingMode mode) {
    long product = Math.multiplyExact(amountMinor, unscaled(percentage));
    return divide(product, pow10(percentage.scale() + 2), mode);
  }
}
