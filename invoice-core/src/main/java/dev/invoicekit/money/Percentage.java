package dev.invoicekit.money;

import dev.invoicekit.internal.Decimals;
import dev.invoicekit.internal.Inputs;
import dev.invoicekit.internal.Limits;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A percentage between 0 and 100 inclusive, such as a discount or an allowance rate. Kept exact:
 * {@code 12.5} stays {@code 12.5}. Equal when numerically equal ({@code 10} equals {@code 10.00}).
 *
 * <p>Immutable and thread-safe.
 */
public final class Percentage implements Comparable<Percentage> {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /** Zero percent. */
  public static final Percentage ZERO = new Percentage(BigDecimal.ZERO);

  /** One hundred percent. */
  public static final Percentage HUNDRED_PERCENT = new Percentage(HUNDRED);

  private final BigDecimal value;

  private Percentage(BigDecimal value) {
    this.value = value;
  }

  /**
   * Returns the percentage with the given value.
   *
   * @param value the value in percent, between 0 and 100 inclusive, not null
   * @return the percentage, not null
   * @throws IllegalArgumentException if the value is outside 0..100
   */
  public static Percentage of(BigDecimal value) {
    Objects.requireNonNull(value, "percentage");
    // Bounded before it is printed or normalized: 1E+100000000 or 1E-999999999 cost nothing here.
    String digits = Inputs.decimalProblem(value, 20, Limits.PERCENTAGE_DECIMALS);
    if (digits != null) {
      throw new IllegalArgumentException("A percentage must be between 0 and 100 with at most "
          + Limits.PERCENTAGE_DECIMALS + " decimals; it " + digits);
    }
    if (value.signum() < 0 || value.compareTo(HUNDRED) > 0) {
      throw new IllegalArgumentException(
          "A percentage must be between 0 and 100, was " + value.toPlainString());
    }
    return new Percentage(Decimals.normalize(value));
  }

  /**
   * Parses a percentage such as {@code "12.5"}, the inverse of {@link #toString()}.
   *
   * @param value the decimal text, not null
   * @return the percentage, not null
   * @throws IllegalArgumentException if the text is not a number between 0 and 100
   */
  public static Percentage parse(String value) {
    Objects.requireNonNull(value, "percentage");
    String tooLong = Inputs.decimalTextProblem(value);
    if (tooLong != null) {
      throw new IllegalArgumentException("Not a percentage: the text " + tooLong);
    }
    try {
      return of(new BigDecimal(value.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Not a percentage: '" + value + "'", e);
    }
  }

  /** The value in percent, without trailing zeros, not null. */
  public BigDecimal value() {
    return value;
  }

  /** True for 0 %. */
  public boolean isZero() {
    return value.signum() == 0;
  }

  @Override
  public int compareTo(Percentage other) {
    return value.compareTo(other.value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Percentage && ((Percentage) other).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** The value as plain decimal text, such as {@code 12.5}; {@link #parse(String)} reads it back.
   * */
  @Override
  public String toString() {
    return value.toPlainString();
  }
}
