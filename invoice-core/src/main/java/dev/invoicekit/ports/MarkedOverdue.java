package dev.invoicekit.ports;

import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import java.util.Objects;
import org.joda.money.Money;

/**
 * One invoice that {@link Invoices#markOverdue} moved to OVERDUE, as stored after the move: exactly
 * what the OVERDUE event of that invoice carries besides the tenant (which the caller passed) and
 * the status (OVERDUE). A repository returns this rather than the whole invoice so that the sweep
 * reads no lines, payments or content.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the invoice's id
 * @param number the invoice's number (every invoice the sweep moves has been sent, so has one)
 * @param version the version stored by the move: the version before it plus one
 * @param total the invoice's total, unchanged by the move
 * @param amountPaid the amount paid, unchanged by the move
 * @param amountDue the balance due, unchanged by the move; positive, or the invoice would not have
 *     been moved
 */
public record MarkedOverdue(
    InvoiceId id, InvoiceNumber number, long version, Money total, Money amountPaid,
    Money amountDue) {

  /**
   * Checks the values.
   *
   * @throws NullPointerException if a value is null
   * @throws IllegalArgumentException if the version is below 2 (a stored invoice starts at 1 and
   *     the move adds one), the amounts are in different currencies, or nothing is due
   */
  public MarkedOverdue {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(amountPaid, "amountPaid");
    Objects.requireNonNull(amountDue, "amountDue");
    if (version < 2) {
      throw new IllegalArgumentException(
          "Invoice " + id + " marked overdue at version " + version
              + "; the move makes it 2 or more");
    }
    if (!total.getCurrencyUnit().equals(amountPaid.getCurrencyUnit())
        || !total.getCurrencyUnit().equals(amountDue.getCurrencyUnit())) {
      throw new IllegalArgumentException("Invoice " + id + " marked overdue with amounts in "
          + total.getCurrencyUnit() + ", " + amountPaid.getCurrencyUnit() + " and "
          + amountDue.getCurrencyUnit());
    }
    if (!amountDue.isPositive()) {
      throw new IllegalArgumentException(
          "Invoice " + id + " marked overdue with nothing due (" + amountDue + ")");
    }
  }

  /**
   * The result for an invoice as stored after the move, for repositories that hold whole invoices.
   *
   * @param stored the invoice as stored now: OVERDUE, numbered, at its new version, not null
   * @return the result, not null
   * @throws IllegalArgumentException if the invoice is not OVERDUE or has no number
   */
  public static MarkedOverdue of(Invoice stored) {
    if (stored.status() != InvoiceStatus.OVERDUE) {
      throw new IllegalArgumentException(
          "Invoice " + stored.id() + " is " + stored.status() + ", not OVERDUE");
    }
    return new MarkedOverdue(stored.id(),
        stored.number().orElseThrow(() -> new IllegalArgumentException(
            "Invoice " + stored.id() + " is OVERDUE without a number")),
        stored.version(), stored.totals().total(), stored.totals().amountPaid(),
        stored.totals().amountDue());
  }
}
