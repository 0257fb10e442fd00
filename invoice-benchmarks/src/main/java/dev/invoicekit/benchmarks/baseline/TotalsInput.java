package dev.invoicekit.benchmarks.baseline;

import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.LineAllowanceCharge;
import dev.invoicekit.invoice.LineItem;
import java.math.BigDecimal;
import java.util.List;
import org.joda.money.BigMoney;
import org.joda.money.Money;

/**
 * What the hand-written totals code reads: the invoice's lines as plain arrays, the way an
 * application without InvoiceKit would hold them. Made once from an InvoiceKit invoice, so both
 * sides total the same content.
 *
 * @param quantities per line
 * @param unitPrices per line, with their own scale
 * @param unitPriceMoney the same prices as Joda-Money values, for the Joda-Money baseline
 * @param categories per line, the tax category code such as "S"
 * @param rates per line, the tax rate in percent
 * @param allowancePercents per line, the allowance percentage, or null
 * @param allowanceAmounts per line, the fixed allowance, or null
 * @param allowanceMoney the same fixed allowances as Joda-Money values, or null
 * @param discountPercent the overall discount in percent of the subtotal
 */
public record TotalsInput(
    BigDecimal[] quantities,
    BigDecimal[] unitPrices,
    BigMoney[] unitPriceMoney,
    String[] categories,
    BigDecimal[] rates,
    BigDecimal[] allowancePercents,
    BigDecimal[] allowanceAmounts,
    Money[] allowanceMoney,
    BigDecimal discountPercent) {

  /**
   * Reads the content of an invoice whose lines have a base quantity of 1 and at most one
   * allowance each, and whose overall discount is a percentage.
   *
   * @param invoice the invoice
   * @return the arrays
   */
  public static TotalsInput of(Invoice invoice) {
    List<LineItem> lines = invoice.lines();
    int n = lines.size();
    TotalsInput input = new TotalsInput(new BigDecimal[n], new BigDecimal[n], new BigMoney[n],
        new String[n], new BigDecimal[n], new BigDecimal[n], new BigDecimal[n], new Money[n],
        invoice.overallDiscount().orElseThrow().percentage().orElseThrow().value());
    for (int i = 0; i < n; i++) {
      LineItem line = lines.get(i);
      if (line.baseQuantity().compareTo(BigDecimal.ONE) != 0
          || line.allowanceCharges().size() > 1) {
        throw new IllegalArgumentException("The baselines take base quantity 1 and one allowance");
      }
      input.quantities[i] = line.quantity();
      input.unitPrices[i] = line.unitPrice().getAmount();
      input.unitPriceMoney[i] = line.unitPrice();
      input.categories[i] = line.taxCode().category().name();
      input.rates[i] = line.taxCode().rate();
      for (LineAllowanceCharge allowance : line.allowanceCharges()) {
        if (!allowance.isAllowance()) {
          throw new IllegalArgumentException("The baselines take allowances only");
        }
        input.allowancePercents[i] = allowance.amount().isPresent() ? null
            : allowance.percentage().orElseThrow().value();
        input.allowanceAmounts[i] = allowance.amount().map(Money::getAmount).orElse(null);
        input.allowanceMoney[i] = allowance.amount().orElse(null);
      }
    }
    return input;
  }

  /** The number of lines. @return the count */
  public int lineCount() {
    return quantities.length;
  }
}
