package dev.invoicekit.credit;

import java.util.Objects;
import org.joda.money.Money;

/**
 * Where an issued credit note's total went, as Stripe splits it: the part that reduced the
 * invoice's balance, and the excess over that balance, refunded or kept as the account's credit.
 * The parts always add up exactly to the credit note's total.
 *
 * <p>Immutable and thread-safe.
 *
 * @param appliedToInvoice what reduced the invoice's balance, zero or more, not null
 * @param refunded the excess to pay back to the customer, zero or more, not null
 * @param toAccountCredit the excess kept as the account's credit, zero or more, not null
 */
public record CreditAllocation(Money appliedToInvoice, Money refunded, Money toAccountCredit) {

  /**
   * Checks the parts: one currency, none negative.
   *
   * @throws IllegalArgumentException if a part is negative or the currencies differ
   */
  public CreditAllocation {
    Objects.requireNonNull(appliedToInvoice, "appliedToInvoice");
    Objects.requireNonNull(refunded, "refunded");
    Objects.requireNonNull(toAccountCredit, "toAccountCredit");
    if (!appliedToInvoice.getCurrencyUnit().equals(refunded.getCurrencyUnit())
        || !appliedToInvoice.getCurrencyUnit().equals(toAccountCredit.getCurrencyUnit())) {
      throw new IllegalArgumentException("A credit allocation is in one currency, got "
          + appliedToInvoice + ", " + refunded + " and " + toAccountCredit);
    }
    if (appliedToInvoice.isNegative() || refunded.isNegative() || toAccountCredit.isNegative()) {
      throw new IllegalArgumentException("A credit allocation has no negative part, got "
          + appliedToInvoice + ", " + refunded + " and " + toAccountCredit);
    }
  }

  /**
   * The sum of the parts: the credit note's total.
   *
   * @return the total, not null
   */
  public Money total() {
    return appliedToInvoice.plus(refunded).plus(toAccountCredit);
  }

  /**
   * The part beyond the invoice's balance.
   *
   * @return refunded plus account credit, not null
   */
  public Money excess() {
    return refunded.plus(toAccountCredit);
  }
}
