package dev.invoicekit.benchmarks;

import dev.invoicekit.benchmarks.baseline.BigDecimalTotals;
import dev.invoicekit.benchmarks.baseline.JodaMoneyTotals;
import dev.invoicekit.benchmarks.baseline.TotalsInput;
import dev.invoicekit.benchmarks.support.Check;
import dev.invoicekit.benchmarks.support.Fixtures;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceCalculator;
import dev.invoicekit.totals.InvoiceTotals;
import dev.invoicekit.totals.LineTotals;
import dev.invoicekit.totals.TaxBreakdown;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * P1: the totals of one invoice with 1, 10 or 100 lines cycling through three tax groups, line
 * allowances (a percentage on every third line, a fixed amount on the next) and a 3.5 % overall
 * discount split across the groups. InvoiceKit's calculator against the same numbers computed by
 * hand with {@code BigDecimal} and with Joda-Money; setup fails unless all three agree to the cent
 * on every line amount, allowance, net, group taxable amount, tax, discount share and total.
 *
 * <p>Target: at most 2.5x the {@code BigDecimal} time and 1.3x the Joda-Money time. Run with
 * {@code -prof gc} for the bytes allocated per invoice.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class P1TotalsBenchmark {

  /** Lines per invoice. */
  @Param({"1", "10", "100"})
  public int lines;

  private Invoice invoice;
  private TotalsInput input;

  /** Builds the invoice and checks that the three contenders compute the same numbers. */
  @Setup(Level.Trial)
  public void setUp() {
    invoice = Fixtures.totalsInvoice(lines);
    input = TotalsInput.of(invoice);
    List<String> invoiceKit = canonical(InvoiceCalculator.standard().calculate(invoice));
    Check.equal("the totals of " + lines + " lines (BigDecimal)", invoiceKit,
        BigDecimalTotals.compute(input).canonical());
    Check.equal("the totals of " + lines + " lines (Joda-Money)", invoiceKit,
        JodaMoneyTotals.compute(input, Fixtures.EUR).canonical());
  }

  /** InvoiceKit's EN 16931 calculator. @return the totals */
  @Benchmark
  public InvoiceTotals invoiceKit() {
    return InvoiceCalculator.standard().calculate(invoice);
  }

  /** Hand-written {@code BigDecimal} code. @return the totals */
  @Benchmark
  public BigDecimalTotals.Result bigDecimal() {
    return BigDecimalTotals.compute(input);
  }

  /** Hand-written Joda-Money code. @return the totals */
  @Benchmark
  public JodaMoneyTotals.Result jodaMoney() {
    return JodaMoneyTotals.compute(input, Fixtures.EUR);
  }

  /** InvoiceKit's totals in the baselines' text format. */
  static List<String> canonical(InvoiceTotals totals) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < totals.lines().size(); i++) {
      LineTotals line = totals.lines().get(i);
      out.add("line " + i + " " + line.lineAmount().getAmount().toPlainString() + " "
          + line.allowanceAmount().getAmount().toPlainString() + " "
          + line.netAmount().getAmount().toPlainString());
    }
    for (TaxBreakdown group : totals.taxBreakdown()) {
      out.add("group " + group.taxCode().category().name() + " "
          + group.taxCode().rate().toPlainString() + " "
          + group.taxableAmount().getAmount().toPlainString() + " "
          + group.taxAmount().getAmount().toPlainString() + " "
          + group.overallDiscountShare().getAmount().toPlainString());
    }
    out.add("subtotal " + totals.subtotal().getAmount().toPlainString());
    out.add("discount " + totals.overallDiscount().getAmount().toPlainString());
    out.add("totalWithoutTax " + totals.totalWithoutTax().getAmount().toPlainString());
    out.add("taxTotal " + totals.taxTotal().getAmount().toPlainString());
    out.add("total " + totals.total().getAmount().toPlainString());
    Check.that("no charges, payments or rounding in P1's invoice",
        totals.chargeTotal().isZero() && totals.amountPaid().isZero()
            && totals.amountDue().equals(totals.total()));
    return out;
  }
}
