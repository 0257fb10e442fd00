package dev.invoicekit.jdbc.internal;

import dev.invoicekit.invoice.InputLimits;
import dev.invoicekit.invoice.InvalidInvoiceException;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.Payment;
import java.math.BigDecimal;
import org.joda.money.Money;

/**
 * Checks, before any write, that every value fits its column (a second line behind
 * {@link InputLimits}, which the values already enforce), so that a too-long description or a
 * quantity with too many decimals is refused with a clear message instead of failing half-way
 * through a transaction or being truncated by a lenient database.
 */
public final class ColumnLimits {

  public static final int DESCRIPTION = InputLimits.DESCRIPTION_LENGTH;
  public static final int PAYMENT_METHOD = InputLimits.PAYMENT_METHOD_LENGTH;
  public static final int PAYMENT_REFERENCE = InputLimits.PAYMENT_REFERENCE_LENGTH;
  /** {@code ik_outbox.last_error}: why the last delivery failed. */
  public static final int OUTBOX_LAST_ERROR = 1000;

  private ColumnLimits() {}

  /**
   * Refuses an invoice with a value that does not fit its column.
   *
   * @param invoice the invoice about to be written
   * @throws InvalidInvoiceException naming the value, its limit and where it is
   */
  public static void check(Invoice invoice) {
    money(invoice, "the total", invoice.totals().total());
    money(invoice, "the amount paid", invoice.totals().amountPaid());
    money(invoice, "the amount due", invoice.totals().amountDue());
    // The message of a failure is made only on failure: this runs on every save.
    for (int i = 0; i < invoice.lines().size(); i++) {
      LineItem line = invoice.lines().get(i);
      if (!fits(line.description(), DESCRIPTION)
          || !fits(line.quantity(), 16, 6)
          || !fits(line.baseQuantity(), 16, 6)
          || !fits(line.unitPrice().getAmount(), 18, 10)
          || !fits(line.taxCode().rate(), 5, 4)) {
        String where = "line " + (i + 1);
        text(invoice, where + " description", line.description(), DESCRIPTION);
        decimal(invoice, where + " quantity", line.quantity(), 16, 6);
        decimal(invoice, where + " base quantity", line.baseQuantity(), 16, 6);
        decimal(invoice, where + " unit price", line.unitPrice().getAmount(), 18, 10);
        decimal(invoice, where + " tax rate", line.taxCode().rate(), 5, 4);
      }
    }
    for (Payment payment : invoice.payments()) {
      String where = "payment " + payment.id();
      money(invoice, where + " amount", payment.amount());
      payment.method().ifPresent(m -> text(invoice, where + " method", m, PAYMENT_METHOD));
      payment.reference()
          .ifPresent(r -> text(invoice, where + " reference", r, PAYMENT_REFERENCE));
    }
  }

  /** Lengths in code points, as PostgreSQL and MariaDB count them (H2's columns are twice as wide).
   * */
  private static boolean fits(String value, int max) {
    return value.length() <= max || value.codePointCount(0, value.length()) <= max;
  }

  /** As {@link #decimal}, without allocating when the value's own scale already fits. */
  private static boolean fits(BigDecimal value, int integerDigits, int scale) {
    if (value.scale() < 0 || value.scale() > scale) {
      // Trailing zeros may be what makes the scale too large, or the scale is negative.
      BigDecimal stripped = value.stripTrailingZeros();
      return stripped.scale() <= scale && stripped.precision() - stripped.scale() <= integerDigits;
    }
    // Stripping trailing zeros lowers precision and scale alike: the integer digits are the same.
    return value.precision() - value.scale() <= integerDigits;
  }

  private static void text(Invoice invoice, String where, String value, int max) {
    if (!fits(value, max)) {
      throw new InvalidInvoiceException(invoice.id(), where + " has "
          + value.codePointCount(0, value.length())
          + " characters, more than the " + max + " the database stores; shorten it");
    }
  }

  private static void money(Invoice invoice, String where, Money amount) {
    decimal(invoice, where, amount.getAmount(), 15, 4);
  }

  private static void decimal(
      Invoice invoice, String where, BigDecimal value, int integerDigits, int scale) {
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() > scale) {
      throw new InvalidInvoiceException(invoice.id(), where + " " + value.toPlainString()
          + " has more than " + scale + " decimals, which the database does not store; round it");
    }
    if (stripped.precision() - stripped.scale() > integerDigits) {
      throw new InvalidInvoiceException(invoice.id(), where + " " + value.toPlainString()
          + " has more than " + integerDigits + " digits before the decimal point, which the"
          + " database does not store");
    }
  }
}
