package dev.invoicekit.benchmarks.support;

import java.util.Objects;

/**
 * The checks a benchmark's setup makes before anything is timed: two contenders given the same
 * input must produce the same numbers or rows. A failed check stops the benchmark with an
 * {@link IllegalStateException} naming what differs; a benchmark that times different work is
 * worse than none.
 */
public final class Check {

  private Check() {}

  /**
   * Fails unless the two values are equal.
   *
   * @param what what is compared, for the message
   * @param expected the reference contender's value
   * @param actual the other contender's value
   */
  public static void equal(String what, Object expected, Object actual) {
    if (!Objects.equals(expected, actual)) {
      throw new IllegalStateException("Contenders disagree on " + what + ": expected <" + expected
          + "> but got <" + actual + ">; the benchmark would compare different work");
    }
  }

  /**
   * Fails unless the condition holds.
   *
   * @param what what is checked, for the message
   * @param condition the condition
   */
  public static void that(String what, boolean condition) {
    if (!condition) {
      throw new IllegalStateException("Benchmark check failed: " + what);
    }
  }
}
