package dev.invoicekit.invoice;

/**
 * The status of an invoice, as the product names it. Which transitions are allowed is the
 * lifecycle's business, not this enum's.
 */
public enum InvoiceStatus {
  /** Being prepared; the only status in which content may change. */
  DRAFT,
  /** Issued to the customer, numbered, content frozen, nothing paid yet. */
  SENT,
  /** Some of the total paid, a balance left, not past due. */
  PARTIALLY_PAID,
  /** Nothing left to pay. Final unless a payment is refunded. */
  PAID,
  /** A balance left after the due date. */
  OVERDUE,
  /** A draft abandoned before sending. Final. */
  CANCELLED,
  /** A sent invoice withdrawn with nothing paid, or fully credited with nothing paid. Final. */
  VOID,
  /**
   * The balance was written off as uncollectible. A later payment takes the write-off back and
   * leaves it PARTIALLY_PAID (OVERDUE if past due) or PAID.
   */
  UNCOLLECTIBLE;

  /**
   * True for CANCELLED and VOID, after which nothing may happen.
   *
   * @return whether the status is final
   */
  public boolean isFinal() {
    return this == CANCELLED || this == VOID;
  }
}
