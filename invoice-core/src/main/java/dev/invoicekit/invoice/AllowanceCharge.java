package dev.invoicekit.invoice;

import dev.invoicekit.internal.Inputs;
import dev.invoicekit.money.Percentage;
import dev.invoicekit.money.RoundingPolicy;
import java.util.Optional;
import java.util.stream.Stream;
import org.joda.money.Money;

/**
 * What a line allowance or charge and a document allowance or charge have in common: an amount
 * given outright, or a percentage of a base amount (EN 16931 BT-136..138, BT-141..143, BT-92..94,
 * BT-99..101).
 *
 * <p>An allowance is always subtracted and a charge always added, whatever the sign of the amount:
 * negative invoices carry negative allowances (EN 16931 has no rule that takes an absolute value).
 */
public abstract class AllowanceCharge {

  /** Whether the amount is subtracted (allowance, discount) or added (charge, surcharge). */
  public enum Kind {
    /** Subtracted from the net: a discount. */
    ALLOWANCE,
    /** Added to the net: a surcharge, freight, packing. */
    CHARGE
  }

  AllowanceCharge() {}

  /** Allowance or charge. */
  public abstract Kind kind();

  /**
   * The amount, when given outright. When a percentage is given too, this amount counts (as in
   * EN 16931, where the amount is the mandatory term).
   */
  public abstract Optional<Money> amount();

  /** The amount the percentage applies to. Only together with a percentage. */
  public abstract Optional<Money> baseAmount();

  /** The percentage of the base amount, between 0 and 100. */
  public abstract Optional<Percentage> percentage();

  /** Why, in words, such as "Volume discount". */
  public abstract Optional<String> reason();

  /** Why, as a code (UNCL5189 for allowances, UNCL7161 for charges). */
  public abstract Optional<String> reasonCode();

  /**
   * True for an allowance.
   *
   * @return whether the amount is subtracted
   */
  public boolean isAllowance() {
    return kind() == Kind.ALLOWANCE;
  }

  /**
   * The amount: the given amount, or base x percentage / 100 rounded once to the currency's scale.
   *
   * @param defaultBase the base when none is given (the line amount for a line allowance), not null
   * @param policy the rounding policy, not null
   * @return the amount, in the base's currency, not null
   */
  public Money amount(Money defaultBase, RoundingPolicy policy) {
    if (amount().isPresent()) {
      return amount().get();
    }
    return policy.percentOf(baseAmount().orElse(defaultBase), percentage().orElseThrow().value());
  }

  /**
   * The amount's effect on the net: negated for an allowance, as is for a charge.
   *
   * @param amount the amount as returned by {@link #amount(Money, RoundingPolicy)}, not null
   * @return the signed effect, not null
   */
  public Money signedEffect(Money amount) {
    return isAllowance() ? amount.negated() : amount;
  }

  /** Every money amount this part carries, for the invoice's one-currency check. */
  Stream<Money> moneyAmounts() {
    return Stream.of(amount(), baseAmount()).flatMap(Optional::stream);
  }

  /** What the user calls this part in messages, such as "allowance 'Volume discount'". */
  String label() {
    String what = isAllowance() ? "allowance" : "charge";
    return reason().map(r -> what + " '" + r + "'").orElse(what);
  }

  /** Refuses text and amounts outside {@link InputLimits}, before anything uses them. */
  private void checkBounds() {
    String what = isAllowance() ? "An allowance" : "A charge";
    reason().map(r -> Inputs.textProblem(r, InputLimits.REASON_LENGTH)).ifPresent(problem -> {
      throw new InvalidInvoiceException(what + "'s reason " + problem);
    });
    reasonCode().map(Inputs::idProblem).ifPresent(problem -> {
      throw new InvalidInvoiceException(what + "'s reason code " + problem);
    });
    for (Money money : (Iterable<Money>) moneyAmounts()::iterator) {
      String problem = Inputs.decimalProblem(
          money.getAmount(), InputLimits.AMOUNT_INTEGER_DIGITS, money.getScale());
      if (problem != null) {
        throw new InvalidInvoiceException(what + "'s amount " + problem);
      }
    }
  }

  /**
   * Checks the shape shared by every allowance and charge.
   *
   * @param percentageNeedsBase whether a percentage without a base amount is an error
   */
  void checkShape(boolean percentageNeedsBase) {
    checkBounds();
    if (amount().isEmpty() && percentage().isEmpty()) {
      throw new InvalidInvoiceException(
          "The " + label() + " needs an amount or a percentage; give one of them");
    }
    if (baseAmount().isPresent() && percentage().isEmpty()) {
      throw new InvalidInvoiceException(
          "The "
              + label()
              + " has a base amount but no percentage; give both (EN 16931 PEPPOL-R041) or only an"
              + " amount");
    }
    if (percentageNeedsBase && percentage().isPresent() && baseAmount().isEmpty()
        && amount().isEmpty()) {
      throw new InvalidInvoiceException(
          "The document-level "
              + label()
              + " has a percentage but no base amount; give the base amount it applies to");
    }
    if (amount().isPresent() && baseAmount().isPresent()
        && !amount().get().getCurrencyUnit().equals(baseAmount().get().getCurrencyUnit())) {
      throw new InvalidInvoiceException(
          "The "
              + label()
              + " has its amount in "
              + amount().get().getCurrencyUnit()
              + " and its base in "
              + baseAmount().get().getCurrencyUnit()
              + "; use one currency");
    }
  }
}
