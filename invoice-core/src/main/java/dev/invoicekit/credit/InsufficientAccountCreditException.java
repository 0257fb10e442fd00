package dev.invoicekit.credit;

import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.InvoiceRefusal;
import org.joda.money.Money;

/**
 * Thrown when account credit would be applied or refunded beyond the account's balance in that
 * currency: the ledger never goes negative. Nothing is changed.
 *
 * <p>Extends {@link IllegalStateException}: the request is well formed, the balance refuses it.
 * An {@link InvoiceRefusal}.
 */
public class InsufficientAccountCreditException extends IllegalStateException
    implements InvoiceRefusal {

  private static final long serialVersionUID = 1L;

  private final transient AccountId account;
  private final transient Money balance;
  private final transient Money requested;

  /**
   * Creates the exception.
   *
   * @param account the account, not null
   * @param balance its balance in the currency, not null
   * @param requested what was asked for, not null
   * @param action what was attempted, such as "apply" or "refund", not null
   */
  public InsufficientAccountCreditException(
      AccountId account, Money balance, Money requested, String action) {
    super("Cannot " + action + " " + requested + " of account credit of account " + account
        + ": its balance is " + balance + "; " + action + " at most the balance");
    this.account = account;
    this.balance = balance;
    this.requested = requested;
  }

  /** The account. @return the account, not null */
  public AccountId account() {
    return account;
  }

  /** The balance when refused. @return the balance, not null */
  public Money balance() {
    return balance;
  }

  /** What was asked for. @return the amount, not null */
  public Money requested() {
    return requested;
  }
}
