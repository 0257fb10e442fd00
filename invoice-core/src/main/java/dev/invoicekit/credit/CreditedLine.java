package dev.invoicekit.credit;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How much of one invoice line a credit note credits.
 *
 * <p>The quantity is kept in one canonical form, without trailing zeros ({@code 1.50} is
 * {@code 1.5}, {@code 1E+2} is {@code 100}), as a line's quantity is, so that equal quantities
 * make equal values wherever they were read from.
 *
 * <p>Immutable and thread-safe.
 *
 * @param lineNumber the invoice line, counted from 1 in the invoice's line order
 * @param quantity the quantity credited, greater than zero, at most what was invoiced minus what
 *     earlier credit notes took
 */
public record CreditedLine(int lineNumber, BigDecimal quantity) {

  /** Integer digits up to which a quantity is written out in full; more stays as given. */
  private static final int CANONICAL_DIGITS = 64;

  /** Checks the parts and brings the quantity to its canonical form. */
  public CreditedLine {
    Objects.requireNonNull(quantity, "quantity");
    quantity = canonical(quantity);
  }

  private static BigDecimal canonical(BigDecimal value) {
    // A huge exponent stays as given: written out, it would cost memory and time; the rules
    // refuse such a quantity anyway.
    if (value.precision() - value.scale() > CANONICAL_DIGITS) {
      return value;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
