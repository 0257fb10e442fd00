package dev.invoicekit.testkit.lifecycle;

import dev.invoicekit.credit.AccountCreditEntry;
import dev.invoicekit.credit.CreditEvent;
import dev.invoicekit.credit.CreditNote;
import dev.invoicekit.credit.CreditNoteId;
import dev.invoicekit.credit.CreditNoteStatus;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.TenantId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * What a sequence's tenant holds besides its invoices, as committed after a step and read through
 * the target: its credit notes, the account-credit ledgers the sequence can touch (its account and
 * another, each in its currency and another) with their balances, and the credit events.
 *
 * <p>Immutable and thread-safe.
 *
 * @param notes the credit notes of the sequence's invoices, by id
 * @param ledgers the entries of each ledger, in the order the ledger lists them
 * @param balances the balance the ledger reports for each
 * @param events the credit events, by event id
 */
record CreditState(
    Map<CreditNoteId, CreditNote> notes,
    Map<Ledger, List<AccountCreditEntry>> ledgers,
    Map<Ledger, Money> balances,
    Map<String, CreditEvent> events) {

  /** The currency of every invoice the checker creates. */
  static final CurrencyUnit CURRENCY = CurrencyUnit.EUR;

  /** The currency the checker applies credit in to be refused. */
  static final CurrencyUnit OTHER_CURRENCY = CurrencyUnit.USD;

  /** The account whose credit the checker applies to be refused. */
  static final AccountId OTHER_ACCOUNT = AccountId.of("someone-else");

  /**
   * One ledger: an account's credit in one currency.
   *
   * @param account the account
   * @param currency the currency
   */
  record Ledger(AccountId account, CurrencyUnit currency) {
    @Override
    public String toString() {
      return account + " in " + currency;
    }
  }

  /** The four ledgers the checker reads. */
  static List<Ledger> ledgersOf(AccountId account) {
    List<Ledger> ledgers = new ArrayList<>();
    for (AccountId one : List.of(account, OTHER_ACCOUNT)) {
      for (CurrencyUnit currency : List.of(CURRENCY, OTHER_CURRENCY)) {
        ledgers.add(new Ledger(one, currency));
      }
    }
    return ledgers;
  }

  /**
   * Reads what the tenant committed.
   *
   * @param target the target, not null
   * @param tenant the tenant, not null
   * @param account the sequences' account, not null
   * @param invoices the tenant's invoices, whose notes are read, not null
   * @param violations where a listed event of another tenant or a reused event id is reported
   * @return the state, not null
   */
  static CreditState read(LifecycleTarget target, TenantId tenant, AccountId account,
      Collection<InvoiceId> invoices, List<String> violations) {
    Map<CreditNoteId, CreditNote> notes = new TreeMap<>(
        (a, b) -> a.value().compareTo(b.value()));
    for (InvoiceId invoice : invoices) {
      for (CreditNote note : target.creditNotes().findByInvoice(tenant, invoice)) {
        if (!note.tenant().equals(tenant) || !note.invoiceId().equals(invoice)) {
          violations.add("credit note " + note.id() + " of tenant " + note.tenant()
              + " and invoice " + note.invoiceId() + " listed for invoice " + invoice
              + " of " + tenant);
        }
        notes.put(note.id(), note);
      }
    }
    Map<Ledger, List<AccountCreditEntry>> ledgers = new LinkedHashMap<>();
    Map<Ledger, Money> balances = new LinkedHashMap<>();
    for (Ledger ledger : ledgersOf(account)) {
      ledgers.put(ledger, List.copyOf(
          target.accountCredits().entries(tenant, ledger.account(), ledger.currency())));
      balances.put(ledger,
          target.accountCredits().balance(tenant, ledger.account(), ledger.currency()));
    }
    Map<String, CreditEvent> events = new TreeMap<>();
    for (CreditEvent event : target.creditEvents(tenant)) {
      if (!event.tenant().equals(tenant)) {
        violations.add("credit event " + event.eventId() + " of tenant " + event.tenant()
            + " listed for " + tenant);
      }
      if (events.put(event.eventId(), event) != null) {
        violations.add("credit event id " + event.eventId() + " is used twice");
      }
    }
    return new CreditState(notes, ledgers, balances, events);
  }

  /**
   * The credit of a ledger by the checker's own count: the sum of its entries, not the balance
   * the ledger reports.
   *
   * @param ledger the ledger, not null
   * @return the sum, not null
   */
  Money credit(Ledger ledger) {
    return sum(ledgers.getOrDefault(ledger, List.of()), ledger.currency());
  }

  /** The signed sum of entries in a currency. */
  static Money sum(List<AccountCreditEntry> entries, CurrencyUnit currency) {
    Money sum = Money.zero(currency);
    for (AccountCreditEntry entry : entries) {
      sum = sum.plus(entry.signedAmount());
    }
    return sum;
  }

  /** The issued notes of one invoice. */
  List<CreditNote> issuedOf(InvoiceId invoice) {
    List<CreditNote> issued = new ArrayList<>();
    for (CreditNote note : notes.values()) {
      if (note.invoiceId().equals(invoice)
          && note.status() == CreditNoteStatus.ISSUED) {
        issued.add(note);
      }
    }
    return issued;
  }
}
