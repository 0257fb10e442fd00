package dev.invoicekit.testkit.contract;

import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.AllowanceCharge;
import dev.invoicekit.invoice.ContactId;
import dev.invoicekit.invoice.DocumentAllowanceCharge;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.LineAllowanceCharge;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.OpportunityId;
import dev.invoicekit.invoice.OverallDiscount;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.ProductId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.money.Percentage;
import dev.invoicekit.money.RoundingPolicy;
import dev.invoicekit.money.TaxRounding;
import dev.invoicekit.tax.TaxCategory;
import dev.invoicekit.tax.TaxCode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * Invoices for the contract tests, from a one-line draft to ones that use every field in
 * currencies with 2, 0 and 3 decimals. Also useful in a host's own repository tests.
 *
 * <p>Stateless and thread-safe.
 */
public final class SampleInvoices {

  /** The tenant most contract tests write in. */
  public static final TenantId TENANT = TenantId.of("tenant-a");
  /** A second tenant, for isolation tests. */
  public static final TenantId OTHER_TENANT = TenantId.of("tenant-b");
  /** The invoice date of every sample invoice. */
  public static final LocalDate INVOICE_DATE = LocalDate.of(2026, 11, 2);

  private SampleInvoices() {}

  /**
   * A draft of one EUR line, net 30, in {@link #TENANT}.
   *
   * @param id the invoice id, not blank
   * @return the unsaved draft (version 0), not null
   */
  public static Invoice draft(String id) {
    return draft(TENANT, id);
  }

  /**
   * A draft of one EUR line (10 x 12.50 at 19 %), net 30, for account {@code acme}.
   *
   * @param tenant the tenant, not null
   * @param id the invoice id, not blank
   * @return the unsaved draft (version 0), not null
   */
  public static Invoice draft(TenantId tenant, String id) {
    return new Invoice.Builder()
        .id(InvoiceId.of(id))
        .tenant(tenant)
        .account(AccountId.of("acme"))
        .currency("EUR")
        .invoiceDate(INVOICE_DATE)
        .paymentTerms(PaymentTerms.net(30))
        .addLine(line("Consulting", "10", "EUR 12.50"))
        .build();
  }

  /**
   * A sent (numbered) version of {@link #draft(TenantId, String)}, not yet saved.
   *
   * @param tenant the tenant, not null
   * @param id the invoice id, not blank
   * @param number the invoice number, not blank
   * @return the unsaved invoice (version 0), not null
   */
  public static Invoice sent(TenantId tenant, String id, String number) {
    return draft(tenant, id).withNumber(InvoiceNumber.of(number)).withStatus(InvoiceStatus.SENT);
  }

  /**
   * A line at the standard 19 % rate.
   *
   * @param description the description, not blank
   * @param quantity the quantity as a decimal, such as {@code "2.5"}
   * @param unitPrice the unit price, such as {@code "EUR 12.50"}
   * @return the line, not null
   */
  public static LineItem line(String description, String quantity, String unitPrice) {
    return new LineItem.Builder()
        .description(description)
        .quantity(quantity)
        .unitPrice(unitPrice)
        .taxCode(TaxCode.standard("19"))
        .build();
  }

  /**
   * A payment in EUR, dated the day after {@link #INVOICE_DATE}.
   *
   * @param id the payment id, not blank
   * @param eur the amount in euros, such as {@code "10.00"}, positive
   * @return the payment, not null
   */
  public static Payment payment(String id, String eur) {
    return new Payment.Builder()
        .id(PaymentId.of(id))
        .amount(Money.of(CurrencyUnit.EUR, new BigDecimal(eur)))
        .date(INVOICE_DATE.plusDays(1))
        .build();
  }

  /**
   * A partially paid EUR invoice using every field: sub-cent and per-100 prices, a return line,
   * line and document allowances and charges, an overall discount, payments and a refund,
   * external references, review notes, a per-line rounding policy with cash rounding.
   *
   * @param tenant the tenant, not null
   * @param id the invoice id, not blank
   * @return the unsaved invoice (version 0), not null
   */
  public static Invoice richEur(TenantId tenant, String id) {
    CurrencyUnit eur = CurrencyUnit.EUR;
    Invoice unpaid = new Invoice.Builder()
        .id(InvoiceId.of(id))
        .tenant(tenant)
        .number(InvoiceNumber.of("INV-2026-" + id))
        .status(InvoiceStatus.SENT)
        .account(AccountId.of("acme-gmbh"))
        .contact(ContactId.of("contact-7"))
        .opportunity(OpportunityId.of("opp-42"))
        .currency(eur)
        .invoiceDate(INVOICE_DATE)
        .paymentTerms(new PaymentTerms.Builder().netDays(14).description("14 days net").build())
        .addLine(new LineItem.Builder()
            .description("Screws, sold per 100")
            .product(ProductId.of("screw-m4"))
            .quantity("2500")
            .unitPrice("EUR 4.125")
            .baseQuantity(new BigDecimal("100"))
            .taxCode(TaxCode.standard("19"))
            .addAllowanceCharge(new LineAllowanceCharge.Builder()
                .kind(AllowanceCharge.Kind.ALLOWANCE)
                .percentage(Percentage.of(new BigDecimal("5")))
                .reason("Volume")
                .reasonCode("95")
                .build())
            .build())
        .addLine(new LineItem.Builder()
            .description("API calls")
            .quantity("123456.789")
            .unitPrice("EUR 0.0012")
            .taxCode(TaxCode.standard("19"))
            .addAllowanceCharge(new LineAllowanceCharge.Builder()
                .kind(AllowanceCharge.Kind.CHARGE)
                .amount(Money.of(eur, new BigDecimal("2.50")))
                .reason("Setup")
                .build())
            .build())
        .addLine(new LineItem.Builder()
            .description("Returned cable")
            .product(ProductId.of("cable-2m"))
            .quantity("-2")
            .unitPrice("EUR 9.99")
            .taxCode(TaxCode.standard("19"))
            .build())
        .addLine(new LineItem.Builder()
            .description("Book")
            .quantity("3")
            .unitPrice("EUR 24.90")
            .taxCode(TaxCode.standard("7"))
            .addAllowanceCharge(new LineAllowanceCharge.Builder()
                .kind(AllowanceCharge.Kind.ALLOWANCE)
                .percentage(Percentage.of(new BigDecimal("10")))
                .baseAmount(Money.of(eur, new BigDecimal("50.00")))
                .build())
            .build())
        .addLine(new LineItem.Builder()
            .description("Export service")
            .quantity("1.5")
            .unitPrice("EUR 200")
            .taxCode(TaxCode.untaxed(TaxCategory.G))
            .build())
        .addDocumentAllowanceCharge(new DocumentAllowanceCharge.Builder()
            .kind(AllowanceCharge.Kind.CHARGE)
            .amount(Money.of(eur, new BigDecimal("15.00")))
            .reason("Freight")
            .reasonCode("FC")
            .taxCode(TaxCode.standard("19"))
            .build())
        .addDocumentAllowanceCharge(new DocumentAllowanceCharge.Builder()
            .kind(AllowanceCharge.Kind.ALLOWANCE)
            .percentage(Percentage.of(new BigDecimal("2.5")))
            .baseAmount(Money.of(eur, new BigDecimal("70.00")))
            .taxCode(TaxCode.standard("7"))
            .build())
        .overallDiscount(OverallDiscount.percent("3.75"))
        .notes("Thank you for your order.\nDeliveries: \"dock 4\"")
        .terms("Payable within 14 days; 2 % skonto within 7 days")
        .addReviewNote("Lines do not add up to the opportunity value of EUR 1,000.00")
        .addReviewNote("Check the freight charge")
        .putExternalReference("ledger", "4711")
        .putExternalReference("crm", "OPP-42/INV")
        .roundingPolicy(new RoundingPolicy.Builder()
            .mode(RoundingMode.HALF_EVEN)
            .taxRounding(TaxRounding.PER_LINE)
            .cashRoundingIncrement(new BigDecimal("0.05"))
            .build())
        .build();
    return unpaid
        .withPayments(
            new Payment.Builder()
                .id(PaymentId.of("pay-1"))
                .amount(Money.of(eur, new BigDecimal("100.00")))
                .date(INVOICE_DATE.plusDays(3))
                .method("bank transfer")
                .reference("SEPA 2026-11-05 / 0815")
                .build(),
            new Payment.Builder()
                .id(PaymentId.of("pay-2"))
                .amount(Money.of(eur, new BigDecimal("0.01")))
                .date(INVOICE_DATE.plusDays(4))
                .build(),
            new Payment.Builder()
                .id(PaymentId.of("refund-1"))
                .kind(Payment.Kind.REFUND)
                .amount(Money.of(eur, new BigDecimal("20.00")))
                .date(INVOICE_DATE.plusDays(5))
                .method("card")
                .build())
        .withStatus(InvoiceStatus.PARTIALLY_PAID);
  }

  /**
   * A JPY invoice (no decimals) with sub-yen unit prices, a fixed discount, prices including tax
   * and a payment.
   *
   * @param tenant the tenant, not null
   * @param id the invoice id, not blank
   * @return the unsaved invoice (version 0), not null
   */
  public static Invoice richJpy(TenantId tenant, String id) {
    CurrencyUnit jpy = CurrencyUnit.JPY;
    Invoice unpaid = new Invoice.Builder()
        .id(InvoiceId.of(id))
        .tenant(tenant)
        .number(InvoiceNumber.of("JP-" + id))
        .status(InvoiceStatus.SENT)
        .account(AccountId.of("kabushiki"))
        .currency(jpy)
        .invoiceDate(INVOICE_DATE)
        .dueDate(INVOICE_DATE.plusDays(45))
        .pricesIncludeTax(true)
        .addLine(new LineItem.Builder()
            .description("Bandwidth (GB)")
            .quantity("1234.5")
            .unitPrice("JPY 0.75")
            .taxCode(TaxCode.standard("10"))
            .build())
        .addLine(new LineItem.Builder()
            .description("Tea, reduced rate")
            .quantity("12")
            .unitPrice("JPY 540")
            .taxCode(TaxCode.standard("8"))
            .build())
        .overallDiscount(OverallDiscount.fixed(Money.of(jpy, new BigDecimal("100"))))
        .putExternalReference("freee", "取引-99")
        .build();
    return unpaid
        .withPayments(new Payment.Builder()
            .id(PaymentId.of("jp-pay-1"))
            .amount(Money.of(jpy, new BigDecimal("1000")))
            .date(INVOICE_DATE.plusDays(10))
            .build())
        .withStatus(InvoiceStatus.PARTIALLY_PAID);
  }

  /**
   * A BHD draft (three decimals) with a prepaid amount and a rounding amount.
   *
   * @param tenant the tenant, not null
   * @param id the invoice id, not blank
   * @return the unsaved draft (version 0), not null
   */
  public static Invoice richBhd(TenantId tenant, String id) {
    CurrencyUnit bhd = CurrencyUnit.of("BHD");
    return new Invoice.Builder()
        .id(InvoiceId.of(id))
        .tenant(tenant)
        .account(AccountId.of("manama-trading"))
        .currency(bhd)
        .invoiceDate(INVOICE_DATE)
        .paymentTerms(PaymentTerms.net(60))
        .addLine(new LineItem.Builder()
            .description("Maintenance")
            .quantity("7.25")
            .unitPrice("BHD 12.3456")
            .taxCode(TaxCode.standard("10"))
            .build())
        .addLine(new LineItem.Builder()
            .description("Spare part, returned")
            .quantity("-1")
            .unitPrice("BHD 3.125")
            .taxCode(TaxCode.standard("10"))
            .build())
        .addDocumentAllowanceCharge(new DocumentAllowanceCharge.Builder()
            .kind(AllowanceCharge.Kind.ALLOWANCE)
            .amount(Money.of(bhd, new BigDecimal("1.005")))
            .taxCode(TaxCode.standard("10"))
            .build())
        .prepaidAmount(Money.of(bhd, new BigDecimal("10.000")))
        .roundingAmount(Money.of(bhd, new BigDecimal("0.001")))
        .build();
  }
}
