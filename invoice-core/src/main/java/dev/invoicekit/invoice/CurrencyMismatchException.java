package dev.invoicekit.invoice;

import org.joda.money.CurrencyUnit;

/**
 * Thrown when an amount is in another currency than the invoice: an invoice has exactly one
 * currency. Carries both currencies, like Joda-Money's exception of the same name.
 */
public class CurrencyMismatchException extends InvalidInvoiceException {

  private static final long serialVersionUID = 1L;

  private final String where;
  private final String reference;
  private final transient CurrencyUnit expected;
  private final transient CurrencyUnit actual;

  /**
   * Creates the exception.
   *
   * @param invoiceId the invoice, or null when the amounts are in a part built on its own
   * @param where the amount that is wrong, such as "line 2 (Consulting) unit price", not null
   * @param expected the invoice's currency, not null
   * @param actual the currency found, not null
   */
  public CurrencyMismatchException(
      InvoiceId invoiceId, String where, CurrencyUnit expected, CurrencyUnit actual) {
    this(invoiceId, where, "the invoice", expected, actual);
  }

  /**
   * Creates the exception for an amount that disagrees with something other than the invoice, such
   * as a line allowance in another currency than its line's price.
   *
   * @param invoiceId the invoice, or null when the amounts are in a part built on its own
   * @param where the amount that is wrong, not null
   * @param reference what sets the currency, such as "the line's unit price", not null
   * @param expected the currency of the reference, not null
   * @param actual the currency found, not null
   */
  public CurrencyMismatchException(
      InvoiceId invoiceId,
      String where,
      String reference,
      CurrencyUnit expected,
      CurrencyUnit actual) {
    super(
        invoiceId,
        where
            + " is in "
            + actual
            + " but "
            + reference
            + " is in "
            + expected
            + "; an invoice has one currency, so give every amount in "
            + expected);
    this.where = where;
    this.reference = reference;
    this.expected = expected;
    this.actual = actual;
  }

  /** The invoice's currency. @return the currency, not null */
  public CurrencyUnit expected() {
    return expected;
  }

  /** The currency found where the invoice's was expected. @return the currency, not null */
  public CurrencyUnit actual() {
    return actual;
  }

  @Override
  CurrencyMismatchException forInvoice(InvoiceId invoice) {
    if (invoiceId().isPresent()) {
      return this;
    }
    CurrencyMismatchException named =
        new CurrencyMismatchException(invoice, where, reference, expected, actual);
    named.setStackTrace(getStackTrace());
    return named;
  }
}
