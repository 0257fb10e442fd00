package dev.invoicekit.jdbc.internal;

/**
 * Stored JSON that this release cannot read: text that is not the JSON {@link Json} writes, a
 * value of the wrong shape for {@link InvoiceCodec}, or data tagged with a newer format version.
 *
 * <p>The message names the position or the field and the problem, never the stored text, which
 * may hold customer data.
 */
public final class MalformedJsonException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the position or field and the problem, without any of the stored text
   */
  public MalformedJsonException(String message) {
    super(message);
  }
}
