package dev.invoicekit.credit;

import java.util.Objects;
import java.util.Optional;
import org.joda.money.Money;

/**
 * What the host wants done with the part of a credit note beyond the invoice's balance (the
 * invoice was already paid, in part or in full): refund it, keep it as the account's credit, or
 * refund an amount and keep the rest. {@link #NONE} expects no excess and refuses a credit note
 * that has one, so that money is never allocated by default.
 *
 * <p>Immutable and thread-safe.
 */
public final class ExcessCredit {

  /** Expects no excess: issuing a credit note that exceeds the balance is refused. */
  public static final ExcessCredit NONE = new ExcessCredit(Mode.NONE, null);

  private static final ExcessCredit REFUND_ALL = new ExcessCredit(Mode.REFUND, null);
  private static final ExcessCredit KEEP_ALL = new ExcessCredit(Mode.ACCOUNT_CREDIT, null);

  private enum Mode { NONE, REFUND, ACCOUNT_CREDIT, SPLIT }

  private final Mode mode;
  private final Money refundAmount;

  private ExcessCredit(Mode mode, Money refundAmount) {
    this.mode = mode;
    this.refundAmount = refundAmount;
  }

  /**
   * Refunds the whole excess.
   *
   * @return the choice, not null
   */
  public static ExcessCredit refund() {
    return REFUND_ALL;
  }

  /**
   * Keeps the whole excess as the account's credit, in the invoice's currency.
   *
   * @return the choice, not null
   */
  public static ExcessCredit toAccountCredit() {
    return KEEP_ALL;
  }

  /**
   * Refunds an amount of the excess and keeps the rest as the account's credit.
   *
   * @param refundAmount the part refunded, zero or more and at most the excess, not null
   * @return the choice, not null
   */
  public static ExcessCredit refundAndKeepRest(Money refundAmount) {
    Objects.requireNonNull(refundAmount, "refundAmount");
    return new ExcessCredit(Mode.SPLIT, refundAmount);
  }

  /**
   * The amount to refund when given explicitly by {@link #refundAndKeepRest(Money)}.
   *
   * @return the amount, or empty for the other choices
   */
  public Optional<Money> refundAmount() {
    return Optional.ofNullable(refundAmount);
  }

  /** Splits an excess (zero or more) into refunded and kept; null when this choice refuses it. */
  Money[] split(Money excess) {
    Money zero = excess.withAmount(0);
    if (excess.isZero()) {
      return new Money[] {zero, zero};
    }
    return switch (mode) {
      case NONE -> null;
      case REFUND -> new Money[] {excess, zero};
      case ACCOUNT_CREDIT -> new Money[] {zero, excess};
      // A refund in another currency is the caller's to refuse, naming both currencies.
      case SPLIT -> refundAmount.getCurrencyUnit().equals(excess.getCurrencyUnit())
          ? new Money[] {refundAmount, excess.minus(refundAmount)}
          : new Money[] {refundAmount, zero};
    };
  }

  /** A stable text for idempotency fingerprints and logs. */
  @Override
  public String toString() {
    return mode == Mode.SPLIT ? "refund " + refundAmount + ", keep the rest" : mode.name();
  }
}
