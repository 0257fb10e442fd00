package dev.invoicekit.benchmarks.support;

import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.ContactId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.LineAllowanceCharge;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.OverallDiscount;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.ProductId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.money.Percentage;
import dev.invoicekit.tax.TaxCategory;
import dev.invoicekit.tax.TaxCode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.joda.money.BigMoney;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The inputs every contender of a benchmark gets: invoices built the same way each time, so a run
 * can be repeated and two contenders can be checked against each other.
 */
public final class Fixtures {

  /** The tenant of every stored invoice. */
  public static final TenantId TENANT = TenantId.of("bench");

  /** The currency of every invoice. */
  public static final CurrencyUnit EUR = CurrencyUnit.EUR;

  /** The invoice date of every invoice. */
  public static final LocalDate INVOICE_DATE = LocalDate.of(2026, 11, 2);

  /** The three tax groups the lines cycle through: standard 19 %, reduced 7 %, zero rated. */
  public static final List<TaxCode> TAX_CODES =
      List.of(TaxCode.standard("19"), TaxCode.standard("7"), TaxCode.untaxed(TaxCategory.Z));

  /** The overall discount of the totals invoices, in percent of the subtotal. */
  public static final String OVERALL_DISCOUNT_PERCENT = "3.5";

  private Fixtures() {}

  /**
   * The lines of the totals benchmark (P1): quantities with up to three decimals, unit prices with
   * four, tax codes cycling through {@link #TAX_CODES}, and a line allowance on two lines of three:
   * a percentage (rounded per item) on one, a fixed amount on the next.
   *
   * @param count how many lines
   * @return the lines, not null
   */
  public static List<LineItem> totalsLines(int count) {
    List<LineItem> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      LineItem.Builder line = new LineItem.Builder()
          .description("Item " + (i + 1))
          .quantity(quantity(i))
          .unitPrice(BigMoney.of(EUR, unitPrice(i)))
          .taxCode(TAX_CODES.get(i % TAX_CODES.size()));
      if (i % 3 == 0) {
        line.addAllowanceCharge(
            LineAllowanceCharge.allowance(Percentage.parse(allowancePercent(i))));
      } else if (i % 3 == 1) {
        line.addAllowanceCharge(LineAllowanceCharge.allowance(Money.of(EUR, fixedAllowance(i))));
      }
      lines.add(line.build());
    }
    return lines;
  }

  /** The quantity of line {@code i}: 1 to 7 units, some with a fraction. */
  public static BigDecimal quantity(int i) {
    BigDecimal whole = BigDecimal.valueOf(1 + i % 7);
    return i % 2 == 0 ? whole
        : whole.add(new BigDecimal("0.125").multiply(BigDecimal.valueOf(1 + i % 5)));
  }

  /** The unit price of line {@code i}, with four decimals: 3.1415 to about 200. */
  public static BigDecimal unitPrice(int i) {
    return new BigDecimal("3.1415")
        .add(new BigDecimal("1.9993").multiply(BigDecimal.valueOf(i % 97)));
  }

  /** The allowance percentage of line {@code i} (lines 0, 3, 6, ...). */
  public static String allowancePercent(int i) {
    return i % 2 == 0 ? "12.5" : "7";
  }

  /** The fixed allowance of line {@code i} (lines 1, 4, 7, ...). */
  public static BigDecimal fixedAllowance(int i) {
    return new BigDecimal("0.35").add(BigDecimal.valueOf(i % 4, 2));
  }

  /**
   * The invoice of the totals benchmark (P1): {@link #totalsLines(int)} and an overall discount of
   * {@value #OVERALL_DISCOUNT_PERCENT} %, split across the tax groups.
   *
   * @param lines how many lines
   * @return a draft, not null
   */
  public static Invoice totalsInvoice(int lines) {
    return new Invoice.Builder()
        .id(InvoiceId.of("totals-" + lines))
        .tenant(TENANT)
        .account(AccountId.of("acme"))
        .currency(EUR)
        .invoiceDate(INVOICE_DATE)
        .paymentTerms(PaymentTerms.net(30))
        .lines(totalsLines(lines))
        .overallDiscount(OverallDiscount.percent(OVERALL_DISCOUNT_PERCENT))
        .build();
  }

  /**
   * The lines of a stored invoice: descriptions and product ids, a percentage allowance on every
   * third line, the three tax codes.
   *
   * @param count how many lines
   * @return the lines, not null
   */
  public static List<LineItem> storedLines(int count) {
    List<LineItem> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      LineItem.Builder line = new LineItem.Builder()
          .description("Consulting, work package " + (i + 1))
          .product(ProductId.of("sku-" + (1000 + i)))
          .quantity(quantity(i))
          .unitPrice(BigMoney.of(EUR, unitPrice(i)))
          .taxCode(TAX_CODES.get(i % TAX_CODES.size()));
      if (i % 3 == 0) {
        line.addAllowanceCharge(LineAllowanceCharge.allowance(Percentage.parse("10")));
      }
      lines.add(line.build());
    }
    return lines;
  }

  /**
   * A new draft (version 0) with {@code lines} lines, as the save benchmark (P4) writes it.
   *
   * @param id the invoice id
   * @param lines the lines, from {@link #storedLines(int)}
   * @return the draft, not null
   */
  public static Invoice draft(String id, List<LineItem> lines) {
    return new Invoice.Builder()
        .id(InvoiceId.of(id))
        .tenant(TENANT)
        .account(AccountId.of("acme"))
        .contact(ContactId.of("jane"))
        .currency(EUR)
        .invoiceDate(INVOICE_DATE)
        .paymentTerms(PaymentTerms.net(30))
        .lines(lines)
        .overallDiscount(OverallDiscount.percent("2"))
        .notes("Thank you for your business.")
        .build();
  }

  /**
   * An invoice issued elsewhere, to be imported (P6) or swept (P7): SENT, numbered, version 0.
   *
   * @param id the invoice id
   * @param number the invoice number
   * @param lines the lines, from {@link #storedLines(int)}
   * @param dueDate the due date
   * @return the invoice, not null
   */
  public static Invoice sent(String id, String number, List<LineItem> lines, LocalDate dueDate) {
    return new Invoice.Builder()
        .id(InvoiceId.of(id))
        .tenant(TENANT)
        .number(InvoiceNumber.of(number))
        .status(InvoiceStatus.SENT)
        .account(AccountId.of("acme"))
        .currency(EUR)
        .invoiceDate(INVOICE_DATE)
        .dueDate(dueDate)
        .lines(lines)
        .build();
  }
}
