package dev.invoicekit.benchmarks.baseline;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Invoice totals written by hand with {@code BigDecimal}, as an application without InvoiceKit
 * would: the P1 baseline. Computes exactly the numbers InvoiceKit reports, under the same EN 16931
 * rules: each line amount rounded HALF_UP to cents, a percentage allowance rounded per item, the
 * overall discount a rounded percentage of the subtotal split across the tax groups by largest
 * remainder (ties to the larger group, then the earlier), tax rounded once per group.
 *
 * <p>Stateless and thread-safe.
 */
public final class BigDecimalTotals {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);
  /** The tax breakdown's order of categories, as EN 16931 lists them. */
  private static final List<String> CATEGORY_ORDER =
      List.of("S", "Z", "E", "AE", "K", "G", "O", "L", "M", "B");

  private BigDecimalTotals() {}

  /**
   * The totals.
   *
   * @param lineAmounts quantity x price, rounded, per line
   * @param lineAllowances per line
   * @param lineNets per line
   * @param groupCategories per tax group, in breakdown order
   * @param groupRates per tax group
   * @param groupTaxable per tax group
   * @param groupTax per tax group
   * @param groupDiscount per tax group, its share of the overall discount
   * @param subtotal the sum of line nets
   * @param discount the overall discount
   * @param totalWithoutTax subtotal less the discount
   * @param taxTotal the sum of group taxes
   * @param total with tax
   */
  public record Result(BigDecimal[] lineAmounts, BigDecimal[] lineAllowances,
      BigDecimal[] lineNets, String[] groupCategories, BigDecimal[] groupRates,
      BigDecimal[] groupTaxable, BigDecimal[] groupTax, BigDecimal[] groupDiscount,
      BigDecimal subtotal, BigDecimal discount, BigDecimal totalWithoutTax, BigDecimal taxTotal,
      BigDecimal total) {

    /**
     * The numbers as text lines, for comparing with another contender.
     *
     * @return one text per number
     */
    public List<String> canonical() {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < lineAmounts.length; i++) {
        out.add("line " + i + " " + lineAmounts[i].toPlainString() + " "
            + lineAllowances[i].toPlainString() + " " + lineNets[i].toPlainString());
      }
      for (int g = 0; g < groupCategories.length; g++) {
        out.add("group " + groupCategories[g] + " " + groupRates[g].stripTrailingZeros()
            .toPlainString() + " " + groupTaxable[g].toPlainString() + " "
            + groupTax[g].toPlainString() + " " + groupDiscount[g].toPlainString());
      }
      out.add("subtotal " + subtotal.toPlainString());
      out.add("discount " + discount.toPlainString());
      out.add("totalWithoutTax " + totalWithoutTax.toPlainString());
      out.add("taxTotal " + taxTotal.toPlainString());
      out.add("total " + total.toPlainString());
      return out;
    }
  }

  /**
   * Computes the totals.
   *
   * @param in the invoice content
   * @return the totals
   */
  public static Result compute(TotalsInput in) {
    int n = in.lineCount();
    BigDecimal[] amounts = new BigDecimal[n];
    BigDecimal[] allowances = new BigDecimal[n];
    BigDecimal[] nets = new BigDecimal[n];
    String[] categories = new String[n];
    BigDecimal[] rates = new BigDecimal[n];
    BigDecimal[] groupNets = new BigDecimal[n];
    int groups = 0;
    BigDecimal subtotal = ZERO;
    for (int i = 0; i < n; i++) {
      BigDecimal amount = in.quantities()[i].multiply(in.unitPrices()[i])
          .setScale(2, RoundingMode.HALF_UP);
      BigDecimal allowance;
      if (in.allowancePercents()[i] != null) {
        allowance = amount.multiply(in.allowancePercents()[i])
            .divide(HUNDRED, 2, RoundingMode.HALF_UP);
      } else if (in.allowanceAmounts()[i] != null) {
        allowance = in.allowanceAmounts()[i];
      } else {
        allowance = ZERO;
      }
      BigDecimal net = amount.subtract(allowance);
      amounts[i] = amount;
      allowances[i] = allowance;
      nets[i] = net;
      subtotal = subtotal.add(net);
      String category = in.categories()[i];
      BigDecimal rate = in.rates()[i];
      int g = 0;
      while (g < groups && !(categories[g].equals(category) && rates[g].compareTo(rate) == 0)) {
        g++;
      }
      if (g == groups) {
        // Insert in breakdown order: by category, then by rate.
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
        groupNets[g] = groupNets[g].add(net);
      }
    }
    BigDecimal discount = subtotal.multiply(in.discountPercent())
        .divide(HUNDRED, 2, RoundingMode.HALF_UP);
    long[] shares = largestRemainder(discount.unscaledValue().longValueExact(), groupNets, groups);
    BigDecimal[] taxable = new BigDecimal[groups];
    BigDecimal[] tax = new BigDecimal[groups];
    BigDecimal[] discountShares = new BigDecimal[groups];
    BigDecimal taxTotal = ZERO;
    for (int g = 0; g < groups; g++) {
      discountShares[g] = BigDecimal.valueOf(shares[g], 2);
      taxable[g] = groupNets[g].subtract(discountShares[g]);
      tax[g] = rates[g].signum() == 0 ? ZERO
          : taxable[g].multiply(rates[g]).divide(HUNDRED, 2, RoundingMode.HALF_UP);
      taxTotal = taxTotal.add(tax[g]);
    }
    BigDecimal totalWithoutTax = subtotal.subtract(discount);
    return new Result(amounts, allowances, nets, java.util.Arrays.copyOf(categories, groups),
        java.util.Arrays.copyOf(rates, groups), taxable, tax, discountShares, subtotal, discount,
        totalWithoutTax, taxTotal, totalWithoutTax.add(taxTotal));
  }

  private static int compare(String categoryA, BigDecimal rateA, String categoryB,
      BigDecimal rateB) {
    int byCategory = Integer.compare(CATEGORY_ORDER.indexOf(categoryA),
        CATEGORY_ORDER.indexOf(categoryB));
    return byCategory != 0 ? byCategory : rateA.compareTo(rateB);
  }

  /** Splits {@code total} cents over the weights (amounts in cents) by largest remainder. */
  private static long[] largestRemainder(long total, BigDecimal[] weights, int count) {
    long[] cents = new long[count];
    long weightSum = 0;
    for (int g = 0; g < count; g++) {
      cents[g] = weights[g].unscaledValue().longValueExact();
      weightSum += cents[g];
    }
    return Apportion.largestRemainder(total, cents, weightSum);
  }
}
