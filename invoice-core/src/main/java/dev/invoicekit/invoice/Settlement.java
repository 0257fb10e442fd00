package dev.invoicekit.invoice;

import dev.invoicekit.internal.Inputs;
import java.time.LocalDate;
import java.util.Optional;
import org.immutables.value.Value;
import org.joda.money.Money;

/**
 * A change of an invoice's balance that is not money received or given back: part of a credit
 * note, account credit applied, a write-off, or the reversal of a write-off when a payment comes
 * in after all. Settlements are append-only like payments; a reversal is a settlement of its own.
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
public abstract class Settlement implements WithSettlement {

  // Implemented by the generated value class only: hosts build one, they do not subclass.
  Settlement() {}

  /** What settled the balance. */
  public enum Kind {
    /** A credit note issued against the invoice reduced its balance (reference: the note's id). */
    CREDIT_NOTE,
    /** Account credit of the invoice's account was applied (reference: the ledger entry's id). */
    ACCOUNT_CREDIT,
    /** The balance was written off as uncollectible (with a reason). */
    WRITE_OFF,
    /** A write-off was taken back because a payment came in (reference: the payment's id). */
    WRITE_OFF_REVERSAL
  }

  /** Builds a settlement; id, kind, amount and date are required. */
  public static class Builder extends ImmutableSettlement.Builder {
    /** An empty builder. */
    public Builder() {}
  }

  /** The settlement's id, unique within its invoice. */
  public abstract SettlementId id();

  /** What settled the balance. */
  public abstract Kind kind();

  /** The amount, greater than zero, in the invoice's currency. */
  public abstract Money amount();

  /** The business date of the settlement. */
  public abstract LocalDate date();

  /** The id of the document behind it: credit note, ledger entry or payment. */
  public abstract Optional<String> reference();

  /** Why, for a write-off. */
  public abstract Optional<String> reason();

  /**
   * The amount's effect on the balance: positive reduces it, negative (a write-off reversal)
   * raises it again.
   *
   * @return the signed amount, not null
   */
  public Money signedAmount() {
    return kind() == Kind.WRITE_OFF_REVERSAL ? amount().negated() : amount();
  }

  @Value.Check
  protected void check() {
    String settlement = "Settlement " + id();
    String problem = Inputs.amountProblem(amount());
    if (problem != null) {
      throw new InvalidInvoiceException(settlement + ": the amount " + problem);
    }
    if (!amount().isPositive()) {
      throw new InvalidInvoiceException(
          settlement + ": the amount must be greater than zero, was " + amount());
    }
    problem = Inputs.dateProblem(date());
    if (problem != null) {
      throw new InvalidInvoiceException(settlement + ": the date " + problem);
    }
    reference().map(Inputs::idProblem).ifPresent(p -> {
      throw new InvalidInvoiceException(settlement + ": the reference " + p);
    });
    reason().map(r -> Inputs.textProblem(r, InputLimits.REASON_LENGTH)).ifPresent(p -> {
      throw new InvalidInvoiceException(settlement + ": the reason " + p);
    });
  }
}
