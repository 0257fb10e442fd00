package dev.invoicekit.internal;

import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.totals.InvoiceTotals;
import java.util.function.UnaryOperator;

/**
 * Copies of an invoice that keep its content (a new status, version or number) take its totals
 * instead of computing them again. Every {@code with*} copy is a new value whose check computes
 * the totals, and the lifecycle and the repositories make several such copies per command.
 *
 * <p>The totals are handed over only for the duration of {@link #copy}, and only to a copy whose
 * every input of the calculation is the very same object as the source's (the lists, the optional
 * amounts, the discount, the policy), so a change that does touch the content computes afresh.
 *
 * <p>Thread-safe: the hand-over is per thread.
 */
public final class SameContentCopies {

  // One slot per thread, set once and never removed: a ThreadLocal read of a value that is absent
  // costs a probe and an insertion, and copies are made all the time. An Object[] (a JDK class)
  // so that a thread's slot does not keep this library's class loader alive.
  private static final ThreadLocal<Object[]> SOURCE = ThreadLocal.withInitial(() -> new Object[1]);

  private SameContentCopies() {}

  /**
   * Applies a change to an invoice; the copy it makes takes the source's totals if the change left
   * the content alone.
   *
   * @param source the invoice, not null
   * @param change makes the copy, such as {@code i -> i.withStatus(SENT)}, not null
   * @return the copy, not null
   */
  public static Invoice copy(Invoice source, UnaryOperator<Invoice> change) {
    Object[] slot = SOURCE.get();
    Object outer = slot[0];
    slot[0] = source;
    try {
      return change.apply(source);
    } finally {
      slot[0] = outer; // null outside any copy, so nothing is kept alive after it
    }
  }

  /**
   * The totals of the invoice being copied, if {@code copy} has its content; for
   * {@link Invoice#totals()}.
   *
   * @param copy the new invoice, not null
   * @return the source's totals, or null to compute them
   */
  public static InvoiceTotals carriedTotals(Invoice copy) {
    Invoice source = (Invoice) SOURCE.get()[0];
    return source != null && source != copy && sameContent(source, copy)
        ? source.totals() // computed once already: the source passed its own check
        : null;
  }

  /**
   * Whether the invoice is being copied by {@link #copy} from one with the same content, whose
   * checks of that content (one currency, distinct payment ids, totals that compute) it passes.
   *
   * @param copy the new invoice, not null
   * @return true for a copy with the source's content
   */
  public static boolean isCopyWithSameContent(Invoice copy) {
    Invoice source = (Invoice) SOURCE.get()[0];
    return source != null && source != copy && sameContent(source, copy);
  }

  /** Whether every input of the calculation is the same object (or primitive) in both. */
  private static boolean sameContent(Invoice a, Invoice b) {
    return a.currency().equals(b.currency())
        && a.lines() == b.lines()
        && a.documentAllowanceCharges() == b.documentAllowanceCharges()
        && a.overallDiscount().orElse(null) == b.overallDiscount().orElse(null)
        && a.pricesIncludeTax() == b.pricesIncludeTax()
        && a.externalTaxAmounts() == b.externalTaxAmounts()
        && a.prepaidAmount().orElse(null) == b.prepaidAmount().orElse(null)
        && a.roundingAmount().orElse(null) == b.roundingAmount().orElse(null)
        && a.payments() == b.payments()
        && a.roundingPolicy() == b.roundingPolicy();
  }
}
