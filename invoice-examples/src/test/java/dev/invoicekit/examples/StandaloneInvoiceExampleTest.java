package dev.invoicekit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StandaloneInvoiceExampleTest {

  @Test
  void examplePrintsBothDocumentsWithTheirTotals() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    StandaloneInvoiceExample.run(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    String printed = buffer.toString(StandardCharsets.UTF_8);

    String total =
        StandaloneInvoiceExample.netPrices().totals().total().getAmount().toPlainString();
    assertThat(printed).contains("Implementation workshop", "TOTAL", total, "prices include tax");
  }

  @Test
  void grossVersionKeepsTheGrossAmounts() {
    var gross = StandaloneInvoiceExample.netPrices().withPricesIncludeTax(true).totals();
    // 2.5 x 880.00 = 2200.00 - 15 % = 1870.00; 12 x 24.90 = 298.80; 1250 x 3.875 / 100 = 48.44;
    // 2 x 150.00 = 300.00. Gross subtotal 2517.24, 5 % = 125.86, gross total 2391.38.
    assertThat(gross.total().getAmount()).isEqualByComparingTo("2391.38");
  }
}
