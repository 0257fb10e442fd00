package dev.invoicekit.testkit.lifecycle;

import dev.invoicekit.credit.AccountCreditEntry;
import dev.invoicekit.credit.CreditAllocation;
import dev.invoicekit.credit.CreditEvent;
import dev.invoicekit.credit.CreditEventType;
import dev.invoicekit.credit.CreditNote;
import dev.invoicekit.credit.CreditNoteId;
import dev.invoicekit.credit.CreditNoteStatus;
import dev.invoicekit.credit.CreditedLine;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.Settlement;
import dev.invoicekit.testkit.lifecycle.CreditState.Ledger;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.joda.money.Money;

/**
 * The invariants of corrections after sending, checked by {@link LifecycleChecker} on the
 * committed state after every step. Each reads the records of the other side rather than the
 * invoice's own sums: what a credit note applied comes from the note, applied account credit from
 * the ledger, so an invoice, a note or a ledger that disagrees with the others is caught.
 *
 * <p>Stateless and thread-safe.
 */
final class CorrectionInvariants {

  private CorrectionInvariants() {}

  /**
   * Amount due = total - paid - credited - applied credit - written off (+ rounding), never below
   * zero; the credit notes never credit more than the total, nor more of a line than invoiced.
   *
   * @param invoices the tenant's invoices, not null
   * @param state the credit notes and ledgers, not null
   * @param account the invoices' account, not null
   * @param violations where a broken invariant is reported, not null
   */
  static void invoices(Map<InvoiceId, Invoice> invoices, CreditState state, AccountId account,
      List<String> violations) {
    for (Invoice invoice : invoices.values()) {
      List<CreditNote> issued = state.issuedOf(invoice.id());
      amountDue(invoice, issued, state.ledgers().getOrDefault(
          new Ledger(account, invoice.currency()), List.of()), violations);
      creditedTotal(invoice, issued, violations);
      creditedLines(invoice, issued, violations);
    }
  }

  private static void amountDue(Invoice invoice, List<CreditNote> issued,
      List<AccountCreditEntry> ledger, List<String> violations) {
    Money zero = Money.zero(invoice.currency());
    Money paid = invoice.content().prepaidAmount().orElse(zero);
    for (Payment payment : invoice.payments()) {
      paid = paid.plus(payment.signedAmount());
    }
    Money credited = zero;
    for (CreditNote note : issued) {
      credited = credited.plus(note.allocation().map(CreditAllocation::appliedToInvoice)
          .orElse(zero));
    }
    Money applied = zero;
    for (AccountCreditEntry entry : ledger) {
      if (entry.kind() == AccountCreditEntry.Kind.APPLIED
          && entry.invoiceId().equals(Optional.of(invoice.id()))) {
        applied = applied.plus(entry.amount());
      }
    }
    Money writtenOff = zero;
    for (Settlement settlement : invoice.settlements()) {
      if (settlement.kind() == Settlement.Kind.WRITE_OFF
          || settlement.kind() == Settlement.Kind.WRITE_OFF_REVERSAL) {
        writtenOff = writtenOff.plus(settlement.signedAmount());
      }
    }
    Money total = invoice.totals().total();
    Money expected = total.minus(paid).minus(credited).minus(applied).minus(writtenOff)
        .plus(invoice.totals().roundingAmount());
    Money due = invoice.totals().amountDue();
    if (!due.isEqual(expected)) {
      violations.add("amount due of " + invoice.id() + " is " + due + ", but total - paid -"
          + " credited - applied credit - written off is " + expected + " (total " + total
          + ", paid " + paid + ", credited " + credited + " by its credit notes, applied "
          + applied + " by the ledger, written off " + writtenOff + ")");
    }
    if (due.isNegative()) {
      violations.add("amount due of " + invoice.id() + " is below zero: " + due);
    }
  }

  private static void creditedTotal(Invoice invoice, List<CreditNote> issued,
      List<String> violations) {
    Money credited = Money.zero(invoice.currency());
    for (CreditNote note : issued) {
      credited = credited.plus(note.total());
    }
    if (credited.isGreaterThan(invoice.totals().total())) {
      violations.add("credited more than the total: the credit notes of " + invoice.id()
          + " credit " + credited + " in all, its total is " + invoice.totals().total());
    }
  }

  private static void creditedLines(Invoice invoice, List<CreditNote> issued,
      List<String> violations) {
    Map<Integer, BigDecimal> credited = new TreeMap<>();
    for (CreditNote note : issued) {
      if (note.kind() == CreditNote.Kind.WHOLE_INVOICE) {
        for (int i = 0; i < invoice.lines().size(); i++) {
          credited.merge(i + 1, invoice.lines().get(i).quantity(), BigDecimal::add);
        }
      }
      for (CreditedLine line : note.creditedLines()) {
        credited.merge(line.lineNumber(), line.quantity(), BigDecimal::add);
      }
    }
    credited.forEach((line, quantity) -> {
      if (line < 1 || line > invoice.lines().size()) {
        violations.add("credited a line the invoice does not have: line " + line + " of "
            + invoice.id());
      } else if (quantity.compareTo(invoice.lines().get(line - 1).quantity()) > 0) {
        violations.add("credited more of a line than invoiced: the credit notes of "
            + invoice.id() + " credit " + quantity.stripTrailingZeros().toPlainString()
            + " of line " + line + ", which invoiced "
            + invoice.lines().get(line - 1).quantity().stripTrailingZeros().toPlainString());
      }
    });
  }

  /**
   * Each issued note's allocation adds up to its total, and the part it keeps as account credit is
   * what the ledger booked for it; no other note has an entry.
   *
   * @param state the credit notes and ledgers, not null
   * @param violations where a broken invariant is reported, not null
   */
  static void allocations(CreditState state, List<String> violations) {
    Map<CreditNoteId, Money> booked = new HashMap<>();
    for (List<AccountCreditEntry> ledger : state.ledgers().values()) {
      for (AccountCreditEntry entry : ledger) {
        if (entry.kind() == AccountCreditEntry.Kind.CREDIT_NOTE) {
          CreditNoteId note = entry.creditNoteId().orElse(CreditNoteId.of("none"));
          booked.merge(note, entry.amount(), Money::plus);
        }
      }
    }
    for (CreditNote note : state.notes().values()) {
      Money zero = Money.zero(note.content().currency());
      Money kept = booked.getOrDefault(note.id(), zero);
      if (note.status() != CreditNoteStatus.ISSUED) {
        if (kept.isPositive()) {
          violations.add("allocation of credit note " + note.id() + ": it is " + note.status()
              + " but the ledger holds " + kept + " of account credit for it");
        }
        continue;
      }
      CreditAllocation parts = note.allocation().orElse(null);
      if (parts == null || !parts.total().isEqual(note.total())) {
        violations.add("allocation of credit note " + note.id() + " does not add up to its total "
            + note.total() + ": " + parts);
        continue;
      }
      if (!parts.toAccountCredit().isEqual(kept)) {
        violations.add("allocation of credit note " + note.id() + " keeps "
            + parts.toAccountCredit() + " as account credit, but the ledger holds " + kept
            + " for it");
      }
    }
    booked.keySet().removeAll(state.notes().keySet());
    if (!booked.isEmpty()) {
      violations.add("allocation: the ledger holds credit for credit notes that are not stored: "
          + booked);
    }
  }

  /**
   * The balance each ledger reports is the sum of its entries; entry by entry it never goes below
   * zero, each entry's balance after it is that running sum, and an account's entries are
   * numbered 1, 2, 3, ... across its currencies.
   *
   * @param state the ledgers, not null
   * @param violations where a broken invariant is reported, not null
   */
  static void ledgers(CreditState state, List<String> violations) {
    Map<AccountId, TreeSet<Long>> sequences = new HashMap<>();
    Map<AccountId, Integer> counts = new HashMap<>();
    state.ledgers().forEach((ledger, entries) -> {
      Money sum = CreditState.sum(entries, ledger.currency());
      Money balance = state.balances().get(ledger);
      if (balance == null || !balance.isEqual(sum)) {
        violations.add("account-credit balance of " + ledger + " is " + balance
            + ", but its ledger's entries add up to " + sum);
      }
      Money running = Money.zero(ledger.currency());
      for (AccountCreditEntry entry : entries) {
        running = running.plus(entry.signedAmount());
        if (running.isNegative()) {
          violations.add("account-credit ledger of " + ledger + " goes below zero at entry "
              + entry.sequence() + ": " + running);
        }
        if (!entry.balanceAfter().isEqual(running)) {
          violations.add("account-credit ledger of " + ledger + ": entry " + entry.sequence()
              + " says the balance after it is " + entry.balanceAfter() + ", but the entries up"
              + " to it add up to " + running);
        }
        sequences.computeIfAbsent(ledger.account(), a -> new TreeSet<>()).add(entry.sequence());
      }
      counts.merge(ledger.account(), entries.size(), Integer::sum);
    });
    sequences.forEach((account, numbers) -> {
      if (numbers.size() != counts.get(account) || numbers.first() != 1
          || numbers.last() != numbers.size()) {
        violations.add("account-credit ledger of " + account + ": its entries are numbered "
            + numbers + ", not 1 to " + counts.get(account));
      }
    });
  }

  /**
   * Issued notes have numbers, unique and gapless from 1 within each series; the others none.
   *
   * @param state the credit notes, not null
   * @param violations where a broken invariant is reported, not null
   */
  static void numbers(CreditState state, List<String> violations) {
    Set<InvoiceNumber> seen = new HashSet<>();
    Map<String, TreeSet<Integer>> bySeries = new TreeMap<>();
    for (CreditNote note : state.notes().values()) {
      if (note.number().isEmpty()) {
        continue;
      }
      InvoiceNumber number = note.number().get();
      if (!seen.add(number)) {
        violations.add("credit-note number " + number + " is taken twice");
      }
      String text = number.value();
      int dash = text.lastIndexOf('-');
      bySeries.computeIfAbsent(text.substring(0, dash + 1), k -> new TreeSet<>())
          .add(Integer.parseInt(text.substring(dash + 1)));
    }
    bySeries.forEach((series, sequence) -> {
      if (sequence.first() != 1 || sequence.last() != sequence.size()) {
        violations.add("credit-note series " + series + " is not gapless from 1: " + sequence);
      }
    });
  }

  /**
   * One credit event per state change: every stored version of every credit note has exactly one
   * event, of the type its status says, and every ledger entry exactly one, of the type its kind
   * says, with its amount; no event lacks what it announces.
   *
   * @param state the credit notes, ledgers and events, not null
   * @param violations where a broken invariant is reported, not null
   */
  static void eventsPerChange(CreditState state, List<String> violations) {
    Map<String, List<CreditEvent>> byNote = new HashMap<>();
    Map<String, List<CreditEvent>> byAccount = new HashMap<>();
    for (CreditEvent event : state.events().values()) {
      (event.subject() == CreditEvent.Subject.CREDIT_NOTE ? byNote : byAccount)
          .computeIfAbsent(event.subjectId(), k -> new ArrayList<>()).add(event);
    }
    for (CreditNote note : state.notes().values()) {
      List<CreditEvent> events = byNote.getOrDefault(note.id().value(), List.of());
      List<Long> versions = new ArrayList<>();
      for (CreditEvent event : events) {
        versions.add(event.version());
        CreditEventType expected = event.version() == 1 ? CreditEventType.CREDIT_NOTE_CREATED
            : note.status() == CreditNoteStatus.ISSUED ? CreditEventType.CREDIT_NOTE_ISSUED
            : CreditEventType.CREDIT_NOTE_CANCELLED;
        if (event.type() != expected || !event.amount().isEqual(note.total())
            || !event.invoiceId().equals(Optional.of(note.invoiceId()))
            || event.version() == note.version() && !event.creditNoteNumber().equals(
                note.number())) {
          violations.add("credit event " + event.eventId() + " (" + event.type() + ", "
              + event.amount() + ", " + event.creditNoteNumber() + ") disagrees with version "
              + event.version() + " of credit note " + note.id() + " (" + note.status() + ", "
              + note.total() + ", " + note.number() + ")");
        }
      }
      versions.sort(null);
      List<Long> expected = new ArrayList<>();
      for (long v = 1; v <= note.version(); v++) {
        expected.add(v);
      }
      if (!versions.equals(expected)) {
        violations.add("credit note " + note.id() + " at version " + note.version()
            + " has the events of versions " + versions);
      }
    }
    Set<String> notes = new HashSet<>();
    state.notes().keySet().forEach(id -> notes.add(id.value()));
    byNote.keySet().stream().filter(id -> !notes.contains(id)).forEach(id -> violations.add(
        "credit events of credit note " + id + ", which is not stored"));
    Map<AccountId, Map<Long, AccountCreditEntry>> entries = new HashMap<>();
    state.ledgers().forEach((ledger, list) -> list.forEach(entry -> entries
        .computeIfAbsent(ledger.account(), a -> new TreeMap<>()).put(entry.sequence(), entry)));
    for (Map.Entry<AccountId, Map<Long, AccountCreditEntry>> account : entries.entrySet()) {
      Map<Long, Integer> count = new TreeMap<>();
      for (CreditEvent event : byAccount.getOrDefault(account.getKey().value(), List.of())) {
        AccountCreditEntry entry = account.getValue().get(event.version());
        if (entry == null) {
          violations.add("credit event " + event.eventId() + " announces entry "
              + event.version() + " of the ledger of " + account.getKey() + ", which is not"
              + " stored");
          continue;
        }
        count.merge(event.version(), 1, Integer::sum);
        if (event.type() != typeOf(entry) || !event.amount().isEqual(entry.amount())) {
          violations.add("credit event " + event.eventId() + " (" + event.type() + ", "
              + event.amount() + ") disagrees with entry " + entry.sequence() + " of the ledger"
              + " of " + account.getKey() + " (" + entry.kind() + ", " + entry.amount() + ")");
        }
      }
      for (Long sequence : account.getValue().keySet()) {
        int events = count.getOrDefault(sequence, 0);
        if (events != 1) {
          violations.add("entry " + sequence + " of the ledger of " + account.getKey() + " has "
              + events + " events");
        }
      }
    }
    byAccount.keySet().stream().filter(id -> !entries.containsKey(AccountId.of(id)))
        .forEach(id -> violations.add("credit events of the ledger of " + id
            + ", which holds no entries"));
  }

  /** The event an entry publishes. */
  static CreditEventType typeOf(AccountCreditEntry entry) {
    return switch (entry.kind()) {
      case OVERPAYMENT, CREDIT_NOTE -> CreditEventType.ACCOUNT_CREDITED;
      case APPLIED -> CreditEventType.ACCOUNT_CREDIT_APPLIED;
      case REFUNDED -> CreditEventType.ACCOUNT_CREDIT_REFUNDED;
    };
  }
}
