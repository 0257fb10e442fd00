package dev.invoicekit.ports;

import dev.invoicekit.numbering.NumberSeries;

/**
 * Hands out invoice sequence numbers per series (tenant + pattern prefix + period). The default
 * kind is gapless: the counter moves inside the sending transaction, so a rolled-back send gives
 * its number back. A host whose law asks only for uniqueness may use a faster kind that allows
 * gaps.
 *
 * <p>Implementations must be thread-safe and take part in the service's {@link Transactions}.
 */
@FunctionalInterface
public interface InvoiceNumbering {

  /**
   * The next sequence number of a series: 1 for a new series, then 2, 3, ...
   *
   * @param series the series, not null
   * @return the sequence number, at least 1
   */
  long next(NumberSeries series);
}
