package dev.invoicekit.invoice;

import dev.invoicekit.internal.Inputs;
import dev.invoicekit.money.Percentage;
import java.util.Objects;
import java.util.Optional;
import org.joda.money.BigMoneyProvider;
import org.joda.money.Money;

/**
 * The product's single document discount: a percentage of the subtotal or a fixed amount. The
 * calculator splits it across the tax groups in proportion to their line nets, largest remainder
 * first, so the parts add up to the discount to the cent.
 *
 * <p>Immutable and thread-safe.
 */
public final class OverallDiscount {

  private final Percentage percentage;
  private final Money fixedAmount;

  private OverallDiscount(Percentage percentage, Money fixedAmount) {
    this.percentage = percentage;
    this.fixedAmount = fixedAmount;
  }

  /**
   * A discount of a percentage of the subtotal (the sum of line nets).
   *
   * @param percentage the percentage, not null
   * @return the discount, not null
   */
  public static OverallDiscount percent(Percentage percentage) {
    return new OverallDiscount(Objects.requireNonNull(percentage, "percentage"), null);
  }

  /**
   * A discount of a percentage of the subtotal, such as {@code percent("10")}.
   *
   * @param percentage the percentage as decimal text between 0 and 100, not null
   * @return the discount, not null
   */
  public static OverallDiscount percent(String percentage) {
    return percent(Percentage.parse(percentage));
  }

  /**
   * A discount of a fixed amount.
   *
   * @param amount the amount, zero or positive, in the invoice's currency, not null
   * @return the discount, not null
   * @throws InvalidInvoiceException if the amount is negative
   */
  public static OverallDiscount fixed(Money amount) {
    Objects.requireNonNull(amount, "amount");
    String problem = Inputs.amountProblem(amount);
    if (problem != null) {
      throw new InvalidInvoiceException("The overall discount " + problem);
    }
    if (amount.isNegative()) {
      throw new InvalidInvoiceException(
          "An overall discount cannot be negative, was " + amount + "; add a charge instead");
    }
    return new OverallDiscount(null, amount);
  }

  /**
   * A fixed overall discount from any Joda-Money amount, such as a {@code BigMoney} parsed from a
   * request, refused clearly when it has more decimals than its currency.
   *
   * @param amount the discount, zero or more, with at most the currency's decimals, not null
   * @return the discount, not null
   * @throws InvalidInvoiceException if the amount is negative, has more decimals than its currency
   *     or more digits than {@link InputLimits#AMOUNT_INTEGER_DIGITS}
   */
  public static OverallDiscount fixed(BigMoneyProvider amount) {
    Objects.requireNonNull(amount, "amount");
    return fixed(Inputs.exactMoney(amount, "The overall discount", InvalidInvoiceException::new));
  }

  /** The percentage, if this is a percentage discount. @return the percentage, or empty */
  public Optional<Percentage> percentage() {
    return Optional.ofNullable(percentage);
  }

  /** The amount, if this is a fixed discount. @return the amount, or empty */
  public Optional<Money> fixedAmount() {
    return Optional.ofNullable(fixedAmount);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OverallDiscount
        && Objects.equals(((OverallDiscount) other).percentage, percentage)
        && Objects.equals(((OverallDiscount) other).fixedAmount, fixedAmount);
  }

  @Override
  public int hashCode() {
    return Objects.hash(percentage, fixedAmount);
  }

  /** Such as {@code 10 %} or {@code EUR 25.00}. */
  @Override
  public String toString() {
    return percentage != null ? percentage + " %" : fixedAmount.toString();
  }
}
