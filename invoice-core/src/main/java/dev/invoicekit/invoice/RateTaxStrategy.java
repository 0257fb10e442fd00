package dev.invoicekit.invoice;

import dev.invoicekit.money.RoundingPolicy;
import dev.invoicekit.money.TaxRounding;
import dev.invoicekit.tax.TaxAmount;
import dev.invoicekit.totals.TaxableGroup;
import java.util.ArrayList;
import java.util.List;
import org.joda.money.Money;

/** Tax from rates, rounded per group (EN 16931 BR-CO-17) or per item. */
final class RateTaxStrategy implements TaxStrategy {

  static final RateTaxStrategy INSTANCE = new RateTaxStrategy();

  private RateTaxStrategy() {}

  @Override
  public List<TaxAmount> taxFor(InvoiceContent invoice, List<TaxableGroup> groups) {
    RoundingPolicy policy = invoice.roundingPolicy();
    List<TaxAmount> taxes = new ArrayList<>(groups.size());
    for (TaxableGroup group : groups) {
      taxes.add(TaxAmount.of(group.taxCode(), taxOf(group, policy)));
    }
    return taxes;
  }

  private static Money taxOf(TaxableGroup group, RoundingPolicy policy) {
    if (group.taxCode().carriesNoTax()) {
      return Money.zero(group.taxableAmount().getCurrencyUnit());
    }
    if (policy.taxRounding() == TaxRounding.PER_GROUP) {
      return policy.percentOf(group.taxableAmount(), group.taxCode().rate());
    }
    Money tax = Money.zero(group.taxableAmount().getCurrencyUnit());
    for (Money item : group.items()) {
      tax = tax.plus(policy.percentOf(item, group.taxCode().rate()));
    }
    return tax;
  }
}
