package dev.invoicekit.invoice;

import dev.invoicekit.internal.Decimals;
import dev.invoicekit.internal.Inputs;
import dev.invoicekit.tax.TaxCode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.immutables.value.Value;
import org.joda.money.BigMoney;
import org.joda.money.BigMoneyProvider;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * One line of an invoice: what was sold, how many, at what unit price, with which allowances and
 * charges and under which tax code.
 *
 * <p>The quantity may be fractional; a negative quantity makes a return line. The unit price may
 * carry more decimals than the currency (0.1212 EUR) and is never rounded; it may be a price per
 * {@link #baseQuantity()} units ("12.50 per 100"). Its line net is
 * {@code round(quantity x unitPrice / baseQuantity) - allowances + charges} (EN 16931 BT-131).
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
public abstract class LineItem implements WithLineItem {

  // Implemented by the generated value class only: hosts build one, they do not subclass.
  LineItem() {}

  /**
   * Builds a line item; description, quantity, unit price and tax code are required.
   *
   * <p>Not thread-safe; use one builder per thread.
   */
  public static class Builder extends ImmutableLineItem.Builder {

    /** An empty builder. */
    public Builder() {}

    /**
     * Sets a whole quantity.
     *
     * @param quantity the quantity; negative for a return line
     * @return this builder
     */
    public final Builder quantity(long quantity) {
      return quantity(BigDecimal.valueOf(quantity));
    }

    /**
     * Sets a quantity written as decimal text, such as {@code "2.5"}.
     *
     * @param quantity the quantity as decimal text, not null
     * @return this builder
     */
    public final Builder quantity(String quantity) {
      try {
        return quantity(Inputs.parseDecimal(quantity, "quantity"));
      } catch (IllegalArgumentException e) {
        throw new InvalidInvoiceException("Line quantity: " + e.getMessage());
      }
    }

    /**
     * Sets the unit price from any Joda-Money amount ({@code Money} or {@code BigMoney}).
     *
     * @param unitPrice the price of one unit (or of {@code baseQuantity} units), not null
     * @return this builder
     */
    public final Builder unitPrice(BigMoneyProvider unitPrice) {
      return unitPrice(unitPrice.toBigMoney());
    }

    /**
     * Sets the unit price from text such as {@code "EUR 0.1212"}.
     *
     * @param unitPrice the currency code and amount, not null
     * @return this builder
     */
    public final Builder unitPrice(String unitPrice) {
      try {
        return unitPrice(Inputs.parsePrice(unitPrice, "unit price",
            InputLimits.PRICE_INTEGER_DIGITS, InputLimits.PRICE_DECIMALS));
      } catch (IllegalArgumentException e) {
        throw new InvalidInvoiceException("Line: " + e.getMessage());
      }
    }
  }

  /** What was sold, in words; not blank. */
  public abstract String description();

  /** The product in the host's catalogue, if the line refers to one. */
  public abstract Optional<ProductId> product();

  /** How many units; fractional allowed, negative for a return line. */
  public abstract BigDecimal quantity();

  /**
   * The net price of one unit (or of {@link #baseQuantity()} units), zero or more, any number of
   * decimals. With an invoice whose prices include tax, this is the gross price.
   */
  public abstract BigMoney unitPrice();

  /** How many units the unit price is for ("per 100"), greater than zero; 1 by default. */
  @Value.Default
  public BigDecimal baseQuantity() {
    return BigDecimal.ONE;
  }

  /** The line's allowances (discounts) and charges, in the order given. */
  public abstract List<LineAllowanceCharge> allowanceCharges();

  /** The tax category and rate of this line. */
  public abstract TaxCode taxCode();

  /**
   * True for a return line (negative quantity).
   *
   * @return whether the line returns goods
   */
  public boolean isReturn() {
    return quantity().signum() < 0;
  }

  /** The currency of the unit price, which is the line's currency. */
  CurrencyUnit currency() {
    return unitPrice().getCurrencyUnit();
  }

  /** Every money amount of the line other than the unit price. */
  Stream<Money> moneyAmounts() {
    return allowanceCharges().stream().flatMap(AllowanceCharge::moneyAmounts);
  }

  /**
   * Brings quantities and the unit price to one canonical scale (no trailing zeros; the price keeps
   * at least the currency's decimals), so that {@code 2.50} and {@code 2.5} make equal lines and a
   * line read back from storage equals the one written.
   *
   * @return this line if already canonical, else the canonical copy
   */
  @Value.Check
  protected LineItem normalize() {
    check();
    BigDecimal quantity = Decimals.normalize(quantity());
    BigDecimal baseQuantity = Decimals.normalize(baseQuantity());
    BigDecimal price = Decimals.normalize(unitPrice().getAmount());
    if (price.scale() < currency().getDecimalPlaces()) {
      price = price.setScale(currency().getDecimalPlaces());
    }
    if (quantity.equals(quantity())
        && baseQuantity.equals(baseQuantity())
        && price.equals(unitPrice().getAmount())) {
      return this;
    }
    return new Builder()
        .from(this)
        .quantity(quantity)
        .baseQuantity(baseQuantity)
        .unitPrice(BigMoney.of(currency(), price))
        .build();
  }

  private void check() {
    // Text and number bounds first: nothing below may look at an unbounded value.
    String textProblem = Inputs.textProblem(description(), InputLimits.DESCRIPTION_LENGTH);
    if (textProblem != null) {
      throw new InvalidInvoiceException("A line item's description " + textProblem);
    }
    String line = "Line '" + description() + "'";
    checkNumber(line, "quantity", quantity(),
        InputLimits.QUANTITY_INTEGER_DIGITS, InputLimits.QUANTITY_DECIMALS);
    checkNumber(line, "base quantity", baseQuantity(),
        InputLimits.QUANTITY_INTEGER_DIGITS, InputLimits.QUANTITY_DECIMALS);
    checkNumber(line, "unit price", unitPrice().getAmount(),
        InputLimits.PRICE_INTEGER_DIGITS, InputLimits.PRICE_DECIMALS);
    if (description().isBlank()) {
      throw new InvalidInvoiceException("A line item needs a description; it was blank");
    }
    if (baseQuantity().signum() <= 0) {
      throw new InvalidInvoiceException(
          line
              + ": the base quantity must be greater than zero (it divides the price), was "
              + baseQuantity().toPlainString());
    }
    if (unitPrice().isNegative()) {
      throw new InvalidInvoiceException(
          line
              + ": the unit price must not be negative, was "
              + unitPrice()
              + "; for a return use a negative quantity, for a discount an allowance");
    }
    moneyAmounts()
        .filter(amount -> !amount.getCurrencyUnit().equals(currency()))
        .findFirst()
        .ifPresent(
            amount -> {
              throw new CurrencyMismatchException(
                  null,
                  line + ": an allowance or charge",
                  "the line's unit price",
                  currency(),
                  amount.getCurrencyUnit());
            });
  }

  private static void checkNumber(
      String line, String what, BigDecimal value, int integerDigits, int decimals) {
    String problem = Inputs.decimalProblem(value, integerDigits, decimals);
    if (problem != null) {
      throw new InvalidInvoiceException(line + ": the " + what + " " + problem
          + " (at most " + integerDigits + " digits before and " + decimals + " after the point)");
    }
  }
}
