package dev.invoicekit.examples;

/**
 * Runs every example in turn; the README's first command runs this.
 */
public final class RunAllExamples {

  private RunAllExamples() {}

  /**
   * Runs the examples.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println("=== 1. From opportunity to paid, on embedded H2 ===");
    OpportunityToPaidStory.run(System.out);
    System.out.println();
    System.out.println(
        "=== 2. A standalone invoice: mixed rates, discounts, tax-inclusive prices ===");
    StandaloneInvoiceExample.run(System.out);
    System.out.println("=== 3. Two application nodes, one payment, one idempotency key ===");
    TwoInstancesOnePaymentExample.run(System.out);
    System.out.println();
    System.out.println("=== 4. Bad input is refused and changes nothing ===");
    BadInputExample.run(System.out);
    System.out.println();
    System.out.println("=== 5. After sending: credit notes, account credit, a write-off ===");
    CorrectionsStory.run(System.out);
  }
}
