package dev.invoicekit.opportunity;

import dev.invoicekit.invoice.InvalidInvoiceException;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.LineAllowanceCharge;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.tax.TaxCode;
import dev.invoicekit.totals.LineTotals;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.joda.money.Money;

/**
 * Makes draft invoices from opportunities.
 *
 * <p>The draft bills the opportunity's account and contact in its currency and is linked to it.
 * Each product becomes one line: its name, product reference, quantity and unit price, its discount
 * as a line allowance, and its tax code or the default one. An opportunity without products becomes
 * one line of quantity 1 priced at the opportunity's value, with the default tax code. There is no
 * built-in default (a rate is one country's): a line that needs one when the caller has none is
 * refused, saying what to configure.
 *
 * <p>When the products' line nets do not add up to the opportunity's value, nothing is adjusted:
 * the draft carries a {@linkplain Invoice#reviewNotes() review note} naming both amounts and the
 * difference, for whoever checks the draft before sending it.
 *
 * <p>Stateless and thread-safe.
 */
public final class OpportunityInvoices {

  private OpportunityInvoices() {}

  /**
   * Makes a draft invoice from an opportunity. The draft has no number; it gets one when sent.
   *
   * @param opportunity the opportunity, not null
   * @param id the new invoice's id, not null
   * @param tenant the tenant the invoice belongs to, not null
   * @param invoiceDate the invoice date, not null
   * @param defaultTaxCode the tax code of lines whose product names none, and of the one line of
   *     an opportunity without products, not null
   * @return a {@linkplain dev.invoicekit.invoice.InvoiceStatus#DRAFT draft} linked to the
   *     opportunity, not null
   * @throws dev.invoicekit.invoice.InvalidInvoiceException if a product cannot be an invoice line,
   *     such as a fixed discount in another currency than its price
   */
  public static Invoice draftFrom(
      Opportunity opportunity,
      InvoiceId id,
      TenantId tenant,
      LocalDate invoiceDate,
      TaxCode defaultTaxCode) {
    return draftFrom(opportunity, id, tenant, invoiceDate,
        Optional.of(Objects.requireNonNull(defaultTaxCode, "defaultTaxCode")));
  }

  /**
   * Makes a draft invoice from an opportunity, with or without a default tax code. Without one,
   * every product must name its tax code and the opportunity must have products.
   *
   * @param opportunity the opportunity, not null
   * @param id the new invoice's id, not null
   * @param tenant the tenant the invoice belongs to, not null
   * @param invoiceDate the invoice date, not null
   * @param defaultTaxCode the tax code of lines whose product names none, and of the one line of
   *     an opportunity without products; empty for none, not null
   * @return a {@linkplain dev.invoicekit.invoice.InvoiceStatus#DRAFT draft} linked to the
   *     opportunity, not null
   * @throws dev.invoicekit.invoice.InvalidInvoiceException if a product cannot be an invoice line,
   *     such as a fixed discount in another currency than its price, or if a line needs the
   *     default tax code and there is none
   */
  public static Invoice draftFrom(
      Opportunity opportunity,
      InvoiceId id,
      TenantId tenant,
      LocalDate invoiceDate,
      Optional<TaxCode> defaultTaxCode) {
    Objects.requireNonNull(opportunity, "opportunity");
    Objects.requireNonNull(defaultTaxCode, "defaultTaxCode");
    Invoice.Builder draft = new Invoice.Builder();
    draft
        .id(id)
        .tenant(tenant)
        .invoiceDate(invoiceDate)
        .account(opportunity.account())
        .contact(opportunity.contact())
        .opportunity(opportunity.id())
        .currency(opportunity.currency());
    if (opportunity.products().isEmpty()) {
      draft.addLine(valueLine(opportunity, defaultTaxCode));
    } else {
      opportunity.products()
          .forEach(product -> draft.addLine(line(opportunity, product, defaultTaxCode)));
    }
    Invoice invoice = draft.build();
    return mismatchNote(opportunity, invoice).map(invoice::withReviewNotes).orElse(invoice);
  }

  /** The line for one product. */
  private static LineItem line(Opportunity opportunity, OpportunityProduct product,
      Optional<TaxCode> defaultTaxCode) {
    LineItem.Builder line =
        new LineItem.Builder()
            .description(product.name())
            .product(product.product())
            .quantity(product.quantity())
            .unitPrice(product.unitPrice())
            .taxCode(product.taxCode().or(() -> defaultTaxCode)
                .orElseThrow(() -> noDefaultTaxCode(opportunity, "its product \""
                    + product.name() + "\" names no tax code, so its line")));
    product
        .discountPercentage()
        .map(LineAllowanceCharge::allowance)
        .ifPresent(line::addAllowanceCharge);
    product
        .discountAmount()
        .map(LineAllowanceCharge::allowance)
        .ifPresent(line::addAllowanceCharge);
    return line.build();
  }

  /** The one line of an opportunity without products: its value, once. */
  private static LineItem valueLine(Opportunity opportunity, Optional<TaxCode> defaultTaxCode) {
    return new LineItem.Builder()
        .description(opportunity.name().orElse("Opportunity " + opportunity.id()))
        .quantity(1)
        .unitPrice(opportunity.value())
        .taxCode(defaultTaxCode.orElseThrow(() -> noDefaultTaxCode(opportunity,
            "it has no products, so the one line of its value")))
        .build();
  }

  /** The refusal of a line that needs the default tax code when none is configured. */
  private static InvalidInvoiceException noDefaultTaxCode(Opportunity opportunity, String why) {
    return new InvalidInvoiceException("Cannot make a draft from opportunity " + opportunity.id()
        + ": " + why + " needs the default tax code, and none is configured; configure one with"
        + " InvoiceServiceBuilder.defaultTaxCode(...) (or pass it to"
        + " OpportunityInvoices.draftFrom), or give every product its tax code");
  }

  /** A note when the lines made from the products do not add up to the opportunity's value. */
  private static Optional<String> mismatchNote(Opportunity opportunity, Invoice invoice) {
    if (opportunity.products().isEmpty()) {
      return Optional.empty();
    }
    Money products =
        invoice.totals().lines().stream()
            .map(LineTotals::netAmount)
            .reduce(Money.zero(opportunity.currency()), Money::plus);
    Money value = opportunity.value();
    if (products.isEqual(value)) {
      return Optional.empty();
    }
    return Optional.of(
        "Opportunity "
            + opportunity.id()
            + ": its products add up to "
            + products
            + " but its value is "
            + value
            + " (difference "
            + value.minus(products).abs()
            + "); check the lines before sending");
  }
}
