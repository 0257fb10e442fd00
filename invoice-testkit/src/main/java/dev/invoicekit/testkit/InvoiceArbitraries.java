package dev.invoicekit.testkit;

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
import dev.invoicekit.invoice.SettlementId;
import dev.invoicekit.lifecycle.InvoiceLifecycle;
import dev.invoicekit.money.Percentage;
import dev.invoicekit.opportunity.Opportunity;
import dev.invoicekit.opportunity.OpportunityProduct;
import dev.invoicekit.tax.TaxCategory;
import dev.invoicekit.tax.TaxCode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.joda.money.BigMoney;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * Generators of valid InvoiceKit values, with edge cases on purpose: sub-cent unit prices, base
 * quantities, many lines, mixed tax categories, return lines, zero totals, currencies with 0, 2 and
 * 3 decimals, and invoices in every status.
 *
 * <p>Every generated invoice is dated {@link #INVOICE_DATE}, due 30 days later unless said
 * otherwise; invoices that are not drafts are numbered {@code GEN-<n>}.
 *
 * <p>Stateless and thread-safe.
 */
public final class InvoiceArbitraries {

  /** The invoice date of every generated invoice. */
  public static final LocalDate INVOICE_DATE = LocalDate.of(2026, 11, 2);

  private InvoiceArbitraries() {}

  /**
   * Currencies: mostly EUR, then JPY (0 decimals), BHD (3 decimals), SEK and USD.
   *
   * @return the generator, not null
   */
  public static Arbitrary<CurrencyUnit> currencies() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just(CurrencyUnit.EUR)),
        Tuple.of(1, Arbitraries.just(CurrencyUnit.JPY)),
        Tuple.of(1, Arbitraries.just(CurrencyUnit.of("BHD"))),
        Tuple.of(1, Arbitraries.of(CurrencyUnit.of("SEK"), CurrencyUnit.USD)));
  }

  /**
   * Amounts from 0 to {@code max} at the currency's scale, edge cases 0 and the smallest unit.
   *
   * @param currency the currency, not null
   * @param max the largest amount, as decimal text, not null
   * @return the generator, not null
   */
  public static Arbitrary<Money> amounts(CurrencyUnit currency, String max) {
    return Arbitraries.bigDecimals()
        .between(BigDecimal.ZERO, new BigDecimal(max))
        .ofScale(currency.getDecimalPlaces())
        .map(amount -> Money.of(currency, amount));
  }

  /**
   * Every tax category.
   *
   * @return the generator, not null
   */
  public static Arbitrary<TaxCategory> taxCategories() {
    return Arbitraries.of(TaxCategory.class);
  }

  /**
   * Tax codes: mostly standard rates (including 5.5, 7.7 and 0.1), then the untaxed categories,
   * then L, M and B.
   *
   * @return the generator, not null
   */
  public static Arbitrary<TaxCode> taxCodes() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.of("19", "7", "25", "5.5", "7.7", "21", "0.1")
            .map(TaxCode::standard)),
        Tuple.of(2, Arbitraries.of(TaxCategory.Z, TaxCategory.E, TaxCategory.AE, TaxCategory.K,
            TaxCategory.G, TaxCategory.O).map(TaxCode::untaxed)),
        Tuple.of(1, Arbitraries.of(TaxCode.of(TaxCategory.L, "7"), TaxCode.of(TaxCategory.M, "4"),
            TaxCode.of(TaxCategory.B, "22"))));
  }

  /**
   * Percentages from 0 to 100 with up to two decimals; 0 and 100 as edge cases.
   *
   * @return the generator, not null
   */
  public static Arbitrary<Percentage> percentages() {
    return Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.valueOf(100)).ofScale(2)
        .map(Percentage::of)
        .edgeCases(c -> c.includeOnly(Percentage.ZERO, Percentage.HUNDRED_PERCENT));
  }

  /**
   * Quantities with up to three decimals; about one in eight negative (a return line).
   *
   * @return the generator, not null
   */
  public static Arbitrary<BigDecimal> quantities() {
    Arbitrary<BigDecimal> positive =
        Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("5000")).ofScale(3);
    return Arbitraries.frequencyOf(
        Tuple.of(7, positive), Tuple.of(1, positive.map(BigDecimal::negate)));
  }

  /**
   * Unit prices with 2, 4 or 5 decimals, sub-cent prices included.
   *
   * @return the generator, not null
   */
  public static Arbitrary<BigDecimal> unitPrices() {
    return Arbitraries.oneOf(
        Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("20000")).ofScale(2),
        Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("50")).ofScale(5),
        Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("0.05")).ofScale(4));
  }

  /**
   * Line allowances and charges: a fixed amount, a percentage of the line, or a percentage of a
   * given base.
   *
   * @param currency the line's currency, not null
   * @return the generator, not null
   */
  public static Arbitrary<LineAllowanceCharge> lineAllowanceCharges(CurrencyUnit currency) {
    Arbitrary<AllowanceCharge.Kind> kinds = Arbitraries.of(AllowanceCharge.Kind.class);
    return Arbitraries.oneOf(
        Combinators.combine(kinds, amounts(currency, "50")).as((kind, amount) ->
            new LineAllowanceCharge.Builder().kind(kind).amount(amount).build()),
        Combinators.combine(kinds, percentages()).as((kind, pct) ->
            new LineAllowanceCharge.Builder().kind(kind).percentage(pct).build()),
        Combinators.combine(kinds, percentages(), amounts(currency, "1000")).as((kind, pct, base) ->
            new LineAllowanceCharge.Builder().kind(kind).percentage(pct).baseAmount(base).build()));
  }

  /**
   * Line items under one of the given tax codes.
   *
   * @param currency the currency, not null
   * @param taxCodes the codes to choose from, not empty
   * @return the generator, not null
   */
  public static Arbitrary<LineItem> lineItems(CurrencyUnit currency, List<TaxCode> taxCodes) {
    Arbitrary<BigDecimal> baseQuantities = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just(BigDecimal.ONE)),
        Tuple.of(1, Arbitraries.of("100", "12", "1000", "0.5", "365").map(BigDecimal::new)));
    return Combinators.combine(
            quantities(),
            unitPrices(),
            baseQuantities,
            Arbitraries.of(taxCodes),
            lineAllowanceCharges(currency).list().ofMaxSize(2),
            Arbitraries.strings().alpha().numeric().withChars(' ', '-', '\'').ofMinLength(1)
                .ofMaxLength(40).filter(s -> !s.isBlank()),
            Arbitraries.strings().alpha().ofLength(6).map(ProductId::of).optional())
        .as((quantity, price, base, code, parts, name, product) -> new LineItem.Builder()
            .description(name)
            .product(product)
            .quantity(quantity)
            .unitPrice(BigMoney.of(currency, price))
            .baseQuantity(base)
            .taxCode(code)
            .allowanceCharges(parts)
            .build());
  }

  /**
   * Line items in any currency and tax code.
   *
   * @return the generator, not null
   */
  public static Arbitrary<LineItem> lineItems() {
    return Combinators.combine(currencies(), taxCodes())
        .flatAs((currency, code) -> lineItems(currency, List.of(code)));
  }

  /**
   * Document allowances and charges under one of the given tax codes.
   *
   * @param currency the currency, not null
   * @param taxCodes the codes to choose from, not empty
   * @return the generator, not null
   */
  public static Arbitrary<DocumentAllowanceCharge> documentAllowanceCharges(
      CurrencyUnit currency, List<TaxCode> taxCodes) {
    Arbitrary<AllowanceCharge.Kind> kinds = Arbitraries.of(AllowanceCharge.Kind.class);
    return Arbitraries.oneOf(
        Combinators.combine(kinds, amounts(currency, "200"), Arbitraries.of(taxCodes))
            .as((kind, amount, code) -> new DocumentAllowanceCharge.Builder()
                .kind(kind).amount(amount).taxCode(code).build()),
        Combinators.combine(kinds, percentages(), amounts(currency, "2000"),
                Arbitraries.of(taxCodes))
            .as((kind, pct, base, code) -> new DocumentAllowanceCharge.Builder()
                .kind(kind).percentage(pct).baseAmount(base).taxCode(code).build()));
  }

  /**
   * Opportunities with zero to five products, whose value may or may not match them.
   *
   * @return the generator, not null
   */
  public static Arbitrary<Opportunity> opportunities() {
    return currencies().flatMap(currency -> {
      Arbitrary<OpportunityProduct> products = Combinators.combine(
              Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20),
              Arbitraries.integers().between(1, 50),
              amounts(currency, "5000"),
              percentages().optional())
          .as((name, quantity, price, discount) -> new OpportunityProduct.Builder()
              .name(name)
              .quantity(BigDecimal.valueOf(quantity))
              .unitPrice(price.toBigMoney())
              .discountPercentage(discount)
              .build());
      return Combinators.combine(
              Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12),
              products.list().ofMaxSize(5),
              amounts(currency, "100000"),
              Arbitraries.strings().alpha().ofLength(5).map(ContactId::of).optional())
          .as((id, productList, value, contact) -> new Opportunity.Builder()
              .id(OpportunityId.of("opp-" + id))
              .account(AccountId.of("account-" + id))
              .contact(contact)
              .currency(currency)
              .products(productList)
              .value(value)
              .build());
    });
  }

  /**
   * Valid drafts: one to eight lines (sometimes twenty to forty), one to four tax codes, document
   * allowances and charges, net or tax-inclusive prices, and no discount, a percentage discount or
   * a fixed discount up to the subtotal. Zero-total drafts appear as edge cases.
   *
   * @return the generator, not null
   */
  public static Arbitrary<Invoice> drafts() {
    Arbitrary<Invoice> drafts = Combinators.combine(currencies(),
            taxCodes().set().ofMinSize(1).ofMaxSize(4),
            Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20))
        .flatAs((currency, codeSet, id) -> {
          List<TaxCode> codes = List.copyOf(codeSet);
          Arbitrary<List<LineItem>> lines = Arbitraries.frequencyOf(
              Tuple.of(8, lineItems(currency, codes).list().ofMinSize(1).ofMaxSize(8)),
              Tuple.of(1, lineItems(currency, codes).list().ofMinSize(20).ofMaxSize(40)));
          return Combinators.combine(lines,
                  documentAllowanceCharges(currency, codes).list().ofMaxSize(3),
                  Arbitraries.of(false, false, false, true))
              .as((lineList, parts, gross) -> new Invoice.Builder()
                  .id(InvoiceId.of("inv-" + id))
                  .account(AccountId.of("account-" + id.length()))
                  .currency(currency)
                  .invoiceDate(INVOICE_DATE)
                  .paymentTerms(PaymentTerms.net(30))
                  .lines(lineList)
                  .documentAllowanceCharges(parts)
                  .pricesIncludeTax(gross)
                  .build());
        })
        .flatMap(InvoiceArbitraries::withSomeOverallDiscount);
    return drafts.edgeCases(config -> config.add(zeroTotalDraft()));
  }

  private static Invoice zeroTotalDraft() {
    return new Invoice.Builder()
        .id(InvoiceId.of("inv-zero"))
        .account(AccountId.of("account-zero"))
        .currency(CurrencyUnit.EUR)
        .invoiceDate(INVOICE_DATE)
        .paymentTerms(PaymentTerms.net(30))
        .addLine(new LineItem.Builder().description("Free sample").quantity(1)
            .unitPrice("EUR 0").taxCode(TaxCode.standard("19")).build())
        .build();
  }

  private static Arbitrary<Invoice> withSomeOverallDiscount(Invoice invoice) {
    Arbitrary<Invoice> percent =
        percentages().map(p -> invoice.withOverallDiscount(OverallDiscount.percent(p)));
    // A fixed discount is taken from the subtotal in price terms (gross when prices include tax).
    Money subtotal = invoice.totals().lines().stream()
        .map(line -> line.grossAmount().orElse(line.netAmount()))
        .reduce(Money.zero(invoice.currency()), Money::plus);
    if (!subtotal.isPositive()) {
      return Arbitraries.oneOf(Arbitraries.just(invoice), percent);
    }
    Arbitrary<Invoice> fixed = Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.ONE)
        .ofScale(4)
        .map(f -> invoice.withOverallDiscount(
            OverallDiscount.fixed(subtotal.multipliedBy(f, RoundingMode.DOWN))));
    return Arbitraries.oneOf(Arbitraries.just(invoice), percent, fixed);
  }

  /**
   * Valid invoices in the given status, reached through the lifecycle from a generated draft:
   * sent invoices are numbered, partially paid ones carry one to three payments leaving a balance,
   * paid ones are settled, overdue ones are past due (as of 60 days after the invoice date),
   * uncollectible ones have their whole balance written off 60 days after the invoice date. Drafts
   * that cannot reach the status (a negative amount due is never sent) are filtered out, so every
   * value is valid.
   *
   * @param status the status, not null
   * @return the generator, not null
   */
  public static Arbitrary<Invoice> invoices(InvoiceStatus status) {
    Arbitrary<Invoice> drafts = sendableDrafts();
    switch (status) {
      case DRAFT:
        return drafts();
      case CANCELLED:
        return drafts().map(draft -> InvoiceLifecycle.cancel(draft).invoice());
      case SENT:
        return drafts.map(InvoiceArbitraries::send)
            .filter(invoice -> invoice.status() == InvoiceStatus.SENT);
      case VOID:
        return invoices(InvoiceStatus.SENT)
            .map(sent -> InvoiceLifecycle.voidInvoice(sent).invoice());
      case PAID:
        return drafts.map(InvoiceArbitraries::send)
            .filter(invoice -> invoice.status() == InvoiceStatus.PAID
                || invoice.totals().amountDue().isPositive())
            .map(invoice ->
            invoice.status() == InvoiceStatus.PAID ? invoice
                : pay(invoice, invoice.totals().amountDue(), "settle"))
            .filter(invoice -> invoice.status() == InvoiceStatus.PAID);
      case PARTIALLY_PAID:
        return withBalance().flatMap(invoice -> partPayments(invoice)
            .map(payments -> {
              Invoice paid = invoice;
              for (int i = 0; i < payments.size(); i++) {
                paid = pay(paid, payments.get(i), "part-" + i);
              }
              return paid;
            }));
      case OVERDUE:
        return withBalance().map(invoice ->
            InvoiceLifecycle.markOverdue(invoice, INVOICE_DATE.plusDays(60)).invoice());
      case UNCOLLECTIBLE:
        return withBalance().map(invoice -> InvoiceLifecycle.writeOff(invoice,
            SettlementId.of("write-off"), "Uncollectible", INVOICE_DATE.plusDays(60)).invoice());
      default:
        throw new IllegalArgumentException("Unknown status " + status);
    }
  }

  /**
   * Valid invoices in any status.
   *
   * @return the generator, not null
   */
  public static Arbitrary<Invoice> invoices() {
    return Arbitraries.of(InvoiceStatus.class).flatMap(InvoiceArbitraries::invoices);
  }

  /** Sent invoices with a balance of at least four minor units, enough for a partial payment. */
  private static Arbitrary<Invoice> withBalance() {
    return sendableDrafts().map(InvoiceArbitraries::send).filter(invoice ->
        invoice.status() == InvoiceStatus.SENT
            && invoice.totals().amountDue().isGreaterThan(
                Money.ofMinor(invoice.currency(), 3)));
  }

  /** One to three payments adding up to less than the balance. */
  private static Arbitrary<List<Money>> partPayments(Invoice invoice) {
    // Each of at most three payments is at most a third of the balance, in minor units.
    java.math.BigInteger third = invoice.totals().amountDue().getAmount().unscaledValue()
        .subtract(java.math.BigInteger.ONE).divide(java.math.BigInteger.valueOf(3));
    return Arbitraries.bigIntegers().between(java.math.BigInteger.ONE, third)
        .map(minor -> Money.of(invoice.currency(),
            new BigDecimal(minor, invoice.currency().getDecimalPlaces())))
        .list().ofMinSize(1).ofMaxSize(3);
  }

  /** Drafts the lifecycle sends: a negative amount due is a credit, which is never sent. */
  private static Arbitrary<Invoice> sendableDrafts() {
    return drafts().filter(draft -> !draft.totals().amountDue().isNegative());
  }

  private static Invoice send(Invoice draft) {
    return InvoiceLifecycle.send(draft, () -> InvoiceNumber.of("GEN-" + draft.id().value()))
        .invoice();
  }

  private static Invoice pay(Invoice invoice, Money amount, String id) {
    Payment payment = new Payment.Builder()
        .id(PaymentId.of(id))
        .amount(amount)
        .date(INVOICE_DATE.plusDays(1))
        .build();
    return InvoiceLifecycle.recordPayment(invoice, payment, INVOICE_DATE.plusDays(1)).invoice();
  }
}
