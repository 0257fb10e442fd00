package dev.invoicekit.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * Splits an amount into parts that add up to it exactly, each part within one minor unit (cent) of
 * its exact share: the largest-remainder method. Works in minor units with exact integer
 * arithmetic, so no share is ever rounded on its own.
 *
 * <p>Ties between equal remainders go to the larger weight, then to the earlier position; parts of
 * equal weight are interchangeable, so the result does not depend on the order of the inputs
 * beyond which of two equal parts gets a cent.
 */
public final class Apportionment {

  private Apportionment() {}

  /**
   * Splits {@code total} in proportion to {@code weights}.
   *
   * @param total the amount to split
   * @param weights one weight per part, in the total's currency; any signs, but their sum must not
   * be
   *     zero unless the total is zero
   * @return one part per weight, adding up to {@code total}
   * @throws IllegalArgumentException if the weights add up to zero and the total does not
   */
  public static List<Money> proportional(Money total, List<Money> weights) {
    CurrencyUnit currency = total.getCurrencyUnit();
    BigInteger totalMinor = minor(total);
    BigInteger weightSum = BigInteger.ZERO;
    for (Money weight : weights) {
      weightSum = weightSum.add(minor(weight));
    }
    if (weightSum.signum() == 0) {
      if (totalMinor.signum() != 0) {
        throw new IllegalArgumentException(
            "Cannot split " + total + " in proportion to weights that add up to zero");
      }
      List<Money> zeros = new ArrayList<>(weights.size());
      weights.forEach(w -> zeros.add(Money.zero(currency)));
      return zeros;
    }
    // share_i = total * w_i / W; make the denominator positive so floor division gives
    // remainders in [0, W).
    BigInteger sign = BigInteger.valueOf(weightSum.signum());
    List<BigInteger> numerators = new ArrayList<>(weights.size());
    for (Money weight : weights) {
      numerators.add(totalMinor.multiply(minor(weight)).multiply(sign));
    }
    return allocate(currency, totalMinor, numerators, weightSum.abs(), weights);
  }

  /**
   * Splits {@code total} into parts whose exact shares are {@code weight_i x factor}, where the
   * shares add up to within one minor unit per part of the total, as they do when the total is the
   * exact sum of the shares rounded in any direction.
   *
   * @param total the amount to split
   * @param weights one weight per part, in the total's currency, any signs
   * @param factorNumerator the numerator of the exact ratio part / weight (100 of 100 / 119 to take
   *     19 % tax out of a gross amount), positive
   * @param factorDenominator the denominator of the factor, positive
   * @return one part per weight, adding up to {@code total}
   * @throws IllegalStateException if the total is further from the shares than one unit per part
   */
  public static List<Money> scaled(
      Money total, List<Money> weights, BigInteger factorNumerator, BigInteger factorDenominator) {
    List<BigInteger> numerators = new ArrayList<>(weights.size());
    for (Money weight : weights) {
      numerators.add(minor(weight).multiply(factorNumerator));
    }
    return allocate(total.getCurrencyUnit(), minor(total), numerators, factorDenominator, weights);
  }

  private static List<Money> allocate(
      CurrencyUnit currency,
      BigInteger totalMinor,
      List<BigInteger> numerators,
      BigInteger denominator,
      List<Money> weights) {
    int n = numerators.size();
    BigInteger[] parts = new BigInteger[n];
    BigInteger[] remainders = new BigInteger[n];
    BigInteger assigned = BigInteger.ZERO;
    for (int i = 0; i < n; i++) {
      BigInteger[] qr = numerators.get(i).divideAndRemainder(denominator);
      BigInteger quotient = qr[0];
      BigInteger remainder = qr[1];
      if (remainder.signum() < 0) { // floor division
        quotient = quotient.subtract(BigInteger.ONE);
        remainder = remainder.add(denominator);
      }
      parts[i] = quotient;
      remainders[i] = remainder;
      assigned = assigned.add(quotient);
    }
    BigInteger left = totalMinor.subtract(assigned);
    if (left.signum() < 0 || left.compareTo(BigInteger.valueOf(n)) > 0) {
      throw new IllegalStateException(
          "Cannot apportion: " + left + " minor units left over for " + n + " parts");
    }
    List<Integer> order = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    order.sort(
        Comparator.<Integer, BigInteger>comparing(i -> remainders[i])
            .reversed()
            .thenComparing(i -> weights.get(i), Comparator.reverseOrder())
            .thenComparing(i -> i));
    int extra = left.intValueExact();
    for (int k = 0; k < extra; k++) {
      int i = order.get(k);
      parts[i] = parts[i].add(BigInteger.ONE);
    }
    int scale = currency.getDecimalPlaces();
    List<Money> result = new ArrayList<>(n);
    for (BigInteger part : parts) {
      result.add(Money.of(currency, new BigDecimal(part, scale)));
    }
    return result;
  }

  /** The amount in minor units; exact because a {@code Money} always has its currency's scale. */
  private static BigInteger minor(Money amount) {
    return amount.getAmount().unscaledValue();
  }
}
