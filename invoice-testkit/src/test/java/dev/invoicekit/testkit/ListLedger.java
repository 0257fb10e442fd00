package dev.invoicekit.testkit;

import dev.invoicekit.credit.AccountCreditEntry;
import dev.invoicekit.credit.AccountCreditEntryId;
import dev.invoicekit.credit.InsufficientAccountCreditException;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.ports.AccountCredits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * An account-credit ledger kept in one list, for the broken fakes that need to write what a
 * healthy ledger never would. As written it is a faithful ledger (outside any transaction, which
 * the checker's fixed sequences do not need); its subclasses break one promise each.
 *
 * <p>Thread-safe.
 */
public class ListLedger implements AccountCredits {

  private final List<AccountCreditEntry> entries = new ArrayList<>();

  @Override
  public synchronized AccountCreditEntry append(AccountCreditEntry entry) {
    Money before = balance(entry.tenant(), entry.account(), entry.currency());
    Money after = before.plus(entry.signedAmount());
    if (after.isNegative() && refuses(entry, before)) {
      throw new InsufficientAccountCreditException(entry.account(), before, entry.amount(),
          entry.kind() == AccountCreditEntry.Kind.REFUNDED ? "refund" : "apply");
    }
    long sequence = 1 + entries.stream().filter(e -> e.tenant().equals(entry.tenant())
        && e.account().equals(entry.account())).count();
    // A balance row cannot hold less than zero: what a guard-less ledger would record.
    AccountCreditEntry stored =
        entry.stored(sequence, after.isNegative() ? after.withAmount(0) : after);
    entries.add(stored);
    return stored;
  }

  /**
   * Whether the guard refuses an entry that would take the balance below zero; true here.
   *
   * @param entry the entry refused, not null
   * @param balance the balance before it, not null
   * @return whether to refuse it
   */
  protected boolean refuses(AccountCreditEntry entry, Money balance) {
    return true;
  }

  /**
   * Replaces a stored entry, for the fakes that rewrite one.
   *
   * @param old the entry as stored, not null
   * @param rewritten what to store instead, not null
   */
  protected final synchronized void rewrite(AccountCreditEntry old, AccountCreditEntry rewritten) {
    entries.set(entries.indexOf(old), rewritten);
  }

  @Override
  public synchronized Money balance(TenantId tenant, AccountId account, CurrencyUnit currency) {
    Money balance = Money.zero(currency);
    for (AccountCreditEntry entry : entries(tenant, account, currency)) {
      balance = balance.plus(entry.signedAmount());
    }
    return balance;
  }

  @Override
  public synchronized List<AccountCreditEntry> entries(
      TenantId tenant, AccountId account, CurrencyUnit currency) {
    return entries.stream().filter(e -> e.tenant().equals(tenant)
        && e.account().equals(account) && e.currency().equals(currency)).toList();
  }

  @Override
  public synchronized Optional<AccountCreditEntry> findEntry(
      TenantId tenant, AccountCreditEntryId id) {
    return entries.stream().filter(e -> e.tenant().equals(tenant) && e.id().equals(id))
        .findFirst();
  }
}
