package dev.invoicekit.credit;

import dev.invoicekit.internal.Inputs;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.InputLimits;
import dev.invoicekit.invoice.InvalidInvoiceException;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.TenantId;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * One entry of an account's credit ledger: per tenant and account, append-only, one balance per
 * currency that never goes negative. Credit comes from an overpayment or a credit note's excess;
 * it goes by being applied to an open invoice of the account or refunded.
 *
 * <p>The ledger numbers the entries of one account 1, 2, 3, ... across its currencies
 * ({@link #sequence()}) and records the currency's balance after each; both are 0 and zero in an
 * entry not yet stored, and the ledger fills them in.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the entry's id, unique in the tenant, not null
 * @param tenant the tenant, not null
 * @param account the account, not null
 * @param kind where the credit came from or went, not null
 * @param amount the amount, greater than zero; its currency is the balance's, not null
 * @param date the business date, not null
 * @param invoiceId the invoice paid too much, or credited, or settled, if any, not null
 * @param creditNoteId the credit note whose excess was kept, if any, not null
 * @param reason why, for a refund, if given, not null
 * @param sequence the entry's number in the account's ledger, 0 until stored
 * @param balanceAfter the currency's balance after this entry, zero until stored, not null
 */
public record AccountCreditEntry(
    AccountCreditEntryId id,
    TenantId tenant,
    AccountId account,
    Kind kind,
    Money amount,
    LocalDate date,
    Optional<InvoiceId> invoiceId,
    Optional<CreditNoteId> creditNoteId,
    Optional<String> reason,
    long sequence,
    Money balanceAfter) {

  /** Where the credit came from or went. */
  public enum Kind {
    /** The excess of a payment above an invoice's balance. Adds. */
    OVERPAYMENT,
    /** The excess of a credit note kept as credit. Adds. */
    CREDIT_NOTE,
    /** Applied to an open invoice of the account. Takes away. */
    APPLIED,
    /** Paid back to the customer. Takes away. */
    REFUNDED;

    /**
     * Whether the entry adds to the balance.
     *
     * @return true for OVERPAYMENT and CREDIT_NOTE
     */
    public boolean adds() {
      return this == OVERPAYMENT || this == CREDIT_NOTE;
    }
  }

  /**
   * Checks the parts.
   *
   * @throws InvalidInvoiceException if the amount is not positive or not storable, the date or
   *     reason breaks its rule, or the balance is negative
   */
  public AccountCreditEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(invoiceId, "invoiceId");
    Objects.requireNonNull(creditNoteId, "creditNoteId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(balanceAfter, "balanceAfter");
    String entry = "Account credit entry " + id;
    String problem = Inputs.amountProblem(amount);
    if (problem == null && !amount.isPositive()) {
      problem = "must be greater than zero, was " + amount;
    }
    if (problem != null) {
      throw new InvalidInvoiceException(entry + ": the amount " + problem);
    }
    problem = Inputs.dateProblem(date);
    if (problem != null) {
      throw new InvalidInvoiceException(entry + ": the date " + problem);
    }
    reason.map(r -> Inputs.textProblem(r, InputLimits.REASON_LENGTH)).ifPresent(p -> {
      throw new InvalidInvoiceException(entry + ": the reason " + p);
    });
    if (!balanceAfter.getCurrencyUnit().equals(amount.getCurrencyUnit())
        || balanceAfter.isNegative() || sequence < 0) {
      throw new InvalidInvoiceException(entry + ": the balance after it must be zero or more in "
          + amount.getCurrencyUnit() + " and its sequence not negative, was " + balanceAfter
          + " at " + sequence);
    }
  }

  /**
   * A new entry, before the ledger stores it.
   *
   * @param id the entry's id, not null
   * @param tenant the tenant, not null
   * @param account the account, not null
   * @param kind where the credit came from or went, not null
   * @param amount the amount, greater than zero, not null
   * @param date the business date, not null
   * @return the entry, with sequence 0 and a zero balance, not null
   */
  public static AccountCreditEntry of(
      AccountCreditEntryId id,
      TenantId tenant,
      AccountId account,
      Kind kind,
      Money amount,
      LocalDate date) {
    return new AccountCreditEntry(id, tenant, account, kind, amount, date, Optional.empty(),
        Optional.empty(), Optional.empty(), 0, Money.zero(amount.getCurrencyUnit()));
  }

  /** The currency of the balance it changes. @return the currency, not null */
  public CurrencyUnit currency() {
    return amount.getCurrencyUnit();
  }

  /**
   * The effect on the balance: positive when it adds, negative when it takes away.
   *
   * @return the signed amount, not null
   */
  public Money signedAmount() {
    return kind.adds() ? amount : amount.negated();
  }

  /**
   * This entry for an invoice.
   *
   * @param invoice the invoice, not null
   * @return the copy, not null
   */
  public AccountCreditEntry withInvoice(InvoiceId invoice) {
    return new AccountCreditEntry(id, tenant, account, kind, amount, date, Optional.of(invoice),
        creditNoteId, reason, sequence, balanceAfter);
  }

  /**
   * This entry for a credit note.
   *
   * @param creditNote the credit note, not null
   * @return the copy, not null
   */
  public AccountCreditEntry withCreditNote(CreditNoteId creditNote) {
    return new AccountCreditEntry(id, tenant, account, kind, amount, date, invoiceId,
        Optional.of(creditNote), reason, sequence, balanceAfter);
  }

  /**
   * This entry with a reason.
   *
   * @param why the reason, not null
   * @return the copy, not null
   */
  public AccountCreditEntry withReason(String why) {
    return new AccountCreditEntry(id, tenant, account, kind, amount, date, invoiceId,
        creditNoteId, Optional.of(why), sequence, balanceAfter);
  }

  /**
   * This entry as the ledger stored it.
   *
   * @param storedSequence its number in the account's ledger, positive
   * @param balance the currency's balance after it, not null
   * @return the copy, not null
   */
  public AccountCreditEntry stored(long storedSequence, Money balance) {
    return new AccountCreditEntry(id, tenant, account, kind, amount, date, invoiceId,
        creditNoteId, reason, storedSequence, balance);
  }
}
