package dev.invoicekit.credit;

/** One event type per state change of a credit note or of an account's credit ledger. */
public enum CreditEventType {
  /** A credit note was drafted. */
  CREDIT_NOTE_CREATED,
  /** A credit note was issued: numbered, applied to its invoice, its excess allocated. */
  CREDIT_NOTE_ISSUED,
  /** A draft credit note was abandoned. */
  CREDIT_NOTE_CANCELLED,
  /** Account credit was added: an overpayment's or a credit note's excess. */
  ACCOUNT_CREDITED,
  /** Account credit was applied to an open invoice of the account. */
  ACCOUNT_CREDIT_APPLIED,
  /** Account credit was paid back to the customer. */
  ACCOUNT_CREDIT_REFUNDED
}
