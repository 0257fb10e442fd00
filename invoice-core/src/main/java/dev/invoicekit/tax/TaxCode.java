package dev.invoicekit.tax;

import dev.invoicekit.internal.Decimals;
import dev.invoicekit.internal.Inputs;
import dev.invoicekit.internal.Limits;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * A tax category with its rate in percent, such as {@code S 19} or {@code E 0}: the key of one
 * group
 * of the tax breakdown. Rates compare numerically, so {@code S 25}, {@code S 25.0} and
 * {@code S 25.00} are the same code. Category O has no rate.
 *
 * <p>Immutable and thread-safe.
 */
public final class TaxCode implements Comparable<TaxCode> {

  /** Orders codes by category, then by rate: the order of the tax breakdown. */
  private static final Comparator<TaxCode> ORDER =
      Comparator.comparing(TaxCode::category).thenComparing(TaxCode::rate);

  private final TaxCategory category;
  private final BigDecimal rate;

  private TaxCode(TaxCategory category, BigDecimal rate) {
    this.category = category;
    this.rate = rate;
  }

  /**
   * Returns the code for a category and rate.
   *
   * @param category the category, not null
   * @param rate the rate in percent, not null; must be positive for S and B, zero for Z, E, AE, K
   *     and G, zero or more for L and M, and zero for O (which has no rate)
   * @return the code, not null
   * @throws IllegalArgumentException if the rate breaks the category's rule
   */
  public static TaxCode of(TaxCategory category, BigDecimal rate) {
    Objects.requireNonNull(category, "tax category");
    Objects.requireNonNull(rate, "tax rate");
    // Bounded before it is normalized, compared or printed.
    String bound = Inputs.decimalProblem(rate, 3, Limits.TAX_RATE_DECIMALS);
    if (bound != null) {
      throw new IllegalArgumentException("Tax category " + category.name() + ": a rate is 0 to"
          + " 100 % with at most " + Limits.TAX_RATE_DECIMALS + " decimals; it " + bound);
    }
    BigDecimal normalized = Decimals.normalize(rate);
    String problem = null;
    switch (category.rateRule()) {
      case POSITIVE:
        if (normalized.signum() <= 0) {
          problem = "must be greater than 0";
        }
        break;
      case ZERO:
      case NONE:
        if (normalized.signum() != 0) {
          problem = category.hasNoRate() ? "must be absent" : "must be 0";
        }
        break;
      case NON_NEGATIVE:
        if (normalized.signum() < 0) {
          problem = "must not be negative";
        }
        break;
      default:
        throw new AssertionError(category);
    }
    if (problem != null) {
      throw new IllegalArgumentException(
          "Tax category "
              + category.name()
              + " ("
              + category.description()
              + "): the rate "
              + problem
              + ", was "
              + rate.toPlainString()
              + " %");
    }
    if (normalized.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw new IllegalArgumentException(
          "Tax category " + category.name() + ": a rate above 100 % is not a tax rate, was "
              + rate.toPlainString());
    }
    return new TaxCode(category, normalized);
  }

  /**
   * Returns the code for a category and a rate written as text, such as {@code of(S, "19")}.
   *
   * @param category the category, not null
   * @param rate the rate in percent as decimal text, not null
   * @return the code, not null
   * @throws IllegalArgumentException if the rate is not a number or breaks the category's rule
   */
  public static TaxCode of(TaxCategory category, String rate) {
    Objects.requireNonNull(rate, "tax rate");
    String tooLong = Inputs.decimalTextProblem(rate);
    if (tooLong != null) {
      throw new IllegalArgumentException("Tax rate is not a number: the text " + tooLong);
    }
    try {
      return of(category, new BigDecimal(rate.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Tax rate is not a number: '" + rate + "'", e);
    }
  }

  /**
   * The standard rate (category S).
   *
   * @param rate the rate in percent, greater than 0, as decimal text, not null
   * @return the code, not null
   */
  public static TaxCode standard(String rate) {
    return of(TaxCategory.S, rate);
  }

  /**
   * A category that carries no tax and has rate 0 (Z, E, AE, K, G) or no rate (O).
   *
   * @param category a category whose rate is 0 or absent, not null
   * @return the code, not null
   * @throws IllegalArgumentException if the category takes a rate above zero
   */
  public static TaxCode untaxed(TaxCategory category) {
    return of(category, BigDecimal.ZERO);
  }

  /**
   * Parses the text {@link #toString()} writes, such as {@code "S 19"}, {@code "AE 0"} or
   * {@code "O"}.
   *
   * @param text the text, not null
   * @return the code, not null
   * @throws IllegalArgumentException if the text names no category or a rate that breaks its rule
   */
  public static TaxCode parse(String text) {
    Objects.requireNonNull(text, "tax code");
    if (text.length() > Limits.DECIMAL_TEXT_LENGTH) {
      throw new IllegalArgumentException("Not a tax code (expected e.g. 'S 19'): the text is "
          + text.length() + " characters long");
    }
    String[] parts = text.trim().split("\\s+");
    if (parts.length < 1 || parts.length > 2) {
      throw new IllegalArgumentException("Not a tax code (expected e.g. 'S 19'): '" + text + "'");
    }
    TaxCategory category;
    try {
      category = TaxCategory.valueOf(parts[0]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Unknown tax category in '" + text + "'", e);
    }
    return parts.length == 1 ? of(category, BigDecimal.ZERO) : of(category, parts[1]);
  }

  /** The category, not null. */
  public TaxCategory category() {
    return category;
  }

  /** The rate in percent without trailing zeros; zero for categories that carry no tax. */
  public BigDecimal rate() {
    return rate;
  }

  /**
   * The rate, or empty for category O, which has none.
   *
   * @return the rate if the category has one, not null
   */
  public Optional<BigDecimal> declaredRate() {
    return category.hasNoRate() ? Optional.empty() : Optional.of(rate);
  }

  /** True if amounts under this code never carry tax. */
  public boolean carriesNoTax() {
    return category.carriesNoTax();
  }

  @Override
  public int compareTo(TaxCode other) {
    return ORDER.compare(this, other);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TaxCode
        && ((TaxCode) other).category == category
        && ((TaxCode) other).rate.equals(rate);
  }

  @Override
  public int hashCode() {
    return category.hashCode() * 31 + rate.hashCode();
  }

  /** Such as {@code S 19}, {@code AE 0} or {@code O}; {@link #parse(String)} reads it back. */
  @Override
  public String toString() {
    return category.hasNoRate() ? category.name() : category.name() + " " + rate.toPlainString();
  }
}
