package dev.invoicekit.testkit.lifecycle;

import dev.invoicekit.credit.CreditNote;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One step of a random command sequence run by {@link LifecycleChecker}. Commands name their
 * invoice by {@code target}, an index into the invoices the sequence has created so far (modulo
 * their number), so any list of commands is a valid sequence and a shrunk one still means
 * something; commands on a credit note name it by {@code note}, an index into the notes the
 * sequence has drafted so far, the same way. Legal and illegal commands are mixed on purpose: the
 * checker expects the illegal ones to be refused without changing anything.
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

  /**
   * Drafts a credit note for an invoice (a draft, cancelled or void one must be refused). For
   * {@link CreditNote.Kind#LINES} it credits {@code fraction} of the quantity of line
   * {@code 1 + line % lines} (line 3 names a line past the last, which must be refused); for
   * {@link CreditNote.Kind#AMOUNTS}, {@code fraction} of the taxable amount of the invoice's tax
   * group (line 3: in another currency, which must be refused);
   * {@link CreditNote.Kind#WHOLE_INVOICE} credits the whole invoice. Above what is left (a fraction
   * above 1, or earlier notes), it must be refused.
   *
   * @param target which created invoice
   * @param kind what the note credits, not null
   * @param line which line, 0 to 3
   * @param fraction the fraction of the line's quantity or the group's amount, positive, not null
   */
  record DraftCreditNote(int target, CreditNote.Kind kind, int line, BigDecimal fraction)
      implements LifecycleCommand {
    /** Checks the parts. */
    public DraftCreditNote {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(fraction, "fraction");
    }
  }

  /**
   * Issues a drafted credit note (an issued or cancelled one must be refused), with its excess
   * over the invoice's balance {@code excess}: 0 expected to be none (refused if there is one), 1
   * refunded, 2 kept as account credit, 3 {@code fraction} of it refunded and the rest kept (above
   * 1, more than the excess, which must be refused).
   *
   * @param note which drafted note
   * @param excess what to do with the excess, 0 to 3
   * @param fraction for a split, the fraction of the excess refunded, positive, not null
   */
  record IssueCreditNote(int note, int excess, BigDecimal fraction) implements LifecycleCommand {
    /** Checks the fraction. */
    public IssueCreditNote {
      Objects.requireNonNull(fraction, "fraction");
    }
  }

  /**
   * Cancels a drafted credit note (an issued or cancelled one must be refused).
   *
   * @param note which drafted note
   */
  record CancelCreditNote(int note) implements LifecycleCommand {}

  /**
   * Writes an invoice's balance off as uncollectible (a paid, draft or final one must be refused).
   *
   * @param target which created invoice
   */
  record WriteOff(int target) implements LifecycleCommand {}

  /**
   * Pays a fraction of the balance due letting the excess become the account's credit: above 1
   * the invoice is paid and the rest is credited.
   *
   * @param target which created invoice
   * @param fraction the fraction of the balance, positive, not null
   */
  record Overpay(int target, BigDecimal fraction) implements LifecycleCommand {
    /** Checks the fraction. */
    public Overpay {
      Objects.requireNonNull(fraction, "fraction");
    }
  }

  /**
   * Applies account credit to an invoice that owes something, the {@code target}-th of those (any
   * created invoice when none owes): {@code fraction} of the smaller of its balance and the
   * account's credit (above 1 is more than one of them, which must be refused). {@code source} 0
   * takes the credit of the invoice's account in its currency; 1 that of another account and 2 one
   * in another currency, both of which must be refused.
   *
   * @param target which invoice that owes something
   * @param fraction the fraction, positive, not null
   * @param source whose credit, 0 to 2
   */
  record ApplyAccountCredit(int target, BigDecimal fraction, int source)
      implements LifecycleCommand {
    /** Checks the fraction. */
    public ApplyAccountCredit {
      Objects.requireNonNull(fraction, "fraction");
    }
  }

  /**
   * Refunds a fraction of the account's credit (above 1, more than it holds, which must be
   * refused).
   *
   * @param fraction the fraction of the credit, positive, not null
   */
  record RefundAccountCredit(BigDecimal fraction) implements LifecycleCommand {
    /** Checks the fraction. */
    public RefundAccountCredit {
      Objects.requireNonNull(fraction, "fraction");
    }
  }
}
