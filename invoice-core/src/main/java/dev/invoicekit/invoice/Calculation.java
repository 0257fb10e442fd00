package dev.invoicekit.invoice;

import dev.invoicekit.internal.Apportionment;
import dev.invoicekit.money.Percentage;
import dev.invoicekit.money.RoundingPolicy;
import dev.invoicekit.money.TaxRounding;
import dev.invoicekit.tax.TaxAmount;
import dev.invoicekit.tax.TaxCode;
import dev.invoicekit.totals.InvoiceTotals;
import dev.invoicekit.totals.LineTotals;
import dev.invoicekit.totals.TaxBreakdown;
import dev.invoicekit.totals.TaxableGroup;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * One run of the calculator over one invoice. Amounts are first computed "in price terms" (net, or
 * gross when prices include tax), grouped by tax code, and then turned into nets and tax.
 */
final class Calculation {

  private final InvoiceContent invoice;
  private final TaxStrategy taxStrategy;
  private final CurrencyUnit currency;
  private final RoundingPolicy policy;
  private final Money zero;

  // Per line, in price terms.
  private final Money[] lineAmounts;
  private final Money[] lineAllowances;
  private final Money[] lineCharges;
  private final Money[] lineValues;
  // Per line: its share of the overall discount (zero without one); per document allowance/charge:
  // its amount as given or computed.
  private final Money[] lineDiscountShares;
  private final Money[] documentAmounts;

  Calculation(InvoiceContent invoice, TaxStrategy taxStrategy) {
    this.invoice = invoice;
    this.taxStrategy = taxStrategy;
    this.currency = invoice.currency();
    this.policy = invoice.roundingPolicy();
    this.zero = Money.zero(currency);
    int lineCount = invoice.lines().size();
    this.lineAmounts = new Money[lineCount];
    this.lineAllowances = new Money[lineCount];
    this.lineCharges = new Money[lineCount];
    this.lineValues = new Money[lineCount];
    this.lineDiscountShares = new Money[lineCount];
    this.documentAmounts = new Money[invoice.documentAllowanceCharges().size()];
  }

  /** A group of the breakdown while it is being computed. */
  private static final class Group {
    final TaxCode taxCode;
    final List<Integer> lines = new ArrayList<>();
    final List<Integer> documentParts = new ArrayList<>();
    Money lineSum;
    Money discountShare;
    Money taxable;
    Money tax;

    Group(TaxCode taxCode, Money zero) {
      this.taxCode = taxCode;
      this.lineSum = zero;
      this.discountShare = zero;
    }
  }

  InvoiceTotals run() {
    // The rule steps, in the order MinorUnitCalculation.run follows too:
    // 1. line amounts, their allowances and charges, line nets;
    computeLines();
    // 2. document allowances and charges;
    computeDocumentAmounts();
    // 3. tax groups;
    TreeMap<TaxCode, Group> groups = groupByTaxCode();
    // 4. the overall discount and its split over the groups;
    splitOverallDiscount(groups);
    // 5. each group's taxable amount and tax; 6. the document totals.
    Money[] lineNets;
    Money[] documentNets;
    if (invoice.pricesIncludeTax()) {
      if (!(taxStrategy instanceof RateTaxStrategy)) {
        throw new InvalidInvoiceException(
            "prices include tax, which needs the built-in rate strategy to take the tax out of each"
                + " group; give net prices to use an external tax engine");
      }
      lineNets = new Money[lineValues.length];
      documentNets = new Money[documentAmounts.length];
      for (Group group : groups.values()) {
        takeTaxOutOfGross(group, lineNets, documentNets);
      }
    } else {
      lineNets = lineValues;
      documentNets = documentAmounts;
      computeTaxFromNets(groups);
    }
    return totals(groups, lineNets, documentNets);
  }

  private void computeLines() {
    List<LineItem> lines = invoice.lines();
    for (int i = 0; i < lines.size(); i++) {
      LineItem line = lines.get(i);
      Money amount =
          policy.quotient(
              line.quantity().multiply(line.unitPrice().getAmount()), line.baseQuantity(),
              currency);
      Money allowances = zero;
      Money charges = zero;
      for (LineAllowanceCharge part : line.allowanceCharges()) {
        Money partAmount = part.amount(amount, policy);
        if (part.isAllowance()) {
          allowances = allowances.plus(partAmount);
        } else {
          charges = charges.plus(partAmount);
        }
      }
      lineAmounts[i] = amount;
      lineAllowances[i] = allowances;
      lineCharges[i] = charges;
      lineValues[i] = amount.minus(allowances).plus(charges);
      lineDiscountShares[i] = zero;
    }
  }

  private void computeDocumentAmounts() {
    List<DocumentAllowanceCharge> parts = invoice.documentAllowanceCharges();
    for (int j = 0; j < parts.size(); j++) {
      // A document-level percentage always has its base (checked when built).
      documentAmounts[j] = parts.get(j).amount(zero, policy);
    }
  }

  private TreeMap<TaxCode, Group> groupByTaxCode() {
    TreeMap<TaxCode, Group> groups = new TreeMap<>();
    List<LineItem> lines = invoice.lines();
    for (int i = 0; i < lines.size(); i++) {
      Group group = groups.computeIfAbsent(lines.get(i).taxCode(), code -> new Group(code, zero));
      group.lines.add(i);
      group.lineSum = group.lineSum.plus(lineValues[i]);
    }
    List<DocumentAllowanceCharge> parts = invoice.documentAllowanceCharges();
    for (int j = 0; j < parts.size(); j++) {
      groups.computeIfAbsent(parts.get(j).taxCode(), code -> new Group(code, zero))
          .documentParts
          .add(j);
    }
    return groups;
  }

  /** The overall discount in price terms: a rounded percentage of the subtotal, or fixed. */
  private Money overallDiscountAmount(Money subtotal) {
    if (invoice.overallDiscount().isEmpty()) {
      return zero;
    }
    OverallDiscount discount = invoice.overallDiscount().get();
    if (discount.percentage().isPresent()) {
      return policy.percentOf(subtotal, discount.percentage().get().value());
    }
    Money fixed = discount.fixedAmount().orElseThrow();
    if (fixed.isZero()) {
      return fixed;
    }
    if (!subtotal.isPositive()) {
      throw fixedDiscountNeedsPositiveSubtotal(fixed, subtotal);
    }
    if (fixed.isGreaterThan(subtotal)) {
      throw fixedDiscountAboveSubtotal(fixed, subtotal);
    }
    return fixed;
  }

  /** The refusal of a fixed discount on lines that add up to zero or less; both paths throw it. */
  static InvalidInvoiceException fixedDiscountNeedsPositiveSubtotal(Money fixed, Money subtotal) {
    return new InvalidInvoiceException("a fixed overall discount of " + fixed
        + " needs a positive subtotal, but the lines add up to " + subtotal
        + "; use a percentage discount or line allowances");
  }

  /** The refusal of a fixed discount above the subtotal; both paths throw it. */
  static InvalidInvoiceException fixedDiscountAboveSubtotal(Money fixed, Money subtotal) {
    return new InvalidInvoiceException("the fixed overall discount of " + fixed
        + " is more than the subtotal of " + subtotal
        + "; give a discount of at most the subtotal");
  }

  private void splitOverallDiscount(TreeMap<TaxCode, Group> groups) {
    if (invoice.overallDiscount().isEmpty()) {
      return;
    }
    Money subtotal = zero;
    for (Money value : lineValues) {
      subtotal = subtotal.plus(value);
    }
    Money discount = overallDiscountAmount(subtotal);
    Optional<Percentage> percentage = invoice.overallDiscount().get().percentage();
    List<Group> ordered = new ArrayList<>(groups.values());
    List<Money> weights = new ArrayList<>(ordered.size());
    for (Group group : ordered) {
      weights.add(group.lineSum);
    }
    List<Money> shares = split(discount, weights, percentage);
    for (int g = 0; g < ordered.size(); g++) {
      Group group = ordered.get(g);
      group.discountShare = shares.get(g);
      // Spread the group's share over its lines too, for tax rounded per line and for engines that
      // want line-level detail; the line shares add up to the group's share exactly.
      List<Money> lineWeights = new ArrayList<>(group.lines.size());
      for (int i : group.lines) {
        lineWeights.add(lineValues[i]);
      }
      List<Money> lineShares = split(group.discountShare, lineWeights, percentage);
      for (int k = 0; k < group.lines.size(); k++) {
        lineDiscountShares[group.lines.get(k)] = lineShares.get(k);
      }
    }
  }

  /**
   * Splits a discount in proportion to the weights. When the weights add up to zero (a return
   * cancelling a sale across tax groups) there is no proportion to take; a percentage discount then
   * takes its percentage of each part, which is what the proportion tends to, so that 100 % off
   * still leaves nothing to tax.
   */
  private static List<Money> split(Money total, List<Money> weights, Optional<Percentage> pct) {
    boolean weightsCancel = weights.stream().map(Money::getAmount)
        .reduce(BigDecimal.ZERO, BigDecimal::add).signum() == 0;
    if (weightsCancel && pct.isPresent()) {
      BigDecimal rate = pct.get().value();
      BigInteger denominator = BigInteger.TEN.pow(rate.scale() + 2);
      return Apportionment.scaled(total, weights, rate.unscaledValue(), denominator);
    }
    return Apportionment.proportional(total, weights);
  }

  /** The signed amounts in price terms that make up a group, in a fixed order. */
  private List<Money> components(Group group) {
    List<Money> components = new ArrayList<>();
    for (int i : group.lines) {
      components.add(lineValues[i]);
    }
    for (int i : group.lines) {
      if (!lineDiscountShares[i].isZero()) {
        components.add(lineDiscountShares[i].negated());
      }
    }
    for (int j : group.documentParts) {
      components.add(invoice.documentAllowanceCharges().get(j).signedEffect(documentAmounts[j]));
    }
    return components;
  }

  private void computeTaxFromNets(TreeMap<TaxCode, Group> groups) {
    List<TaxableGroup> taxableGroups = new ArrayList<>(groups.size());
    for (Group group : groups.values()) {
      List<Money> items = components(group);
      Money taxable = zero;
      for (Money item : items) {
        taxable = taxable.plus(item);
      }
      group.taxable = taxable;
      taxableGroups.add(
          new TaxableGroup.Builder()
              .taxCode(group.taxCode)
              .taxableAmount(taxable)
              .items(items)
              .build());
    }
    List<TaxAmount> taxes = taxStrategy.taxFor(invoice, List.copyOf(taxableGroups));
    Map<TaxCode, Money> taxByCode = checkedTaxes(taxes, groups);
    for (Group group : groups.values()) {
      group.tax = taxByCode.get(group.taxCode);
    }
  }

  /** Checks a strategy's answer: one amount per group, the invoice's currency, no tax where none.
   * */
  private Map<TaxCode, Money> checkedTaxes(List<TaxAmount> taxes, Map<TaxCode, Group> groups) {
    if (taxes == null) {
      throw new InvalidInvoiceException("the tax strategy returned no amounts");
    }
    Map<TaxCode, Money> byCode = new HashMap<>();
    for (TaxAmount tax : taxes) {
      if (!groups.containsKey(tax.taxCode())) {
        throw new InvalidInvoiceException("a tax amount was given for "
                + tax.taxCode()
                + ", but no line, allowance or charge has that tax code; groups are "
                + groups.keySet());
      }
      if (byCode.put(tax.taxCode(), tax.amount()) != null) {
        throw new InvalidInvoiceException(
            "two tax amounts were given for " + tax.taxCode() + "; give one per group");
      }
      if (!tax.amount().getCurrencyUnit().equals(currency)) {
        throw new CurrencyMismatchException(null,
            "the tax amount for " + tax.taxCode(),
            currency,
            tax.amount().getCurrencyUnit());
      }
      if (tax.taxCode().carriesNoTax() && !tax.amount().isZero()) {
        throw new InvalidInvoiceException("tax category "
                + tax.taxCode().category()
                + " ("
                + tax.taxCode().category().description()
                + ") carries no tax, but a tax amount of "
                + tax.amount()
                + " was given");
      }
    }
    for (TaxCode code : groups.keySet()) {
      if (!byCode.containsKey(code)) {
        throw new InvalidInvoiceException(
            "no tax amount was given for the group " + code + "; give one per group");
      }
    }
    return byCode;
  }

  /**
   * Prices include tax: takes the tax out of the group's gross amount and spreads the net over the
   * group's components so that nets plus tax equal the gross exactly.
   */
  private void takeTaxOutOfGross(Group group, Money[] lineNets, Money[] documentNets) {
    List<Money> grossParts = components(group);
    BigDecimal rate = group.taxCode.rate();
    BigInteger netFactorNumerator = BigInteger.TEN.pow(rate.scale() + 2);
    BigInteger netFactorDenominator = netFactorNumerator.add(rate.unscaledValue());
    BigDecimal rateDivisor = BigDecimal.valueOf(100).add(rate);
    List<Money> netParts;
    Money tax = zero;
    if (policy.taxRounding() == TaxRounding.PER_GROUP) {
      Money gross = zero;
      for (Money part : grossParts) {
        gross = gross.plus(part);
      }
      tax = policy.quotient(gross.getAmount().multiply(rate), rateDivisor, currency);
      netParts =
          Apportionment.scaled(
              gross.minus(tax), grossParts, netFactorNumerator, netFactorDenominator);
    } else {
      netParts = new ArrayList<>(grossParts.size());
      for (Money part : grossParts) {
        Money partTax = policy.quotient(part.getAmount().multiply(rate), rateDivisor, currency);
        tax = tax.plus(partTax);
        netParts.add(part.minus(partTax));
      }
    }
    // Read the nets back in the order components(group) wrote them.
    int k = 0;
    Money taxable = zero;
    for (Money net : netParts) {
      taxable = taxable.plus(net);
    }
    for (int i : group.lines) {
      lineNets[i] = netParts.get(k++);
    }
    Money discountNet = zero;
    for (int i : group.lines) {
      if (!lineDiscountShares[i].isZero()) {
        discountNet = discountNet.minus(netParts.get(k++));
      }
    }
    for (int j : group.documentParts) {
      Money signedNet = netParts.get(k++);
      documentNets[j] =
          invoice.documentAllowanceCharges().get(j).isAllowance() ? signedNet.negated() : signedNet;
    }
    group.discountShare = discountNet;
    group.taxable = taxable;
    group.tax = tax;
  }

  private InvoiceTotals totals(Map<TaxCode, Group> groups, Money[] lineNets, Money[] documentNets) {
    InvoiceTotals.Builder totals = new InvoiceTotals.Builder();
    totals.currency(currency);
    Money subtotal = zero;
    List<LineItem> lines = invoice.lines();
    for (int i = 0; i < lines.size(); i++) {
      subtotal = subtotal.plus(lineNets[i]);
      totals.addLine(
          new LineTotals.Builder()
              .taxCode(lines.get(i).taxCode())
              .lineAmount(lineAmounts[i])
              .allowanceAmount(lineAllowances[i])
              .chargeAmount(lineCharges[i])
              .netAmount(lineNets[i])
              .grossAmount(
                  invoice.pricesIncludeTax() ? Optional.of(lineValues[i])
                      : Optional.empty())
              .build());
    }
    Money allowances = zero;
    Money charges = zero;
    List<DocumentAllowanceCharge> parts = invoice.documentAllowanceCharges();
    for (int j = 0; j < parts.size(); j++) {
      if (parts.get(j).isAllowance()) {
        allowances = allowances.plus(documentNets[j]);
      } else {
        charges = charges.plus(documentNets[j]);
      }
    }
    totals.documentAllowanceChargeAmounts(List.of(documentNets));
    Money discount = zero;
    Money taxTotal = zero;
    for (Group group : groups.values()) {
      discount = discount.plus(group.discountShare);
      taxTotal = taxTotal.plus(group.tax);
      totals.addTaxBreakdown(
          new TaxBreakdown.Builder()
              .taxCode(group.taxCode)
              .taxableAmount(group.taxable)
              .taxAmount(group.tax)
              .overallDiscountShare(group.discountShare)
              .build());
    }
    allowances = allowances.plus(discount);
    Money totalWithoutTax = subtotal.minus(allowances).plus(charges);
    Money total = totalWithoutTax.plus(taxTotal);
    // Before any payment is recorded: the invoice adds its payments (InvoiceCalculator.settle).
    Money paid = invoice.prepaidAmount().orElse(zero);
    Money unrounded = total.minus(paid);
    Money rounding =
        invoice.roundingAmount().orElseGet(() -> policy.cashRoundingAdjustment(unrounded));
    return totals
        .subtotal(subtotal)
        .overallDiscount(discount)
        .allowanceTotal(allowances)
        .chargeTotal(charges)
        .totalWithoutTax(totalWithoutTax)
        .taxTotal(taxTotal)
        .total(total)
        .amountPaid(paid)
        .roundingAmount(rounding)
        .amountDue(unrounded.plus(rounding))
        .build();
  }
}
