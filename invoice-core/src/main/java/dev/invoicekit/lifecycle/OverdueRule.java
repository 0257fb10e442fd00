package dev.invoicekit.lifecycle;

import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceStatus;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.joda.money.Money;

/**
 * The lifecycle's overdue rule as of one business date, as data: an invoice stored in one of
 * {@link #from()} whose effective due date is before {@link #asOf()} and whose amount due is
 * positive becomes {@link #to()}. {@link InvoiceLifecycle} decides with it ({@code markOverdue},
 * {@code statusAsOf}, {@code isPastDue}), and a repository's set-based write applies it: an
 * implementation that holds invoices asks {@link #appliesTo(Invoice)}, one that writes SQL binds
 * {@link #from()} and {@link #asOf()} and writes the guard as {@code due_date < asOf AND
 * amount_due > 0}. Made only by {@link InvoiceLifecycle#overdueRule(LocalDate)}, so every rule is
 * the lifecycle's.
 *
 * <p>Immutable and thread-safe.
 */
public final class OverdueRule {

  private final Set<InvoiceStatus> from;
  private final LocalDate asOf;

  /** The lifecycle passes its own unmodifiable table entry; nothing copies it. */
  OverdueRule(Set<InvoiceStatus> from, LocalDate asOf) {
    this.from = from;
    this.asOf = Objects.requireNonNull(asOf, "asOf");
  }

  /**
   * The statuses the rule moves from: those from which the lifecycle's table allows
   * {@link Action#MARK_OVERDUE}.
   *
   * @return the statuses, unmodifiable, not empty, not null
   */
  public Set<InvoiceStatus> from() {
    return from;
  }

  /**
   * The status the rule moves to.
   *
   * @return {@link InvoiceStatus#OVERDUE}
   */
  public InvoiceStatus to() {
    return InvoiceStatus.OVERDUE;
  }

  /**
   * The business date the rule is taken as of: a due date before it has passed.
   *
   * @return the date, not null
   */
  public LocalDate asOf() {
    return asOf;
  }

  /**
   * The rule's guard on the values a row holds: a due date before {@link #asOf()} and a positive
   * amount due. No due date is never past due.
   *
   * @param dueDate the effective due date, not null (empty for none)
   * @param amountDue the amount due, not null
   * @return true if the guard holds
   */
  public boolean guardHolds(Optional<LocalDate> dueDate, Money amountDue) {
    return isDueBefore(dueDate, asOf) && amountDue.isPositive();
  }

  /**
   * Whether the rule moves this invoice: it is in one of {@link #from()} and
   * {@link #guardHolds the guard holds} for its effective due date and amount due.
   *
   * @param invoice the invoice as stored, not null
   * @return true if the invoice is overdue as of {@link #asOf()} and not yet marked
   */
  public boolean appliesTo(Invoice invoice) {
    return from.contains(invoice.status())
        && guardHolds(invoice.effectiveDueDate(), invoice.totals().amountDue());
  }

  /** Whether the invoice's effective due date is before {@link #asOf()}. */
  boolean isPastDue(Invoice invoice) {
    return isDueBefore(invoice.effectiveDueDate(), asOf);
  }

  /** "Past due", the one definition: a due date strictly before the date. */
  static boolean isDueBefore(Optional<LocalDate> dueDate, LocalDate date) {
    return dueDate.isPresent() && dueDate.get().isBefore(date);
  }

  /**
   * Equal to another rule with the same statuses and date.
   *
   * @param other the other object, may be null
   * @return true if equal
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof OverdueRule that && from.equals(that.from) && asOf.equals(that.asOf);
  }

  @Override
  public int hashCode() {
    return Objects.hash(from, asOf);
  }

  /**
   * For logs and test failures.
   *
   * @return e.g. {@code OverdueRule[from [SENT, PARTIALLY_PAID] to OVERDUE as of 2026-12-01]}
   */
  @Override
  public String toString() {
    return "OverdueRule[from " + from + " to " + to() + " as of " + asOf + "]";
  }
}
