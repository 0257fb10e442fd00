package dev.invoicekit.invoice;

import dev.invoicekit.tax.TaxAmount;
import dev.invoicekit.totals.TaxableGroup;
import java.util.List;

/**
 * The tax step of the calculation: given an invoice's taxable groups, the tax of each. The built-in
 * {@link #rates()} applies each group's rate; a host can implement this interface to ask an
 * external
 * tax engine instead, and use it through {@link InvoiceCalculator#withTaxStrategy(TaxStrategy)}.
 *
 * <p>The calculator checks what a strategy returns: exactly one amount per group, in the invoice's
 * currency, and zero for categories that carry no tax. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface TaxStrategy {

  /**
   * Computes the tax of each group.
   *
   * @param invoice the content of the invoice being totalled, not null
   * @param groups its taxable groups, ordered by tax code, not null
   * @return one tax amount per group, not null
   */
  List<TaxAmount> taxFor(InvoiceContent invoice, List<TaxableGroup> groups);

  /**
   * The built-in strategy: tax = taxable amount x rate / 100, rounded once per group, or once per
   * item when the invoice's rounding policy says {@code PER_LINE}. Categories that carry no tax get
   * zero.
   *
   * @return the strategy, not null
   */
  static TaxStrategy rates() {
    return RateTaxStrategy.INSTANCE;
  }

  /**
   * Takes the tax amounts the invoice carries in {@link Invoice#externalTaxAmounts()}, as an
   * external tax engine supplied them.
   *
   * @return the strategy, not null
   */
  static TaxStrategy externalAmountsOnInvoice() {
    return (invoice, groups) -> invoice.externalTaxAmounts();
  }
}
