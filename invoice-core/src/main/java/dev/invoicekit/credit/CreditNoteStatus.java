package dev.invoicekit.credit;

/** The status of a credit note. */
public enum CreditNoteStatus {
  /** Being prepared; it has no number and has not touched the invoice. */
  DRAFT,
  /** Numbered from its series, applied to the invoice, content frozen. Final. */
  ISSUED,
  /** A draft abandoned before issuing; it keeps no number. Final. */
  CANCELLED
}
