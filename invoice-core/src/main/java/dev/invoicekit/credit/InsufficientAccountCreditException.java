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
    this(account, balance, requested, action, "");
  }

  /**
   * The same refusal for credit applied to an invoice, which the message names too.
   *
   * @param refused the ledger's refusal, not null
   * @param invoice the invoice's number, or its id before it has one, not null
   * @return the refusal naming the invoice, with the ledger's as its cause, not null
   */
  public static InsufficientAccountCreditException applyingTo(
      InsufficientAccountCreditException refused, String invoice) {
    InsufficientAccountCreditException named = new InsufficientAccountCreditException(
        refused.account, refused.balance, refused.requested, "apply", " to invoice " + invoice);
    named.initCause(refused);
    return named;
  }

  private InsufficientAccountCreditException(
      AccountId account, Money balance, Money requested, String action, String target) {
    super("Cannot " + action + " " + requested + " of account credit of account " + account
        + target + ": its balance is " + balance + "; " + action + " at most the balance");
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
