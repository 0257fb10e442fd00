package dev.invoicekit.jdbc.internal;

import dev.invoicekit.credit.AccountCreditEntry;
import dev.invoicekit.credit.CreditNote;
import dev.invoicekit.credit.CreditedLine;
import dev.invoicekit.invoice.InputLimits;
import dev.invoicekit.invoice.InvalidInvoiceException;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.Settlement;
import java.math.BigDecimal;
import java.util.List;
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
  public static final int ID = InputLimits.ID_LENGTH;
  /** Reasons of settlements, credit notes and ledger entries. */
  public static final int REASON = InputLimits.REASON_LENGTH;
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
    Refusal refusal = problem -> new InvalidInvoiceException(invoice.id(), problem);
    money(refusal, "the total", invoice.totals().total());
    money(refusal, "the amount paid", invoice.totals().amountPaid());
    money(refusal, "the amount due", invoice.totals().amountDue());
    lines(refusal, invoice.lines());
    for (Payment payment : invoice.payments()) {
      String where = "payment " + payment.id();
      money(refusal, where + " amount", payment.amount());
      payment.method().ifPresent(m -> text(refusal, where + " method", m, PAYMENT_METHOD));
      payment.reference()
          .ifPresent(r -> text(refusal, where + " reference", r, PAYMENT_REFERENCE));
    }
    for (Settlement settlement : invoice.settlements()) {
      String where = "settlement " + settlement.id();
      money(refusal, where + " amount", settlement.amount());
      settlement.reference().ifPresent(r -> text(refusal, where + " reference", r, ID));
      settlement.reason().ifPresent(r -> text(refusal, where + " reason", r, REASON));
    }
  }

  /**
   * Refuses a credit note with a value that does not fit its column.
   *
   * @param note the credit note about to be written
   * @throws InvalidInvoiceException naming the value, its limit and where it is
   */
  public static void check(CreditNote note) {
    Refusal refusal =
        problem -> new InvalidInvoiceException("Credit note " + note.id() + ": " + problem);
    text(refusal, "the reason", note.reason(), REASON);
    money(refusal, "the total", note.total());
    lines(refusal, note.content().lines());
    for (CreditedLine line : note.creditedLines()) {
      decimal(refusal, "the quantity credited of invoice line " + line.lineNumber(),
          line.quantity(), 16, 6);
    }
  }

  /**
   * Refuses a ledger entry with a value that does not fit its column.
   *
   * @param entry the entry about to be written
   * @throws InvalidInvoiceException naming the value, its limit and where it is
   */
  public static void check(AccountCreditEntry entry) {
    Refusal refusal = problem ->
        new InvalidInvoiceException("Account credit entry " + entry.id() + ": " + problem);
    money(refusal, "the amount", entry.amount());
    entry.reason().ifPresent(r -> text(refusal, "the reason", r, REASON));
  }

  /** Makes the refusal of one document, from the problem. */
  @FunctionalInterface
  private interface Refusal {
    InvalidInvoiceException of(String problem);
  }

  private static void lines(Refusal refusal, List<LineItem> lines) {
    // The message of a failure is made only on failure: this runs on every save.
    for (int i = 0; i < lines.size(); i++) {
      LineItem line = lines.get(i);
      if (!fits(line.description(), DESCRIPTION)
          || !fits(line.quantity(), 16, 6)
          || !fits(line.baseQuantity(), 16, 6)
          || !fits(line.unitPrice().getAmount(), 18, 10)
          || !fits(line.taxCode().rate(), 5, 4)) {
        String where = "line " + (i + 1);
        text(refusal, where + " description", line.description(), DESCRIPTION);
        decimal(refusal, where + " quantity", line.quantity(), 16, 6);
        decimal(refusal, where + " base quantity", line.baseQuantity(), 16, 6);
        decimal(refusal, where + " unit price", line.unitPrice().getAmount(), 18, 10);
        decimal(refusal, where + " tax rate", line.taxCode().rate(), 5, 4);
      }
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

  private static void text(Refusal refusal, String where, String value, int max) {
    if (!fits(value, max)) {
      throw refusal.of(where + " has "
          + value.codePointCount(0, value.length())
          + " characters, more than the " + max + " the database stores; shorten it");
    }
  }

  private static void money(Refusal refusal, String where, Money amount) {
    decimal(refusal, where, amount.getAmount(), 15, 4);
  }

  private static void decimal(
      Refusal refusal, String where, BigDecimal value, int integerDigits, int scale) {
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() > scale) {
      throw refusal.of(where + " " + value.toPlainString()
          + " has more than " + scale + " decimals, which the database does not store; round it");
    }
    if (stripped.precision() - stripped.scale() > integerDigits) {
      throw refusal.of(where + " " + value.toPlainString()
          + " has more than " + integerDigits + " digits before the decimal point, which the"
          + " database does not store");
    }
  }
}
