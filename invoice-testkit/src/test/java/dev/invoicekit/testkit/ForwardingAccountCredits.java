package dev.invoicekit.testkit;

import dev.invoicekit.credit.AccountCreditEntry;
import dev.invoicekit.credit.AccountCreditEntryId;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.ports.AccountCredits;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * An account-credit ledger that hands every call to the one it wraps: the base of the broken
 * fakes, which override only what they break.
 */
public class ForwardingAccountCredits implements AccountCredits {

  private final AccountCredits delegate;

  /**
   * Forwards to a ledger.
   *
   * @param delegate the ledger every call goes to, not null
   */
  public ForwardingAccountCredits(AccountCredits delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public AccountCreditEntry append(AccountCreditEntry entry) {
    return delegate.append(entry);
  }

  @Override
  public Money balance(TenantId tenant, AccountId account, CurrencyUnit currency) {
    return delegate.balance(tenant, account, currency);
  }

  @Override
  public List<AccountCreditEntry> entries(
      TenantId tenant, AccountId account, CurrencyUnit currency) {
    return delegate.entries(tenant, account, currency);
  }

  @Override
  public Optional<AccountCreditEntry> findEntry(TenantId tenant, AccountCreditEntryId id) {
    return delegate.findEntry(tenant, id);
  }
}
