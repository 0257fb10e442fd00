package dev.invoicekit.inmemory;

import dev.invoicekit.credit.AccountCreditEntry;
import dev.invoicekit.credit.AccountCreditEntryId;
import dev.invoicekit.credit.InsufficientAccountCreditException;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.ports.AccountCredits;
import dev.invoicekit.ports.InvoicePersistenceException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The account-credit ledger in memory: entries per tenant and account, a balance per currency
 * computed from them, the same guard as the JDBC adapter.
 *
 * <p>Thread-safe.
 */
public final class InMemoryAccountCredits implements AccountCredits {

  private final InMemoryTransactions transactions;
  private final Map<TenantId, Map<AccountId, List<AccountCreditEntry>>> ledgers = new HashMap<>();

  /**
   * Creates an empty ledger.
   *
   * @param transactions the transactions it takes part in, not null
   */
  public InMemoryAccountCredits(InMemoryTransactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  @Override
  public AccountCreditEntry append(AccountCreditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    return transactions.inTransaction(() -> {
      if (find(entry.tenant(), entry.id()).isPresent()) {
        throw new InvoicePersistenceException("Account credit entry " + entry.id()
            + " is already stored in tenant " + entry.tenant());
      }
      List<AccountCreditEntry> ledger = ledgers
          .computeIfAbsent(entry.tenant(), t -> new HashMap<>())
          .computeIfAbsent(entry.account(), a -> new ArrayList<>());
      Money before = sum(ledger, entry.currency());
      Money after = before.plus(entry.signedAmount());
      if (after.isNegative()) {
        throw new InsufficientAccountCreditException(entry.account(), before, entry.amount(),
            entry.kind() == AccountCreditEntry.Kind.REFUNDED ? "refund" : "apply");
      }
      AccountCreditEntry stored = entry.stored(ledger.size() + 1, after);
      transactions.write(() -> ledger.add(stored), () -> ledger.remove(ledger.size() - 1));
      return stored;
    });
  }

  @Override
  public Money balance(TenantId tenant, AccountId account, CurrencyUnit currency) {
    return transactions.read(() -> sum(ledger(tenant, account), currency));
  }

  @Override
  public List<AccountCreditEntry> entries(
      TenantId tenant, AccountId account, CurrencyUnit currency) {
    return transactions.read(() -> {
      List<AccountCreditEntry> found = new ArrayList<>();
      for (AccountCreditEntry entry : ledger(tenant, account)) {
        if (entry.currency().equals(currency)) {
          found.add(entry);
        }
      }
      return found;
    });
  }

  @Override
  public Optional<AccountCreditEntry> findEntry(TenantId tenant, AccountCreditEntryId id) {
    return transactions.read(() -> find(tenant, id));
  }

  private Optional<AccountCreditEntry> find(TenantId tenant, AccountCreditEntryId id) {
    for (List<AccountCreditEntry> ledger : ledgers.getOrDefault(tenant, Map.of()).values()) {
      for (AccountCreditEntry entry : ledger) {
        if (entry.id().equals(id)) {
          return Optional.of(entry);
        }
      }
    }
    return Optional.empty();
  }

  private List<AccountCreditEntry> ledger(TenantId tenant, AccountId account) {
    return ledgers.getOrDefault(tenant, Map.of()).getOrDefault(account, List.of());
  }

  private static Money sum(List<AccountCreditEntry> ledger, CurrencyUnit currency) {
    Money balance = Money.zero(currency);
    for (AccountCreditEntry entry : ledger) {
      if (entry.currency().equals(currency)) {
        balance = balance.plus(entry.signedAmount());
      }
    }
    return balance;
  }
}
