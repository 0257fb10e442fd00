package dev.invoicekit.internal;

import java.math.BigDecimal;

/** Decimal helpers shared by the value types. */
public final class Decimals {

  private Decimals() {}

  /**
   * The same number with no trailing zeros and a scale of at least 0, so that {@code 25},
   * {@code 25.0} and {@code 25.00} become one value with one {@code equals} and {@code hashCode}.
   *
   * @param value the number, not null
   * @return the normalized number, not null
   */
  public static BigDecimal normalize(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
