package dev.invoicekit.opportunity;

import dev.invoicekit.internal.Inputs;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.ContactId;
import dev.invoicekit.invoice.CurrencyMismatchException;
import dev.invoicekit.invoice.InputLimits;
import dev.invoicekit.invoice.InvalidInvoiceException;
import dev.invoicekit.invoice.OpportunityId;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;
import org.joda.money.BigMoney;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * A CRM opportunity as the host hands it over to be invoiced: the account and contact, the
 * currency, the products with quantity, price and discount, and the opportunity's value.
 *
 * <p>The value is what the CRM says the opportunity is worth, net of tax. It is kept as given, even
 * when the products add up to something else; {@link OpportunityInvoices} then says so on the
 * draft.
 * Every amount is in the opportunity's currency; a builder refuses any other with a
 * {@link CurrencyMismatchException}.
 *
 * <pre>{@code
 * Opportunity opportunity = new Opportunity.Builder()
 *     .id(OpportunityId.of("OPP-7"))
 *     .account(AccountId.of("acme"))
 *     .currency(CurrencyUnit.EUR)
 *     .value(Money.parse("EUR 1000.00"))
 *     .addProduct(new OpportunityProduct.Builder()
 *         .name("Consulting")
 *         .quantity(10)
 *         .unitPrice("EUR 100.00")
 *         .build())
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
public abstract class Opportunity implements WithOpportunity {

  // Implemented by the generated value class only: hosts build one, they do not subclass.
  Opportunity() {}

  /**
   * Builds an opportunity; id, account, currency and value are required.
   *
   * <p>Not thread-safe; use one builder per thread.
   */
  public static class Builder extends ImmutableOpportunity.Builder {

    /** An empty builder. */
    public Builder() {}

    /**
     * Sets the currency by its ISO 4217 code, such as {@code "EUR"}.
     *
     * @param currencyCode the code, not null
     * @return this builder
     */
    public final Builder currency(String currencyCode) {
      return currency(CurrencyUnit.of(currencyCode));
    }
  }

  /** The opportunity's id in the CRM. */
  public abstract OpportunityId id();

  /** The account (organization) to bill. */
  public abstract AccountId account();

  /** The billing contact at the account. */
  public abstract Optional<ContactId> contact();

  /** The one currency of every amount of the opportunity. */
  public abstract CurrencyUnit currency();

  /** The products, in the order they become invoice lines; may be empty. */
  public abstract List<OpportunityProduct> products();

  /** What the opportunity is worth, net of tax, zero or more. */
  public abstract Money value();

  /** The opportunity's name in the CRM, such as "Acme rollout 2026". */
  public abstract Optional<String> name();

  @Value.Check
  protected void check() {
    String opportunity = "Opportunity " + id();
    checkCurrency(opportunity + ": the value", value().toBigMoney());
    for (int i = 0; i < products().size(); i++) {
      OpportunityProduct product = products().get(i);
      String where = opportunity + ": product " + (i + 1) + " ('" + product.name() + "')";
      checkCurrency(where + " unit price", product.unitPrice());
      product.discountAmount().ifPresent(d -> checkCurrency(where + " discount", d.toBigMoney()));
    }
    if (value().isNegative()) {
      throw new InvalidInvoiceException(
          opportunity + ": the value must not be negative, was " + value() + "; give zero or more");
    }
    name().map(n -> Inputs.textProblem(n, InputLimits.DESCRIPTION_LENGTH)).ifPresent(problem -> {
      throw new InvalidInvoiceException(opportunity + ": the name " + problem);
    });
    String valueProblem = Inputs.amountProblem(value());
    if (valueProblem != null) {
      throw new InvalidInvoiceException(opportunity + ": the value " + valueProblem);
    }
    name()
        .filter(String::isBlank)
        .ifPresent(
            blank -> {
              throw new InvalidInvoiceException(
                  opportunity + ": the name is blank; leave it out or give one");
            });
  }

  private void checkCurrency(String where, BigMoney amount) {
    if (!amount.getCurrencyUnit().equals(currency())) {
      throw new CurrencyMismatchException(
          null, where, "the opportunity", currency(), amount.getCurrencyUnit());
    }
  }
}
