package dev.invoicekit.jdbc.reliability;

/**
 * How hard the reliability suites push: a short run in CI, or the long run selected with
 * {@code -Dinvoicekit.reliability=long}.
 */
final class ReliabilityMode {

  static final String PROPERTY = "invoicekit.reliability";

  private ReliabilityMode() {}

  /** True when the long mode was asked for. */
  static boolean isLong() {
    return "long".equalsIgnoreCase(System.getProperty(PROPERTY, "ci"));
  }

  /** The CI figure, or the long one in long mode. */
  static int pick(int ci, int longRun) {
    return isLong() ? longRun : ci;
  }

  /** "ci" or "long", for the printed figures. */
  static String name() {
    return isLong() ? "long" : "ci";
  }

  /** Prints one line of figures, prefixed so they are easy to find in the build output. */
  static void report(String suite, Object database, String figures) {
    System.out.printf("[reliability:%s] %s on %s: %s%n", name(), suite, database, figures);
  }
}
