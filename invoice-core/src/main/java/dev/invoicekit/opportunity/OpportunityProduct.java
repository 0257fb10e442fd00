package dev.invoicekit.opportunity;

import dev.invoicekit.internal.Inputs;
import dev.invoicekit.invoice.InputLimits;
import dev.invoicekit.invoice.InvalidInvoiceException;
import dev.invoicekit.invoice.ProductId;
import dev.invoicekit.money.Percentage;
import dev.invoicekit.tax.TaxCode;
import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;
import org.joda.money.BigMoney;
import org.joda.money.BigMoneyProvider;
import org.joda.money.Money;

/**
 * One product of an opportunity: what, how many, at what unit price, with an optional discount and
 * tax code. It becomes one line of the invoice made from the opportunity.
 *
 * <p>The discount is a percentage of the product's line amount or a fixed amount off the whole
 * line (not per unit), never both.
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
public abstract class OpportunityProduct implements WithOpportunityProduct {

  // Implemented by the generated value class only: hosts build one, they do not subclass.
  OpportunityProduct() {}

  /**
   * Builds a product; name, quantity and unit price are required.
   *
   * <p>Not thread-safe; use one builder per thread.
   */
  public static class Builder extends ImmutableOpportunityProduct.Builder {

    /** An empty builder. */
    public Builder() {}

    /**
     * Sets a whole quantity.
     *
     * @param quantity the quantity
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
        throw new InvalidInvoiceException("Opportunity product quantity: " + e.getMessage());
      }
    }

    /**
     * Sets the unit price from any Joda-Money amount ({@code Money} or {@code BigMoney}).
     *
     * @param unitPrice the price of one unit, not null
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
        throw new InvalidInvoiceException("Opportunity product: " + e.getMessage());
      }
    }
  }

  /** The product in the host's catalogue, if the opportunity names one. */
  public abstract Optional<ProductId> product();

  /** What is sold, in words; the description of the invoice line. Not blank. */
  public abstract String name();

  /** How many units; fractional allowed. */
  public abstract BigDecimal quantity();

  /** The net price of one unit, zero or more, any number of decimals. */
  public abstract BigMoney unitPrice();

  /** A discount as a percentage of the line amount (quantity x unit price). */
  public abstract Optional<Percentage> discountPercentage();

  /** A discount as a fixed amount off the whole line, zero or more. */
  public abstract Optional<Money> discountAmount();

  /** The tax code of the line; the default given when the invoice is made, if absent. */
  public abstract Optional<TaxCode> taxCode();

  @Value.Check
  protected void check() {
    String problem = Inputs.textProblem(name(), InputLimits.DESCRIPTION_LENGTH);
    if (problem != null) {
      throw new InvalidInvoiceException("An opportunity product's name " + problem);
    }
    String product = "Opportunity product '" + name() + "'";
    problem = Inputs.decimalProblem(quantity(),
        InputLimits.QUANTITY_INTEGER_DIGITS, InputLimits.QUANTITY_DECIMALS);
    if (problem == null) {
      problem = Inputs.decimalProblem(unitPrice().getAmount(),
          InputLimits.PRICE_INTEGER_DIGITS, InputLimits.PRICE_DECIMALS);
    }
    if (problem == null && discountAmount().isPresent()) {
      problem = Inputs.amountProblem(discountAmount().get());
    }
    if (problem != null) {
      throw new InvalidInvoiceException(product + ": a number " + problem);
    }
    if (name().isBlank()) {
      throw new InvalidInvoiceException(
          "An opportunity product needs a name; it was blank. The name becomes the line's"
              + " description");
    }
    if (unitPrice().isNegative()) {
      throw new InvalidInvoiceException(
          product
              + ": the unit price must not be negative, was "
              + unitPrice()
              + "; give a discount instead");
    }
    if (discountPercentage().isPresent() && discountAmount().isPresent()) {
      throw new InvalidInvoiceException(
          product
              + ": has a discount of "
              + discountPercentage().get()
              + " % and one of "
              + discountAmount().get()
              + "; give a percentage or an amount, not both");
    }
    discountAmount()
        .filter(Money::isNegative)
        .ifPresent(
            amount -> {
              throw new InvalidInvoiceException(
                  product
                      + ": the discount must not be negative, was "
                      + amount
                      + "; raise the unit price instead");
            });
  }
}
