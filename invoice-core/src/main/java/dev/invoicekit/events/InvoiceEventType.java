package dev.invoicekit.events;

/** One event type per transition of the lifecycle. */
public enum InvoiceEventType {
  /** A draft was created, standalone or from an opportunity. */
  CREATED,
  /** A draft's content changed. */
  EDITED,
  /** The invoice was issued and numbered; it is SENT (or PAID if nothing was due). */
  SENT,
  /** A payment was recorded and a balance is left. */
  PAYMENT_RECORDED,
  /** A payment settled the balance. */
  PAID,
  /** Money was given back; the status was recomputed. */
  REFUNDED,
  /** The due date passed with a balance. */
  OVERDUE,
  /** A draft was abandoned. */
  CANCELLED,
  /** A sent invoice was withdrawn. */
  VOIDED,
  /**
   * A credit note was issued against the invoice; the status follows the balance (VOID when it
   * credited the whole total with nothing paid).
   */
  CREDITED,
  /** The balance was written off; the invoice is UNCOLLECTIBLE. */
  WRITTEN_OFF,
  /** Account credit was applied to the invoice; the status follows the balance. */
  CREDIT_APPLIED
}
