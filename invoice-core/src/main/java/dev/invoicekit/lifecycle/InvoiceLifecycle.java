package dev.invoicekit.lifecycle;

import dev.invoicekit.events.InvoiceEventType;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.Settlement;
import dev.invoicekit.invoice.SettlementId;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.joda.money.Money;

/**
 * The status state machine. Its table of which action is allowed from which status is the single
 * source of truth; each command checks it first, then the command's own rule, and returns the
 * {@link Transition}: the changed invoice with the event it publishes, so the service stores and
 * publishes what was decided here. A refused command throws and changes nothing (invoices are
 * values).
 *
 * <table>
 *   <caption>Transitions</caption>
 *   <tr><th>from</th><th>action</th><th>to</th></tr>
 *   <tr><td>DRAFT</td><td>edit</td><td>DRAFT</td></tr>
 *   <tr><td>DRAFT</td><td>send</td><td>SENT (PAID if nothing is due)</td></tr>
 *   <tr><td>DRAFT</td><td>cancel</td><td>CANCELLED</td></tr>
 *   <tr><td>SENT, PARTIALLY_PAID, OVERDUE</td><td>payment</td>
 *       <td>PARTIALLY_PAID, OVERDUE if past due, or PAID when settled</td></tr>
 *   <tr><td>SENT, PARTIALLY_PAID</td><td>due date passes with a balance</td><td>OVERDUE</td></tr>
 *   <tr><td>PAID, PARTIALLY_PAID, OVERDUE</td><td>refund</td>
 *       <td>recomputed from balance and due date</td></tr>
 *   <tr><td>SENT, OVERDUE with nothing paid</td><td>void</td><td>VOID</td></tr>
 *   <tr><td>SENT, PARTIALLY_PAID, OVERDUE, PAID</td><td>credit (an issued credit note)</td>
 *       <td>recomputed from balance and due date; VOID when the whole total is credited with
 *       nothing paid</td></tr>
 *   <tr><td>SENT, PARTIALLY_PAID, OVERDUE</td><td>apply account credit</td>
 *       <td>recomputed; PAID when settled</td></tr>
 *   <tr><td>SENT, PARTIALLY_PAID, OVERDUE</td><td>write off the balance</td>
 *       <td>UNCOLLECTIBLE</td></tr>
 *   <tr><td>UNCOLLECTIBLE</td><td>payment (takes the write-off back)</td>
 *       <td>PARTIALLY_PAID, OVERDUE if past due, or PAID</td></tr>
 *   <tr><td>CANCELLED, VOID</td><td>anything</td><td>refused</td></tr>
 * </table>
 *
 * <p>"Past due" means the due date is before {@code today}, a date the caller takes from its clock
 * in the business's time zone: this class reads no clock. Versions are the repository's business.
 *
 * <p>Stateless and thread-safe.
 */
public final class InvoiceLifecycle {

  private static final Map<Action, Set<InvoiceStatus>> ALLOWED = new EnumMap<>(Action.class);

  static {
    ALLOWED.put(Action.EDIT, EnumSet.of(InvoiceStatus.DRAFT));
    ALLOWED.put(Action.SEND, EnumSet.of(InvoiceStatus.DRAFT));
    ALLOWED.put(Action.CANCEL, EnumSet.of(InvoiceStatus.DRAFT));
    ALLOWED.put(
        Action.RECORD_PAYMENT,
        EnumSet.of(InvoiceStatus.SENT, InvoiceStatus.PARTIALLY_PAID, InvoiceStatus.OVERDUE,
            InvoiceStatus.UNCOLLECTIBLE));
    ALLOWED.put(
        Action.REFUND,
        EnumSet.of(InvoiceStatus.PAID, InvoiceStatus.PARTIALLY_PAID, InvoiceStatus.OVERDUE));
    ALLOWED.put(
        Action.MARK_OVERDUE, EnumSet.of(InvoiceStatus.SENT, InvoiceStatus.PARTIALLY_PAID));
    ALLOWED.put(Action.VOID, EnumSet.of(InvoiceStatus.SENT, InvoiceStatus.OVERDUE));
    ALLOWED.put(
        Action.CREDIT,
        EnumSet.of(InvoiceStatus.SENT, InvoiceStatus.PARTIALLY_PAID, InvoiceStatus.OVERDUE,
            InvoiceStatus.PAID));
    ALLOWED.put(
        Action.WRITE_OFF,
        EnumSet.of(InvoiceStatus.SENT, InvoiceStatus.PARTIALLY_PAID, InvoiceStatus.OVERDUE));
    ALLOWED.put(
        Action.APPLY_ACCOUNT_CREDIT,
        EnumSet.of(InvoiceStatus.SENT, InvoiceStatus.PARTIALLY_PAID, InvoiceStatus.OVERDUE));
  }

  /** The statuses the overdue rule moves from: the table's entry, shared by every rule. */
  private static final Set<InvoiceStatus> OVERDUE_FROM =
      Collections.unmodifiableSet(ALLOWED.get(Action.MARK_OVERDUE));

  private InvoiceLifecycle() {}

  /**
   * The statuses from which an action is allowed, before the action's own rule is checked.
   *
   * @param action the action, not null
   * @return the statuses, unmodifiable, not null
   */
  public static Set<InvoiceStatus> allowedFrom(Action action) {
    return Collections.unmodifiableSet(ALLOWED.get(action));
  }

  /**
   * Whether the table allows an action from a status.
   *
   * @param status the current status, not null
   * @param action the action, not null
   * @return true if allowed by the table
   */
  public static boolean isAllowed(InvoiceStatus status, Action action) {
    return ALLOWED.get(action).contains(status);
  }

  /**
   * Replaces a draft's content. Identity, status, version, payments and tenant cannot be edited.
   *
   * @param current the draft as stored, not null
   * @param edited the draft with its new content, not null
   * @return the edited draft, publishing {@link InvoiceEventType#EDITED}, not null
   * @throws IllegalTransitionException if the invoice is not a draft or the edit touches what an
   *     edit may not
   */
  public static Transition edit(Invoice current, Invoice edited) {
    require(current, Action.EDIT);
    Objects.requireNonNull(edited, "edited");
    String touched = null;
    if (!edited.id().equals(current.id())) {
      touched = "its id";
    } else if (!edited.tenant().equals(current.tenant())) {
      touched = "its tenant";
    } else if (edited.status() != current.status()) {
      touched = "its status (use send, cancel and the payment commands)";
    } else if (edited.version() != current.version()) {
      touched = "its version";
    } else if (!edited.payments().equals(current.payments())) {
      touched = "its payments";
    }
    if (touched != null) {
      throw new IllegalTransitionException(current, Action.EDIT,
          "; an edit changes content only, not " + touched);
    }
    return Transition.of(current, edited, InvoiceEventType.EDITED);
  }

  /**
   * Issues a draft: gives it its number (unless it has one) and freezes its content. The invoice
   * becomes SENT, or PAID at once when nothing is due (a zero total, or fully prepaid).
   *
   * <p>The number is asked for only once every check has passed, so a refused send takes no number
   * from a gapless series.
   *
   * @param draft the draft, not null
   * @param nextNumber gives the number if the draft has none, not null
   * @return the sent invoice, publishing {@link InvoiceEventType#SENT}, not null
   * @throws IllegalTransitionException if it is not a draft, has no lines, has no due date, or its
   *     amount due is negative (a credit, which only a credit note can carry)
   */
  public static Transition send(Invoice draft, Supplier<InvoiceNumber> nextNumber) {
    require(draft, Action.SEND);
    if (draft.lines().isEmpty()) {
      throw new IllegalTransitionException(draft, Action.SEND,
          "with no lines; add at least one line before sending");
    }
    if (draft.effectiveDueDate().isEmpty()) {
      throw new IllegalTransitionException(draft, Action.SEND,
          "with no due date and no payment terms; set one before sending");
    }
    if (draft.totals().amountDue().isNegative()) {
      // Nothing could ever settle it: payments and refunds are positive amounts against a
      // positive balance. A negative document is a credit note, which is not an invoice.
      throw new IllegalTransitionException(draft, Action.SEND,
          "with a negative amount due of " + draft.totals().amountDue() + "; an invoice that"
              + " gives money back is a credit note, which cannot be sent as an invoice: add the"
              + " returns to an invoice with a positive total, or refund the customer");
    }
    Invoice numbered = draft.number().isPresent()
        ? draft
        : draft.withNumber(nextNumber.get());
    InvoiceStatus status =
        numbered.totals().amountDue().isPositive() ? InvoiceStatus.SENT : InvoiceStatus.PAID;
    return Transition.of(draft, numbered.withStatus(status),
        InvoiceEventType.SENT);
  }

  /**
   * Abandons a draft; it keeps no number.
   *
   * @param draft the draft, not null
   * @return the cancelled invoice, publishing {@link InvoiceEventType#CANCELLED}, not null
   * @throws IllegalTransitionException if it is not a draft
   */
  public static Transition cancel(Invoice draft) {
    require(draft, Action.CANCEL);
    return Transition.of(draft,
        draft.withStatus(InvoiceStatus.CANCELLED),
        InvoiceEventType.CANCELLED);
  }

  /**
   * Records money received. The status follows the balance and the due date. A payment on an
   * UNCOLLECTIBLE invoice first takes the write-off back (a
   * {@link Settlement.Kind#WRITE_OFF_REVERSAL} whose id and reference are the payment's id),
   * then counts against the balance restored.
   *
   * @param invoice the invoice, not null
   * @param payment the payment, of kind PAYMENT, not null
   * @param today the business date, for "past due", not null
   * @return the invoice with the payment, publishing {@link InvoiceEventType#PAID} if it settled
   *     the balance and {@link InvoiceEventType#PAYMENT_RECORDED} otherwise, not null
   * @throws IllegalTransitionException if the status takes no payments
   * @throws PaymentRejectedException if the payment is more than the balance, in another currency,
   *     a refund, or reuses a payment id
   */
  public static Transition recordPayment(Invoice invoice, Payment payment, LocalDate today) {
    return recordPayment(invoice, payment, today, false);
  }

  /**
   * Records money received, optionally letting it exceed the balance: then the invoice records a
   * payment of the balance (same id, date, method and reference) and the transition's
   * {@link Transition#excessPayment()} is the rest, which the caller books as account credit.
   *
   * @param invoice the invoice, not null
   * @param payment the payment, of kind PAYMENT, not null
   * @param today the business date, for "past due", not null
   * @param excessToAccountCredit whether a payment above the balance is accepted, its excess
   *     becoming account credit; false refuses it, as {@link #recordPayment(Invoice, Payment,
   *     LocalDate)} does
   * @return the invoice with the payment, as for the other overload, not null
   * @throws IllegalTransitionException if the status takes no payments
   * @throws PaymentRejectedException as for the other overload
   */
  public static Transition recordPayment(
      Invoice invoice, Payment payment, LocalDate today, boolean excessToAccountCredit) {
    require(invoice, Action.RECORD_PAYMENT);
    checkPayment(invoice, payment, Payment.Kind.PAYMENT);
    Invoice owing = invoice;
    Optional<Settlement> reversal = Optional.empty();
    if (invoice.status() == InvoiceStatus.UNCOLLECTIBLE) {
      Money writtenOff = invoice.totals().amountWrittenOff();
      if (writtenOff.isPositive()) {
        Settlement back = new Settlement.Builder()
            .id(SettlementId.of(payment.id().value()))
            .kind(Settlement.Kind.WRITE_OFF_REVERSAL)
            .amount(writtenOff)
            .date(payment.date())
            .reference(payment.id().value())
            .build();
        owing = invoice.withSettlements(appendSettlement(invoice, back));
        reversal = Optional.of(back);
      }
    }
    Money balance = owing.totals().amountDue();
    Payment recorded = payment;
    Optional<Money> excess = Optional.empty();
    if (payment.amount().isGreaterThan(balance)) {
      if (!excessToAccountCredit || !balance.isPositive()) {
        throw new PaymentRejectedException(invoice,
            "a payment of " + payment.amount() + " is more than the balance due of " + balance
                + "; record at most the balance, or let the excess become account credit");
      }
      recorded = payment.withAmount(balance);
      excess = Optional.of(payment.amount().minus(balance));
    }
    Invoice paid = owing.withPayments(append(owing, recorded));
    InvoiceStatus status = statusFor(paid, today);
    InvoiceEventType type =
        status == InvoiceStatus.PAID ? InvoiceEventType.PAID : InvoiceEventType.PAYMENT_RECORDED;
    return new Transition(paid.withStatus(status),
        invoice.status(), type, Optional.of(recorded), reversal, excess);
  }

  /**
   * Gives money back or reverses a payment. The status is recomputed from the balance and the due
   * date.
   *
   * @param invoice the invoice, not null
   * @param refund the refund, of kind REFUND, not null
   * @param today the business date, for "past due", not null
   * @return the invoice with the refund, publishing {@link InvoiceEventType#REFUNDED}, not null
   * @throws IllegalTransitionException if nothing can have been paid in its status
   * @throws PaymentRejectedException if the refund is more than was paid, in another currency, a
   *     payment, or reuses a payment id
   */
  public static Transition refund(Invoice invoice, Payment refund, LocalDate today) {
    require(invoice, Action.REFUND);
    checkPayment(invoice, refund, Payment.Kind.REFUND);
    Money paid = invoice.totals().amountPaid();
    if (refund.amount().isGreaterThan(paid)) {
      throw new PaymentRejectedException(invoice,
          "a refund of " + refund.amount() + " is more than the " + paid
              + " paid; refund at most what was paid");
    }
    Invoice refunded = invoice.withPayments(append(invoice, refund));
    InvoiceStatus status = statusFor(refunded, today);
    return new Transition(refunded.withStatus(status),
        invoice.status(), InvoiceEventType.REFUNDED, Optional.of(refund), Optional.empty(),
        Optional.empty());
  }

  /**
   * The overdue rule as of a date, as data for a repository's set-based write
   * ({@link dev.invoicekit.ports.Invoices#markOverdue}): the statuses the table allows
   * {@link Action#MARK_OVERDUE} from, the status it moves to, the date, and the guard. The one
   * definition that {@link #markOverdue}, {@link #statusAsOf} and {@link #isPastDue} use too.
   *
   * @param asOf the business date, not null
   * @return the rule, not null
   */
  public static OverdueRule overdueRule(LocalDate asOf) {
    return new OverdueRule(OVERDUE_FROM, asOf);
  }

  /**
   * Marks an invoice overdue: {@link #overdueRule(LocalDate) the overdue rule} as of today applies
   * to it (its due date has passed and a balance is left). Its event is
   * {@link InvoiceEventType#OVERDUE}. The service's sweep applies the same rule in one set-based
   * write ({@link #overdueRule(LocalDate)}); this is for repositories that hold values.
   *
   * @param invoice the invoice, not null
   * @param today the business date, not null
   * @return the transition to OVERDUE, not null
   * @throws IllegalTransitionException if the status cannot become overdue, it is not past due, or
   *     nothing is due
   */
  public static Transition markOverdue(Invoice invoice, LocalDate today) {
    require(invoice, Action.MARK_OVERDUE);
    OverdueRule rule = overdueRule(today);
    if (!rule.isPastDue(invoice)) {
      throw new IllegalTransitionException(invoice, Action.MARK_OVERDUE,
          "and due on " + invoice.effectiveDueDate().orElseThrow() + ", not before " + today);
    }
    if (!rule.appliesTo(invoice)) {
      throw new IllegalTransitionException(invoice, Action.MARK_OVERDUE,
          "with nothing left to pay");
    }
    return Transition.of(invoice, invoice.withStatus(rule.to()), InvoiceEventType.OVERDUE);
  }

  /**
   * Withdraws a sent invoice on which nothing was paid and no account credit applied. It keeps its
   * number.
   *
   * @param invoice the invoice, not null
   * @return the void invoice, publishing {@link InvoiceEventType#VOIDED}, not null
   * @throws IllegalTransitionException if the status cannot be voided, something was paid or
   *     account credit applied
   */
  public static Transition voidInvoice(Invoice invoice) {
    if (invoice.status() == InvoiceStatus.PARTIALLY_PAID
        || invoice.status() == InvoiceStatus.PAID) {
      throw new IllegalTransitionException(invoice, Action.VOID,
          "with " + invoice.totals().amountPaid() + " paid; refund first");
    }
    require(invoice, Action.VOID);
    if (!invoice.totals().amountPaid().isZero()) {
      throw new IllegalTransitionException(invoice, Action.VOID,
          "with " + invoice.totals().amountPaid() + " paid; refund first");
    }
    if (invoice.totals().accountCreditApplied().isPositive()) {
      // Voiding would keep the account's credit the ledger gave up: a whole credit note gives it
      // back as its excess.
      throw new IllegalTransitionException(invoice, Action.VOID,
          "with " + invoice.totals().accountCreditApplied() + " of account credit applied; credit"
              + " the whole invoice instead and keep the excess as account credit");
    }
    return Transition.of(invoice,
        invoice.withStatus(InvoiceStatus.VOID),
        InvoiceEventType.VOIDED);
  }

  /**
   * Reduces the invoice by an issued credit note, as Stripe does: the note's total first reduces
   * what the invoice still owes, never below zero; the rest (the excess) is the caller's to refund
   * or keep as account credit. The invoice records the part applied as a
   * {@link Settlement.Kind#CREDIT_NOTE} settlement whose id and reference are the note's id (none
   * when nothing was owed). Its status follows the balance and the due date; it becomes VOID when
   * the credit notes took its whole total with nothing paid.
   *
   * <p>What the note may credit (quantities, tax groups, the total) is the credit-note rules'
   * business ({@code dev.invoicekit.credit.CreditNoteLifecycle}); this applies its total.
   *
   * @param invoice the credited invoice, not null
   * @param creditTotal the credit note's total, positive, in the invoice's currency, not null
   * @param creditNoteId the credit note's id, not null
   * @param today the business date, for "past due" and the settlement's date, not null
   * @return the credited invoice, publishing {@link InvoiceEventType#CREDITED}; its settlement is
   *     the part applied (empty when nothing was owed), not null
   * @throws IllegalTransitionException if the status takes no credit (a draft is edited, CANCELLED
   *     and VOID are final, an UNCOLLECTIBLE invoice's write-off is taken back by a payment first)
   * @throws CreditRejectedException if the amount is not positive or in another currency
   */
  public static Transition credit(
      Invoice invoice, Money creditTotal, String creditNoteId, LocalDate today) {
    require(invoice, Action.CREDIT);
    Objects.requireNonNull(creditNoteId, "creditNoteId");
    requireAmount(invoice, creditTotal, "credit note " + creditNoteId);
    Money balance = invoice.totals().amountDue();
    Money applied = balance.isPositive() ? min(creditTotal, balance) : balance.withAmount(0);
    Invoice credited = invoice;
    Optional<Settlement> settlement = Optional.empty();
    if (applied.isPositive()) {
      Settlement part = new Settlement.Builder()
          .id(SettlementId.of(creditNoteId))
          .kind(Settlement.Kind.CREDIT_NOTE)
          .amount(applied)
          .date(today)
          .reference(creditNoteId)
          .build();
      credited = invoice.withSettlements(appendSettlement(invoice, part));
      settlement = Optional.of(part);
    }
    InvoiceStatus status;
    if (credited.totals().amountCredited().isEqual(credited.totals().total())
        && credited.totals().amountPaid().isZero()) {
      // Nullified after sending: the credit notes are the legal record of it.
      status = InvoiceStatus.VOID;
    } else {
      status = statusFor(credited, today);
    }
    return new Transition(credited.withStatus(status), invoice.status(),
        InvoiceEventType.CREDITED, Optional.empty(), settlement, Optional.empty());
  }

  /**
   * Settles part of the balance with the account's credit: a settlement, not a payment. Whether
   * the account holds that much is the ledger's business; this checks the invoice.
   *
   * @param invoice the invoice, not null
   * @param amount the credit applied, positive, at most the balance, in the invoice's currency
   * @param ledgerEntryId the id of the ledger entry that takes the credit, the settlement's id and
   *     reference, not null
   * @param today the business date, not null
   * @return the invoice, publishing {@link InvoiceEventType#CREDIT_APPLIED}, PAID when settled, not
   *     null
   * @throws IllegalTransitionException if the status takes no credit
   * @throws CreditRejectedException if the amount is not positive, in another currency or more
   *     than the balance
   */
  public static Transition applyAccountCredit(
      Invoice invoice, Money amount, String ledgerEntryId, LocalDate today) {
    require(invoice, Action.APPLY_ACCOUNT_CREDIT);
    Objects.requireNonNull(ledgerEntryId, "ledgerEntryId");
    requireAmount(invoice, amount, "account " + invoice.account());
    Money balance = invoice.totals().amountDue();
    if (amount.isGreaterThan(balance)) {
      throw new CreditRejectedException(invoice.id(), "account " + invoice.account(),
          "Cannot apply " + amount + " of account credit to invoice " + describe(invoice)
              + ": its balance due is " + balance + "; apply at most the balance");
    }
    Settlement part = new Settlement.Builder()
        .id(SettlementId.of(ledgerEntryId))
        .kind(Settlement.Kind.ACCOUNT_CREDIT)
        .amount(amount)
        .date(today)
        .reference(ledgerEntryId)
        .build();
    Invoice settled = invoice.withSettlements(appendSettlement(invoice, part));
    return new Transition(settled.withStatus(statusFor(settled, today)), invoice.status(),
        InvoiceEventType.CREDIT_APPLIED, Optional.empty(), Optional.of(part), Optional.empty());
  }

  /**
   * Writes the remaining balance off as uncollectible, with a reason. A later payment takes the
   * write-off back ({@link #recordPayment(Invoice, Payment, LocalDate)}).
   *
   * @param invoice the invoice, not null
   * @param settlementId the write-off's id, not null
   * @param reason why, not null
   * @param today the business date, the write-off's date, not null
   * @return the UNCOLLECTIBLE invoice, publishing {@link InvoiceEventType#WRITTEN_OFF}, not null
   * @throws IllegalTransitionException if the status has no balance to write off (a PAID
   *     invoice, a draft, a final one)
   * @throws CreditRejectedException if nothing is due
   * @throws dev.invoicekit.invoice.InvalidInvoiceException if the reason breaks the text rule
   */
  public static Transition writeOff(
      Invoice invoice, SettlementId settlementId, String reason, LocalDate today) {
    require(invoice, Action.WRITE_OFF);
    Objects.requireNonNull(reason, "reason");
    Money balance = invoice.totals().amountDue();
    if (!balance.isPositive()) {
      throw new CreditRejectedException(invoice.id(), null,
          "Cannot write off invoice " + describe(invoice) + ": nothing is due");
    }
    Settlement writeOff = new Settlement.Builder()
        .id(settlementId)
        .kind(Settlement.Kind.WRITE_OFF)
        .amount(balance)
        .date(today)
        .reason(reason)
        .build();
    Invoice written = invoice.withSettlements(appendSettlement(invoice, writeOff));
    return new Transition(written.withStatus(InvoiceStatus.UNCOLLECTIBLE), invoice.status(),
        InvoiceEventType.WRITTEN_OFF, Optional.empty(), Optional.of(writeOff), Optional.empty());
  }

  /**
   * The status as of a date, never stale: an invoice {@link #overdueRule(LocalDate) the overdue
   * rule} applies to (SENT or PARTIALLY_PAID, past its due date with a balance) reads as OVERDUE
   * even before the overdue sweep has stored it.
   *
   * @param invoice the invoice, not null
   * @param date the business date, not null
   * @return the status as of that date, not null
   */
  public static InvoiceStatus statusAsOf(Invoice invoice, LocalDate date) {
    OverdueRule rule = overdueRule(date);
    return rule.appliesTo(invoice) ? rule.to() : invoice.status();
  }

  /**
   * Whether the due date is before {@code today}. An invoice without a due date is never past due.
   *
   * @param invoice the invoice, not null
   * @param today the business date, not null
   * @return true if past due
   */
  public static boolean isPastDue(Invoice invoice, LocalDate today) {
    return OverdueRule.isDueBefore(invoice.effectiveDueDate(), today);
  }

  /** The status a sent invoice has for its balance and due date. */
  private static InvoiceStatus statusFor(Invoice invoice, LocalDate today) {
    if (!invoice.totals().amountDue().isPositive()) {
      return InvoiceStatus.PAID;
    }
    if (isPastDue(invoice, today)) {
      return InvoiceStatus.OVERDUE;
    }
    return invoice.totals().amountPaid().isPositive()
        ? InvoiceStatus.PARTIALLY_PAID
        : InvoiceStatus.SENT;
  }

  private static void require(Invoice invoice, Action action) {
    Objects.requireNonNull(invoice, "invoice");
    if (!isAllowed(invoice.status(), action)) {
      throw new IllegalTransitionException(invoice, action, hint(invoice, action));
    }
  }

  /** What to say after "it is STATUS" when the table refuses. */
  private static String hint(Invoice invoice, Action action) {
    if (invoice.status().isFinal()) {
      return "; " + invoice.status() + " is final, nothing more can happen to it";
    }
    switch (action) {
      case EDIT:
        return "; after sending, content never changes: void it and issue a new one";
      case SEND:
      case CANCEL:
        return "; only a draft can be " + (action == Action.SEND ? "sent" : "cancelled");
      case RECORD_PAYMENT:
        return invoice.status() == InvoiceStatus.DRAFT
            ? "; send it first"
            : "; nothing is left to pay";
      case REFUND:
        return "; nothing has been paid";
      case MARK_OVERDUE:
        return "; only a sent or partially paid invoice becomes overdue";
      case VOID:
        return invoice.status() == InvoiceStatus.DRAFT ? "; cancel a draft instead" : "";
      case CREDIT:
        if (invoice.status() == InvoiceStatus.DRAFT) {
          return "; a draft is corrected by editing it, not by a credit note";
        }
        return invoice.status() == InvoiceStatus.UNCOLLECTIBLE
            ? "; its balance is written off, record the payment that takes the write-off back"
                + " first"
            : "";
      case WRITE_OFF:
      case APPLY_ACCOUNT_CREDIT:
        if (invoice.status() == InvoiceStatus.DRAFT) {
          return "; send it first";
        }
        return invoice.status() == InvoiceStatus.PAID ? "; nothing is left to pay" : "";
      default:
        return "";
    }
  }

  private static void checkPayment(Invoice invoice, Payment payment, Payment.Kind kind) {
    Objects.requireNonNull(payment, "payment");
    if (payment.kind() != kind) {
      throw new PaymentRejectedException(invoice,
          "expected a " + kind.name().toLowerCase(java.util.Locale.ROOT) + " but got a "
              + payment.kind().name().toLowerCase(java.util.Locale.ROOT));
    }
    if (!payment.amount().getCurrencyUnit().equals(invoice.currency())) {
      throw new PaymentRejectedException(invoice,
          "the " + kind.name().toLowerCase(java.util.Locale.ROOT) + " is in "
              + payment.amount().getCurrencyUnit() + " but the invoice is in "
              + invoice.currency() + "; record it in " + invoice.currency());
    }
    for (Payment existing : invoice.payments()) {
      if (existing.id().equals(payment.id())) {
        throw new PaymentRejectedException(invoice,
            "payment id " + payment.id() + " is already recorded; give each payment its own id");
      }
    }
  }

  private static void requireAmount(Invoice invoice, Money amount, String source) {
    Objects.requireNonNull(amount, "amount");
    if (!amount.getCurrencyUnit().equals(invoice.currency())) {
      throw new CreditRejectedException(invoice.id(), source,
          "Cannot " + "credit invoice " + describe(invoice) + " from " + source + ": the amount is"
              + " in " + amount.getCurrencyUnit() + " but the invoice is in " + invoice.currency());
    }
    if (!amount.isPositive()) {
      throw new CreditRejectedException(invoice.id(), source,
          "Cannot credit invoice " + describe(invoice) + " from " + source + ": the amount must be"
              + " greater than zero, was " + amount);
    }
  }

  private static Money min(Money a, Money b) {
    return a.isLessThan(b) ? a : b;
  }

  private static java.util.List<Settlement> appendSettlement(
      Invoice invoice, Settlement settlement) {
    java.util.List<Settlement> settlements = new java.util.ArrayList<>(invoice.settlements());
    settlements.add(settlement);
    return settlements;
  }

  private static java.util.List<Payment> append(Invoice invoice, Payment payment) {
    java.util.List<Payment> payments = new java.util.ArrayList<>(invoice.payments());
    payments.add(payment);
    return payments;
  }

  /** How messages name an invoice: its number once it has one, else its id. */
  static String describe(Invoice invoice) {
    return invoice.number().map(InvoiceNumber::toString).orElse(invoice.id().toString());
  }
}
