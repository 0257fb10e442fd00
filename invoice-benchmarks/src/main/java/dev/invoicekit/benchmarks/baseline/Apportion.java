package dev.invoicekit.benchmarks.baseline;

/**
 * Largest-remainder split of an amount in minor units, on {@code long}s: the part both hand-written
 * baselines share. Ties between equal remainders go to the larger weight, then to the earlier
 * position, as in InvoiceKit.
 */
final class Apportion {

  private Apportion() {}

  static long[] largestRemainder(long total, long[] weights, long weightSum) {
    int n = weights.length;
    long[] parts = new long[n];
    if (weightSum == 0) {
      if (total != 0) {
        throw new IllegalArgumentException("Cannot split " + total + " over zero weights");
      }
      return parts;
    }
    long sign = Long.signum(weightSum);
    long denominator = Math.abs(weightSum);
    long[] remainders = new long[n];
    long assigned = 0;
    for (int i = 0; i < n; i++) {
      long numerator = Math.multiplyExact(Math.multiplyExact(total, weights[i]), sign);
      parts[i] = Math.floorDiv(numerator, denominator);
      remainders[i] = Math.floorMod(numerator, denominator);
      assigned += parts[i];
    }
    long left = total - assigned;
    boolean[] taken = new boolean[n];
    for (long k = 0; k < left; k++) {
      int best = -1;
      for (int i = 0; i < n; i++) {
        if (!taken[i] && (best < 0 || remainders[i] > remainders[best]
            || (remainders[i] == remainders[best] && weights[i] > weights[best]))) {
          best = i;
        }
      }
      taken[best] = true;
      parts[best]++;
    }
    return parts;
  }
}
