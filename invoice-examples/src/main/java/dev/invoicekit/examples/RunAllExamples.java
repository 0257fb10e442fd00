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
    System.out.println("=== InvoiceKit examples ===");
    System.out.println();
    StandaloneInvoiceExample.run(System.out);
  }
}
