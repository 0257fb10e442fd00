package dev.invoicekit.benchmarks.baseline;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The same totals as {@link BigDecimalTotals}, written by hand with Joda-Money, as an application
 * that already uses Joda-Money but not InvoiceKit would: the second P1 baseline.
 *
 * <p>Stateless and thread-safe.
 */
public final class JodaMoneyTotals {

  private static final List<String> CATEGORY_ORDER =
      List.of("S", "Z", "E", "AE", "K", "G", "O", "L", "M", "B");

  private JodaMoneyTotals() {}

  /**
   * The totals, as Joda-Money amounts.
   *
   * @param lineAmounts per line
   * @param lineAllowances per line
   * @param lineNets per line
   * @param groupCategories per tax group, in breakdown order
   * @param groupRates per tax group
   * @param groupTaxable per tax group
   * @param groupTax per tax group
   * @param groupDiscount per tax group
   * @param subtotal the sum of line nets
   * @param discount the overall discount
   * @param totalWithoutTax subtotal less the discount
   * @param taxTotal the sum of group taxes
   * @param total with tax
   */
  public record Result(Money[] lineAmounts, Money[] lineAllowances, Money[] lineNets,
      String[] groupCategories, BigDecimal[] groupRates, Money[] groupTaxable, Money[] groupTax,
      Money[] groupDiscount, Money subtotal, Money discount, Money totalWithoutTax,
      Money taxTotal, Money total) {

    /**
     * The numbers as text lines, in the format of {@link BigDecimalTotals.Result#canonical()}.
     *
     * @return one text per number
     */
    public List<String> canonical() {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < lineAmounts.length; i++) {
        out.add("line " + i + " " + plain(lineAmounts[i]) + " " + plain(lineAllowances[i]) + " "
            + plain(lineNets[i]));
      }
      for (int g = 0; g < groupCategories.length; g++) {
        out.add("group " + groupCategories[g] + " "
            + groupRates[g].stripTrailingZeros().toPlainString() + " " + plain(groupTaxable[g])
            + " " + plain(groupTax[g]) + " " + plain(groupDiscount[g]));
      }
      out.add("subtotal " + plain(subtotal));
      out.add("discount " + plain(discount));
      out.add("totalWithoutTax " + plain(totalWithoutTax));
      out.add("taxTotal " + plain(taxTotal));
      out.add("total " + plain(total));
      return out;
    }

    private static String plain(Money money) {
      return money.getAmount().toPlainString();
    }
  }

  /**
   * Computes the totals.
   *
   * @param in the invoice content
   * @param currency the invoice's currency
   * @return the totals
   */
  public static Result compute(TotalsInput in, CurrencyUnit currency) {
    int n = in.lineCount();
    Money zero = Money.zero(currency);
    Money[] amounts = new Money[n];
    Money[] allowances = new Money[n];
    Money[] nets = new Money[n];
    String[] categories = new String[n];
    BigDecimal[] rates = new BigDecimal[n];
    Money[] groupNets = new Money[n];
    int groups = 0;
    Money subtotal = zero;
    for (int i = 0; i < n; i++) {
      Money amount = in.unitPriceMoney()[i].multipliedBy(in.quantities()[i])
          .toMoney(RoundingMode.HALF_UP);
      Money allowance;
      if (in.allowancePercents()[i] != null) {
        allowance = amount.multipliedBy(in.allowancePercents()[i].movePointLeft(2),
            RoundingMode.HALF_UP);
      } else if (in.allowanceMoney()[i] != null) {
        allowance = in.allowanceMoney()[i];
      } else {
        allowance = zero;
      }
      Money net = amount.minus(allowance);
      amounts[i] = amount;
      allowances[i] = allowance;
      nets[i] = net;
      subtotal = subtotal.plus(net);
      String category = in.categories()[i];
      BigDecimal rate = in.rates()[i];
      int g = 0;
      while (g < groups && !(categories[g].equals(category) && rates[g].compareTo(rate) == 0)) {
        g++;
      }
      if (g == groups) {
        int at = groups;
        while (at > 0 && compare(categories[at - 1], rates[at - 1], category, rate) > 0) {
          categories[at] = categories[at - 1];
          rates[at] = rates[at - 1];
          groupNets[at] = groupNets[at - 1];
          at--;
        }
        categories[at] = category;
        rates[at] = rate;
        groupNets[at] = net;
        groups++;
      } else {
        groupNets[g] = groupNets[g].plus(net);
      }
    }
    Money discount = subtotal.multipliedBy(in.discountPercent().movePointLeft(2),
        RoundingMode.HALF_UP);
    long[] weights = new long[groups];
    long weightSum = 0;
    for (int g = 0; g < groups; g++) {
      weights[g] = groupNets[g].getAmountMinorLong();
      weightSum += weights[g];
    }
    long[] shares = Apportion.largestRemainder(discount.getAmountMinorLong(), weights, weightSum);
    Money[] taxable = new Money[groups];
    Money[] tax = new Money[groups];
    Money[] discountShares = new Money[groups];
    Money taxTotal = zero;
    for (int g = 0; g < groups; g++) {
      discountShares[g] = Money.ofMinor(currency, shares[g]);
      taxable[g] = groupNets[g].minus(discountShares[g]);
      tax[g] = rates[g].signum() == 0 ? zero
          : taxable[g].multipliedBy(rates[g].movePointLeft(2), RoundingMode.HALF_UP);
      taxTotal = taxTotal.plus(tax[g]);
    }
    Money totalWithoutTax = subtotal.minus(discount);
    return new Result(amounts, allowances, nets, java.util.Arrays.copyOf(categories, groups),
        java.util.Arrays.copyOf(rates, groups), taxable, tax, discountShares, subtotal, discount,
        totalWithoutTax, taxTotal, totalWithoutTax.plus(taxTotal));
  }

  private static int compare(String categoryA, BigDecimal rateA, String categoryB,
      BigDecimal rateB) {
    int byCategory = Integer.compare(CATEGORY_ORDER.indexOf(categoryA),
        CATEGORY_ORDER.indexOf(categoryB));
    return byCategory != 0 ? byCategory : rateA.compareTo(rateB);
  }
}
