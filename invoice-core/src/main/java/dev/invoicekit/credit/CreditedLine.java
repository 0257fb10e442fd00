package dev.invoicekit.credit;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How much of one invoice line a credit note credits.
 *
 * <p>Immutable and thread-safe.
 *
 * @param lineNumber the invoice line, counted from 1 in the invoice's line order
 * @param quantity the quantity credited, greater than zero, at most what was invoiced minus what
 *     earlier credit notes took
 */
public record CreditedLine(int lineNumber, BigDecimal quantity) {

  /** Checks the parts. */
  public CreditedLine {
    Objects.requireNonNull(quantity, "quantity");
  }
}
