package dev.invoicekit.totals;

import dev.invoicekit.invoice.Invoice;
import java.util.Objects;

/**
 * Turns an invoice into its {@link InvoiceTotals}, following EN 16931 to the letter under the
 * invoice's rounding policy:
 *
 * <ol>
 *   <li>each line amount is {@code quantity x price / base quantity}, rounded once; each allowance
 *       or charge from a percentage is rounded on its own; the line net is their exact sum;
 *   <li>the overall discount is a percentage of the subtotal (rounded once) or a fixed amount, and
 *       is split across the tax groups in proportion to their line nets, largest remainder first;
 *   <li>each (category, rate) group's taxable amount is an exact sum; its tax is rounded once per
 *       group (or per item, if the policy says so) by the {@link TaxStrategy};
 *   <li>every document total is an exact sum or difference of those rounded amounts.
 * </ol>
 *
 * <p>When the invoice's prices include tax, each group's gross amount is computed first, the tax is
 * taken out of it once ({@code gross x rate / (100 + rate)}, rounded), and the net is spread back
 * over the group's lines, allowances and charges so that nets and tax add up to the gross exactly.
 *
 * <p>Immutable and thread-safe.
 */
public final class InvoiceCalculator {

  private static final InvoiceCalculator STANDARD = new InvoiceCalculator(null);

  /** The strategy, or null to choose per invoice (external amounts if it has any, else rates). */
  private final TaxStrategy taxStrategy;

  private InvoiceCalculator(TaxStrategy taxStrategy) {
    this.taxStrategy = taxStrategy;
  }

  /**
   * The calculator {@link Invoice#totals()} uses: tax from the amounts an external engine put on
   * the
   * invoice when it has any, otherwise from the rates.
   *
   * @return the calculator, not null
   */
  public static InvoiceCalculator standard() {
    return STANDARD;
  }

  /**
   * A calculator whose tax step is the given strategy, such as a host's external tax engine.
   *
   * @param taxStrategy the strategy, not null
   * @return the calculator, not null
   */
  public static InvoiceCalculator withTaxStrategy(TaxStrategy taxStrategy) {
    return new InvoiceCalculator(Objects.requireNonNull(taxStrategy, "taxStrategy"));
  }

  /**
   * Computes the totals of an invoice.
   *
   * @param invoice the invoice, not null
   * @return the totals, not null
   * @throws dev.invoicekit.invoice.InvalidInvoiceException if the content cannot be totalled: a
   *     fixed discount above the subtotal, tax-inclusive prices with an external tax strategy, or a
   *     strategy whose amounts do not match the groups
   */
  public InvoiceTotals calculate(Invoice invoice) {
    Objects.requireNonNull(invoice, "invoice");
    TaxStrategy strategy = taxStrategy;
    if (strategy == null) {
      strategy =
          invoice.externalTaxAmounts().isEmpty()
              ? TaxStrategy.rates()
              : TaxStrategy.externalAmountsOnInvoice();
    }
    if (strategy == RateTaxStrategy.INSTANCE) {
      // The common case, in long minor units; null when only the reference can be sure.
      InvoiceTotals fast = MinorUnitCalculation.calculate(invoice);
      if (fast != null) {
        return fast;
      }
    }
    return new Calculation(invoice, strategy).run();
  }
}
