package dev.invoicekit.ports;

import dev.invoicekit.credit.AccountCreditEntry;
import dev.invoicekit.credit.AccountCreditEntryId;
import dev.invoicekit.credit.InsufficientAccountCreditException;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.TenantId;
import java.util.List;
import java.util.Optional;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The account-credit ledger: per tenant, account and currency, append-only, with a balance that
 * never goes negative. The guard is the ledger's own: an entry that takes away more than the
 * balance is refused atomically, also when many threads and application instances append at once
 * (the JDBC adapter updates the balance row with the guard in its {@code WHERE} clause).
 *
 * <p>Implementations must be thread-safe and take part in the {@link Transactions} the service
 * runs its commands in.
 */
public interface AccountCredits {

  /**
   * Appends an entry and moves the balance of its currency by its signed amount, all or nothing.
   *
   * @param entry a new entry (sequence 0), not null
   * @return the entry as stored: its sequence in the account's ledger (1, 2, 3, ... across
   *     currencies) and the currency's balance after it, not null
   * @throws InsufficientAccountCreditException if it takes away more than the balance; nothing is
   *     stored
   * @throws InvoicePersistenceException if its id is already taken in the tenant
   */
  AccountCreditEntry append(AccountCreditEntry entry);

  /**
   * The balance of an account in a currency.
   *
   * @param tenant the tenant, not null
   * @param account the account, not null
   * @param currency the currency, not null
   * @return the balance, zero for an account without entries, never negative
   */
  Money balance(TenantId tenant, AccountId account, CurrencyUnit currency);

  /**
   * The entries of an account in a currency, in sequence order.
   *
   * @param tenant the tenant, not null
   * @param account the account, not null
   * @param currency the currency, not null
   * @return the entries, not null
   */
  List<AccountCreditEntry> entries(TenantId tenant, AccountId account, CurrencyUnit currency);

  /**
   * Loads an entry by id.
   *
   * @param tenant the tenant, not null
   * @param id the entry, not null
   * @return the entry as stored, or empty
   */
  Optional<AccountCreditEntry> findEntry(TenantId tenant, AccountCreditEntryId id);
}
