package dev.invoicekit.totals;

import java.util.List;
import org.immutables.value.Value;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * Every total of an invoice, named after its EN 16931 business term. All amounts are in the
 * invoice's currency at its scale, and the document totals are exact sums of rounded parts:
 *
 * <pre>
 * subtotal          = sum of line nets                          (BT-106)
 * totalWithoutTax   = subtotal - allowanceTotal + chargeTotal   (BT-109)
 * taxTotal          = sum of the breakdown's tax                (BT-110)
 * total             = totalWithoutTax + taxTotal                (BT-112)
 * amountDue         = total - amountPaid - amountCredited
 *                     - accountCreditApplied - amountWrittenOff
 *                     + roundingAmount                           (BT-115)
 * </pre>
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
public abstract class InvoiceTotals implements WithInvoiceTotals {

  // Implemented by the generated value class only: hosts build one, they do not subclass.
  InvoiceTotals() {}

  /** Builds totals; the calculator makes the real ones. */
  public static class Builder extends ImmutableInvoiceTotals.Builder {
    /** An empty builder. */
    public Builder() {}
  }

  /** The currency of every amount. */
  public abstract CurrencyUnit currency();

  /** Per-line amounts, in the invoice's line order. */
  public abstract List<LineTotals> lines();

  /** The sum of line net amounts (BT-106). */
  public abstract Money subtotal();

  /**
   * The net amount of each document allowance and charge, in the invoice's order, as a positive
   * amount for the usual case (an allowance is subtracted, a charge added).
   */
  public abstract List<Money> documentAllowanceChargeAmounts();

  /** The overall discount (net), the sum of the breakdown's shares; zero without one. */
  public abstract Money overallDiscount();

  /** The sum of document allowances, the overall discount included (BT-107). */
  public abstract Money allowanceTotal();

  /** The sum of document charges (BT-108). */
  public abstract Money chargeTotal();

  /** The total without tax (BT-109). */
  public abstract Money totalWithoutTax();

  /** One group per (tax category, rate), ordered by category then rate. */
  public abstract List<TaxBreakdown> taxBreakdown();

  /** The total tax (BT-110). */
  public abstract Money taxTotal();

  /** The total with tax (BT-112). */
  public abstract Money total();

  /** Prepaid amount plus recorded payments minus refunds (BT-113). */
  public abstract Money amountPaid();

  /**
   * What credit notes took off the balance (their parts applied to this invoice); zero without
   * one.
   */
  @Value.Default
  public Money amountCredited() {
    return Money.zero(currency());
  }

  /** Account credit applied to this invoice; zero without any. */
  @Value.Default
  public Money accountCreditApplied() {
    return Money.zero(currency());
  }

  /** What is written off as uncollectible now (write-offs minus their reversals); zero if none. */
  @Value.Default
  public Money amountWrittenOff() {
    return Money.zero(currency());
  }

  /** The rounding amount (BT-114): given, or from the policy's cash rounding, or zero. */
  public abstract Money roundingAmount();

  /** What is left to pay (BT-115): the balance due. */
  public abstract Money amountDue();
}
