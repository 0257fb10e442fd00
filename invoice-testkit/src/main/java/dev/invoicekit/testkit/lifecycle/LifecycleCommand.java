package dev.invoicekit.testkit.lifecycle;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One step of a random command sequence run by {@link LifecycleChecker}. Commands name their
 * invoice by {@code target}, an index into the invoices the sequence has created so far (modulo
 * their number), so any list of commands is a valid sequence and a shrunk one still means
 * something. Legal and illegal commands are mixed on purpose: the checker expects the illegal ones
 * to be refused without changing anything.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface LifecycleCommand {

  /**
   * Creates a draft of {@code lines} lines (0 to 3; a draft without lines cannot be sent) with
   * payment terms of {@code netDays} days.
   *
   * @param lines how many lines, 0 or more
   * @param netDays the payment terms in days, 0 or more
   */
  record Create(int lines, int netDays) implements LifecycleCommand {}

  /**
   * Replaces the lines of a draft, claiming to have read it {@code staleBy} versions ago (0: the
   * current version, which may succeed; 1: a stale one, which must be refused).
   *
   * @param target which created invoice
   * @param staleBy how many versions behind the edit is based
   */
  record Edit(int target, int staleBy) implements LifecycleCommand {}

  /**
   * Sends (issues) an invoice.
   *
   * @param target which created invoice
   */
  record Send(int target) implements LifecycleCommand {}

  /**
   * Pays a fraction of the balance due (above 1 is an overpayment, which must be refused), with
   * idempotency key {@code key-<key>}, or without one when {@code key} is 0. Keys are reused on
   * purpose: the same key with the same payment is a replay, with another one a conflict. A key
   * reused on the same invoice with a fraction of at most 1 resends the payment that key made, as
   * a client retrying after a timeout would (a replay); with a larger fraction, or on another
   * invoice, it is another payment under a used key (a conflict).
   *
   * @param target which created invoice
   * @param fraction the fraction of the balance, positive, not null
   * @param key 0 for no key, otherwise the number of the key
   */
  record Pay(int target, BigDecimal fraction, int key) implements LifecycleCommand {
    /** Checks the fraction. */
    public Pay {
      Objects.requireNonNull(fraction, "fraction");
    }
  }

  /**
   * Refunds a fraction of what was paid (above 1 is more than was paid, which must be refused).
   *
   * @param target which created invoice
   * @param fraction the fraction of the amount paid, positive, not null
   */
  record Refund(int target, BigDecimal fraction) implements LifecycleCommand {
    /** Checks the fraction. */
    public Refund {
      Objects.requireNonNull(fraction, "fraction");
    }
  }

  /**
   * Cancels a draft.
   *
   * @param target which created invoice
   */
  record Cancel(int target) implements LifecycleCommand {}

  /**
   * Voids a sent invoice.
   *
   * @param target which created invoice
   */
  record VoidInvoice(int target) implements LifecycleCommand {}

  /**
   * Moves the sequence's clock forward.
   *
   * @param days how many days, positive
   */
  record PassDays(int days) implements LifecycleCommand {}

  /** Runs the overdue sweep of the sequence's tenant. */
  record Sweep() implements LifecycleCommand {}
}
