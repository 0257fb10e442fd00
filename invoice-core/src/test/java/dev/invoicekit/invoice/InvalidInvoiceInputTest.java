package dev.invoicekit.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.invoicekit.money.Percentage;
import dev.invoicekit.tax.TaxAmount;
import dev.invoicekit.tax.TaxCategory;
import dev.invoicekit.tax.TaxCode;
import dev.invoicekit.totals.InvoiceTotals;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A catalogue of bad input. Each case asserts the exact exception type and the parts of its message
 * a reader needs: what was wrong, where, and what to do instead.
 */
class InvalidInvoiceInputTest {

  private static final InvoiceId ID = InvoiceId.of("INV-2026-00042");
  private static final LocalDate INVOICE_DATE = LocalDate.of(2026, 11, 24);
  private static final CurrencyUnit EUR = CurrencyUnit.EUR;
  private static final CurrencyUnit USD = CurrencyUnit.USD;
  private static final TaxCode S19 = TaxCode.standard("19");
  private static final TaxCode S7 = TaxCode.standard("7");
  private static final TaxCode EXEMPT = TaxCode.untaxed(TaxCategory.E);

  private static Invoice.Builder invoice() {
    return new Invoice.Builder()
        .id(ID)
        .account(AccountId.of("acme"))
        .currency("EUR")
        .invoiceDate(INVOICE_DATE);
  }

  private static LineItem.Builder line(String description, String quantity, String price) {
    return new LineItem.Builder()
        .description(description)
        .quantity(quantity)
        .unitPrice(price)
        .taxCode(S19);
  }

  private static LineItem consulting() {
    return line("Consulting", "10", "EUR 100.00").build();
  }

  private static Money eur(String amount) {
    return Money.parse("EUR " + amount);
  }

  private static Money usd(String amount) {
    return Money.parse("USD " + amount);
  }

  private static Payment payment(String id, Money amount) {
    return new Payment.Builder().id(PaymentId.of(id)).amount(amount).date(INVOICE_DATE).build();
  }

  /** Asserts that building throws a currency mismatch of EUR expected and USD found. */
  private static void assertEurExpectedButUsdFound(ThrowingCallable build, String where) {
    assertThatThrownBy(build)
        .isExactlyInstanceOf(CurrencyMismatchException.class)
        .hasMessageContaining("Invoice INV-2026-00042")
        .hasMessageContaining(where + " is in USD")
        .hasMessageContaining("the invoice is in EUR")
        .hasMessageContaining("give every amount in EUR")
        .asInstanceOf(type(CurrencyMismatchException.class))
        .satisfies(
            e -> {
              assertThat(e.expected()).isEqualTo(EUR);
              assertThat(e.actual()).isEqualTo(USD);
              assertThat(e.invoiceId()).contains(ID);
            });
  }

  // ---- One currency per invoice ----

  @Test
  void aLineWhoseUnitPriceIsInAnotherCurrencyIsRefusedNamingTheLineByNumberAndDescription() {
    assertEurExpectedButUsdFound(
        () -> invoice().addLines(consulting(), line("Travel", "1", "USD 234.56").build()).build(),
        "line 2 ('Travel') unit price");
  }

  @Test
  void aDocumentAllowanceInAnotherCurrencyIsRefusedNamingTheAllowance() {
    DocumentAllowanceCharge loyaltyDiscount =
        new DocumentAllowanceCharge.Builder()
            .kind(AllowanceCharge.Kind.ALLOWANCE)
            .amount(usd("5.00"))
            .reason("Loyalty")
            .taxCode(S19)
            .build();

    assertEurExpectedButUsdFound(
        () -> invoice().addLine(consulting()).addDocumentAllowanceCharge(loyaltyDiscount).build(),
        "the document allowance 'Loyalty'");
  }

  @Test
  void aPaymentInAnotherCurrencyIsRefusedNamingThePayment() {
    assertEurExpectedButUsdFound(
        () -> invoice().addLine(consulting()).addPayment(payment("pay-1", usd("10.00"))).build(),
        "payment pay-1");
  }

  @Test
  void aPrepaidAmountInAnotherCurrencyIsRefused() {
    assertEurExpectedButUsdFound(
        () -> invoice().addLine(consulting()).prepaidAmount(usd("100.00")).build(),
        "the prepaid amount");
  }

  @Test
  void aFixedOverallDiscountInAnotherCurrencyIsRefused() {
    assertEurExpectedButUsdFound(
        () ->
            invoice()
                .addLine(consulting())
                .overallDiscount(OverallDiscount.fixed(usd("10.00")))
                .build(),
        "the overall discount");
  }

  @Test
  void aRoundingAmountInAnotherCurrencyIsRefused() {
    assertEurExpectedButUsdFound(
        () -> invoice().addLine(consulting()).roundingAmount(usd("0.01")).build(),
        "the rounding amount");
  }

  @Test
  void aLineAllowanceInAnotherCurrencyThanItsLinesPriceIsRefusedWhenTheLineIsBuilt() {
    assertThatThrownBy(
            () ->
                line("Consulting", "10", "EUR 100.00")
                    .addAllowanceCharge(LineAllowanceCharge.allowance(usd("5.00")))
                    .build())
        .isExactlyInstanceOf(CurrencyMismatchException.class)
        .hasMessageContaining("Line 'Consulting'")
        .hasMessageContaining("allowance or charge is in USD")
        .hasMessageContaining("give every amount in EUR")
        .asInstanceOf(type(CurrencyMismatchException.class))
        .satisfies(
            e -> {
              assertThat(e.expected()).isEqualTo(EUR);
              assertThat(e.actual()).isEqualTo(USD);
              assertThat(e.invoiceId()).isEmpty();
            });
  }

  // ---- Percentages ----

  @ParameterizedTest
  @ValueSource(strings = {"-1", "-0.01", "100.01", "250"})
  void aPercentageOutsideZeroToHundredIsRefusedWithTheValueGiven(String value) {
    assertThatThrownBy(() -> LineAllowanceCharge.allowance(Percentage.parse(value)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be between 0 and 100")
        .hasMessageContaining("was " + value);
  }

  @Test
  void anOverallDiscountOfMoreThanHundredPercentIsRefused() {
    assertThatThrownBy(() -> OverallDiscount.percent("100.01"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be between 0 and 100, was 100.01");
  }

  @Test
  void aNegativeOverallDiscountPercentageIsRefused() {
    assertThatThrownBy(() -> OverallDiscount.percent("-5"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be between 0 and 100, was -5");
  }

  // ---- Lines ----

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.000", "-1", "-100"})
  void aBaseQuantityOfZeroOrLessIsRefusedBecauseItDividesThePrice(String baseQuantity) {
    assertThatThrownBy(
            () ->
                line("Paper", "2500", "EUR 12.50")
                    .baseQuantity(new BigDecimal(baseQuantity))
                    .build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("Line 'Paper'")
        .hasMessageContaining("base quantity must be greater than zero")
        .hasMessageContaining("was " + baseQuantity);
  }

  @Test
  void aNegativeUnitPriceIsRefusedPointingToNegativeQuantitiesAndAllowances() {
    assertThatThrownBy(() -> line("Refund", "1", "EUR -10.00").build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("Line 'Refund'")
        .hasMessageContaining("unit price must not be negative, was EUR -10.00")
        .hasMessageContaining("use a negative quantity")
        .hasMessageContaining("an allowance");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\n"})
  void aBlankDescriptionIsRefused(String description) {
    assertThatThrownBy(() -> line(description, "1", "EUR 1.00").build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("A line item needs a description")
        .hasMessageContaining("blank");
  }

  // ---- Dates ----

  @Test
  void anExplicitDueDateBeforeTheInvoiceDateIsRefusedNamingBothDates() {
    assertThatThrownBy(
            () -> invoice().addLine(consulting()).dueDate(INVOICE_DATE.minusDays(1)).build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("Invoice INV-2026-00042")
        .hasMessageContaining("the due date 2026-11-23 is before the invoice date 2026-11-24")
        .hasMessageContaining("give a due date on or after the invoice date");
  }

  @Test
  void paymentTermsOfNegativeNetDaysAreRefusedSoTermsCannotPutTheDueDateFirst() {
    assertThatThrownBy(() -> PaymentTerms.net(-1))
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("Payment terms must be between 0 and 3650 days, were -1");
  }

  @Test
  void paymentTermsOfMoreThanTenYearsAreRefused() {
    assertThatThrownBy(() -> PaymentTerms.net(3651))
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("between 0 and 3650 days, were 3651");
  }

  // ---- Required attributes ----

  @Test
  void anInvoiceWithoutAnAccountIsRefusedNamingTheAttribute() {
    assertThatThrownBy(
            () -> new Invoice.Builder().id(ID).currency("EUR").invoiceDate(INVOICE_DATE).build())
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Cannot build Invoice")
        .hasMessageContaining("[account]");
  }

  @Test
  void anInvoiceWithoutAnIdIsRefusedNamingTheAttribute() {
    assertThatThrownBy(
            () ->
                new Invoice.Builder()
                    .account(AccountId.of("acme"))
                    .currency("EUR")
                    .invoiceDate(INVOICE_DATE)
                    .build())
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Cannot build Invoice")
        .hasMessageContaining("[id]");
  }

  @Test
  void anInvoiceWithoutACurrencyIsRefusedNamingTheAttribute() {
    assertThatThrownBy(
            () ->
                new Invoice.Builder()
                    .id(ID)
                    .account(AccountId.of("acme"))
                    .invoiceDate(INVOICE_DATE)
                    .build())
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Cannot build Invoice")
        .hasMessageContaining("[currency]");
  }

  @Test
  void anInvoiceWithoutAnInvoiceDateIsRefusedNamingTheAttribute() {
    assertThatThrownBy(
            () ->
                new Invoice.Builder()
                    .id(ID)
                    .account(AccountId.of("acme"))
                    .currency("EUR")
                    .build())
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Cannot build Invoice")
        .hasMessageContaining("[invoiceDate]");
  }

  @Test
  void anEmptyBuilderNamesEveryMissingAttribute() {
    assertThatThrownBy(() -> new Invoice.Builder().build())
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageContainingAll("id", "currency", "invoiceDate", "account");
  }

  // ---- Allowances and charges ----

  @Test
  void aLineAllowanceWithNeitherAmountNorPercentageIsRefused() {
    assertThatThrownBy(
            () ->
                new LineAllowanceCharge.Builder()
                    .kind(AllowanceCharge.Kind.ALLOWANCE)
                    .reason("Volume discount")
                    .build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("allowance 'Volume discount' needs an amount or a percentage")
        .hasMessageContaining("give one of them");
  }

  @Test
  void aDocumentChargeWithNeitherAmountNorPercentageIsRefused() {
    assertThatThrownBy(
            () ->
                new DocumentAllowanceCharge.Builder()
                    .kind(AllowanceCharge.Kind.CHARGE)
                    .taxCode(S19)
                    .build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("charge needs an amount or a percentage")
        .hasMessageContaining("give one of them");
  }

  @Test
  void aBaseAmountWithoutAPercentageIsRefusedCitingPeppolR041() {
    assertThatThrownBy(
            () ->
                new LineAllowanceCharge.Builder()
                    .kind(AllowanceCharge.Kind.ALLOWANCE)
                    .amount(eur("5.00"))
                    .baseAmount(eur("50.00"))
                    .build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("The allowance has a base amount but no percentage")
        .hasMessageContaining("PEPPOL-R041")
        .hasMessageContaining("give both");
  }

  @Test
  void aDocumentLevelPercentageWithoutABaseAmountIsRefused() {
    assertThatThrownBy(
            () ->
                new DocumentAllowanceCharge.Builder()
                    .kind(AllowanceCharge.Kind.ALLOWANCE)
                    .percentage(Percentage.parse("2"))
                    .reason("Early payment")
                    .taxCode(S19)
                    .build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining(
            "The document-level allowance 'Early payment' has a percentage but no base amount")
        .hasMessageContaining("give the base amount it applies to");
  }

  @Test
  void anAmountAndABaseInTwoCurrenciesAreRefused() {
    assertThatThrownBy(
            () ->
                new DocumentAllowanceCharge.Builder()
                    .kind(AllowanceCharge.Kind.CHARGE)
                    .amount(eur("5.00"))
                    .baseAmount(usd("50.00"))
                    .percentage(Percentage.parse("10"))
                    .taxCode(S19)
                    .build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("has its amount in EUR and its base in USD")
        .hasMessageContaining("use one currency");
  }

  // ---- Payments ----

  @Test
  void aPaymentOfZeroIsRefusedNamingThePayment() {
    assertThatThrownBy(() -> payment("pay-1", eur("0.00")))
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("Payment pay-1")
        .hasMessageContaining("amount must be greater than zero, was EUR 0.00");
  }

  @Test
  void aNegativePaymentIsRefusedPointingToRefunds() {
    assertThatThrownBy(() -> payment("pay-1", eur("-5.00")))
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("Payment pay-1")
        .hasMessageContaining("amount must be greater than zero, was EUR -5.00")
        .hasMessageContaining("record money given back as a refund");
  }

  @Test
  void twoPaymentsWithTheSameIdAreRefused() {
    assertThatThrownBy(
            () ->
                invoice()
                    .addLine(consulting())
                    .addPayment(payment("pay-1", eur("100.00")))
                    .addPayment(payment("pay-1", eur("50.00")))
                    .build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("Invoice INV-2026-00042")
        .hasMessageContaining("payment id pay-1 is recorded twice")
        .hasMessageContaining("every payment needs its own id");
  }

  // ---- Overall discounts ----

  @Test
  void aFixedDiscountLargerThanTheSubtotalIsRefusedNamingBothAmounts() {
    assertThatThrownBy(
            () ->
                invoice()
                    .addLine(consulting())
                    .overallDiscount(OverallDiscount.fixed(eur("1000.01")))
                    .build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("Invoice INV-2026-00042")
        .hasMessageContaining(
            "the fixed overall discount of EUR 1000.01 is more than the subtotal of EUR 1000.00")
        .hasMessageContaining("give a discount of at most the subtotal");
  }

  @Test
  void aFixedDiscountEqualToTheSubtotalIsAccepted() {
    Invoice invoice =
        invoice()
            .addLine(consulting())
            .overallDiscount(OverallDiscount.fixed(eur("1000.00")))
            .build();

    assertThat(invoice.totals().totalWithoutTax()).isEqualTo(eur("0.00"));
  }

  @Test
  void aNonZeroFixedDiscountOnAZeroSubtotalIsRefused() {
    assertThatThrownBy(
            () ->
                invoice()
                    .addLine(line("Sample", "0", "EUR 10.00").build())
                    .overallDiscount(OverallDiscount.fixed(eur("10.00")))
                    .build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("Invoice INV-2026-00042")
        .hasMessageContaining("a fixed overall discount of EUR 10.00 needs a positive subtotal")
        .hasMessageContaining("the lines add up to EUR 0.00")
        .hasMessageContaining("use a percentage discount or line allowances");
  }

  @Test
  void aNonZeroFixedDiscountOnANegativeSubtotalIsRefused() {
    assertThatThrownBy(
            () ->
                invoice()
                    .addLine(line("Returned goods", "-2", "EUR 10.00").build())
                    .overallDiscount(OverallDiscount.fixed(eur("5.00")))
                    .build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("Invoice INV-2026-00042")
        .hasMessageContaining("needs a positive subtotal")
        .hasMessageContaining("the lines add up to EUR -20.00");
  }

  @Test
  void aZeroFixedDiscountOnAZeroSubtotalIsAccepted() {
    Invoice invoice =
        invoice().overallDiscount(OverallDiscount.fixed(eur("0.00"))).build();

    assertThat(invoice.totals().total()).isEqualTo(eur("0.00"));
  }

  @Test
  void aNegativeFixedDiscountIsRefusedPointingToACharge() {
    assertThatThrownBy(() -> OverallDiscount.fixed(eur("-1.00")))
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("An overall discount cannot be negative, was EUR -1.00")
        .hasMessageContaining("add a charge instead");
  }

  // ---- Ids and references ----

  @Test
  void aBlankExternalReferenceIsRefusedNamingTheSystem() {
    assertThatThrownBy(
            () ->
                invoice()
                    .addLine(consulting())
                    .putExternalReference("ledger", " ")
                    .build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("Invoice INV-2026-00042")
        .hasMessageContaining("an external reference needs a system name and an id")
        .hasMessageContaining("'ledger' -> ' '");
  }

  @Test
  void anExternalReferenceWithABlankSystemNameIsRefused() {
    assertThatThrownBy(
            () -> invoice().addLine(consulting()).putExternalReference("", "4711").build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("an external reference needs a system name and an id")
        .hasMessageContaining("'' -> '4711'");
  }

  static Stream<Arguments> idTypes() {
    return Stream.of(
        Arguments.of("invoice id", (Function<String, Object>) InvoiceId::of),
        Arguments.of("invoice number", (Function<String, Object>) InvoiceNumber::of),
        Arguments.of("account id", (Function<String, Object>) AccountId::of),
        Arguments.of("contact id", (Function<String, Object>) ContactId::of),
        Arguments.of("opportunity id", (Function<String, Object>) OpportunityId::of),
        Arguments.of("payment id", (Function<String, Object>) PaymentId::of),
        Arguments.of("product id", (Function<String, Object>) ProductId::of),
        Arguments.of("tenant id", (Function<String, Object>) TenantId::of));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("idTypes")
  void aBlankIdIsRefusedNamingWhatItIdentifies(String what, Function<String, Object> of) {
    assertThatThrownBy(() -> of.apply("   "))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(what + " must not be blank");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("idTypes")
  void anIdPaddedWithWhitespaceIsRefusedSayingWhichEndWithoutQuotingIt(
      String what, Function<String, Object> of) {
    assertThatThrownBy(() -> of.apply(" INV-1\t"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(what + " must not start or end with whitespace (U+0020 at the start)")
        .hasMessageNotContaining("INV-1");
    assertThatThrownBy(() -> of.apply("INV-1\n"))
        .hasMessageContaining("(U+000A at the end)");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("idTypes")
  void anIdLongerThanHundredCharactersIsRefusedWithItsLength(
      String what, Function<String, Object> of) {
    assertThat(of.apply("x".repeat(100))).hasToString("x".repeat(100));
    assertThatThrownBy(() -> of.apply("x".repeat(101)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(what + " must be at most 100 characters, was 101");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("idTypes")
  void aNullIdIsRefusedNamingWhatItIdentifies(String what, Function<String, Object> of) {
    assertThatThrownBy(() -> of.apply(null))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(what + " is required, was null");
  }

  // ---- External tax amounts ----

  private Invoice.Builder twoRates() {
    return invoice()
        .addLine(consulting())
        .addLine(line("Books", "2", "EUR 10.00").taxCode(S7).build());
  }

  @Test
  void externalTaxAmountsThatMissAGroupAreRefusedNamingTheGroup() {
    assertThatThrownBy(
            () -> twoRates().addExternalTaxAmount(TaxAmount.of(S19, eur("190.00"))).build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("Invoice INV-2026-00042")
        .hasMessageContaining("no tax amount was given for the group S 7")
        .hasMessageContaining("give one per group");
  }

  @Test
  void anExternalTaxAmountForAGroupNotOnTheInvoiceIsRefusedListingTheGroups() {
    assertThatThrownBy(
            () ->
                invoice()
                    .addLine(consulting())
                    .addExternalTaxAmount(TaxAmount.of(S19, eur("190.00")))
                    .addExternalTaxAmount(TaxAmount.of(S7, eur("1.00")))
                    .build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("Invoice INV-2026-00042")
        .hasMessageContaining("a tax amount was given for S 7")
        .hasMessageContaining("no line, allowance or charge has that tax code")
        .hasMessageContaining("groups are [S 19]");
  }

  @Test
  void twoExternalTaxAmountsForOneGroupAreRefused() {
    assertThatThrownBy(
            () ->
                invoice()
                    .addLine(consulting())
                    .addExternalTaxAmount(TaxAmount.of(S19, eur("190.00")))
                    .addExternalTaxAmount(TaxAmount.of(TaxCode.standard("19.00"), eur("0.00")))
                    .build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("Invoice INV-2026-00042")
        .hasMessageContaining("two tax amounts were given for S 19")
        .hasMessageContaining("give one per group");
  }

  @Test
  void aNonZeroExternalTaxAmountOnAnExemptGroupIsRefused() {
    assertThatThrownBy(
            () ->
                invoice()
                    .addLine(consulting())
                    .addLine(line("Training", "1", "EUR 500.00").taxCode(EXEMPT).build())
                    .addExternalTaxAmount(TaxAmount.of(S19, eur("190.00")))
                    .addExternalTaxAmount(TaxAmount.of(EXEMPT, eur("1.00")))
                    .build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("Invoice INV-2026-00042")
        .hasMessageContaining("tax category E (exempt) carries no tax")
        .hasMessageContaining("a tax amount of EUR 1.00 was given");
  }

  @Test
  void externalTaxAmountsWithPricesIncludingTaxAreRefused() {
    assertThatThrownBy(
            () ->
                invoice()
                    .addLine(consulting())
                    .pricesIncludeTax(true)
                    .addExternalTaxAmount(TaxAmount.of(S19, eur("159.66")))
                    .build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("Invoice INV-2026-00042")
        .hasMessageContaining("prices include tax")
        .hasMessageContaining("give net prices to use an external tax engine");
  }

  @Test
  void externalTaxAmountsOnePerGroupAreAccepted() {
    Invoice invoice =
        twoRates()
            .addExternalTaxAmount(TaxAmount.of(S7, eur("1.40")))
            .addExternalTaxAmount(TaxAmount.of(S19, eur("190.01")))
            .build();

    assertThat(invoice.totals().taxTotal()).isEqualTo(eur("191.41"));
  }

  // ---- A refused change changes nothing ----

  private Invoice valid() {
    return invoice()
        .addLine(consulting())
        .addLine(line("Books", "2", "EUR 10.00").taxCode(S7).build())
        .paymentTerms(PaymentTerms.net(30))
        .overallDiscount(OverallDiscount.percent("10"))
        .addPayment(payment("pay-1", eur("100.00")))
        .putExternalReference("ledger", "4711")
        .build();
  }

  @Test
  void everyRefusedWithLeavesTheOriginalInvoiceAndItsTotalsAsTheyWere() {
    Invoice original = valid();
    InvoiceTotals totalsBefore = original.totals();

    assertThatThrownBy(() -> original.withDueDate(INVOICE_DATE.minusDays(1)))
        .isExactlyInstanceOf(InvalidInvoiceException.class);
    assertThatThrownBy(() -> original.withCurrency(USD))
        .isExactlyInstanceOf(CurrencyMismatchException.class);
    assertThatThrownBy(
            () -> original.withOverallDiscount(OverallDiscount.fixed(eur("5000.00"))))
        .isExactlyInstanceOf(InvalidInvoiceException.class);
    assertThatThrownBy(
            () ->
                original.withPayments(
                    payment("pay-1", eur("1.00")), payment("pay-1", eur("2.00"))))
        .isExactlyInstanceOf(InvalidInvoiceException.class);
    assertThatThrownBy(
            () -> original.withExternalTaxAmounts(TaxAmount.of(S19, eur("171.00"))))
        .isExactlyInstanceOf(InvalidInvoiceException.class);
    assertThatThrownBy(() -> original.withExternalReferences(Map.of("ledger", "")))
        .isExactlyInstanceOf(InvalidInvoiceException.class);

    assertThat(original).isEqualTo(original).isEqualTo(valid());
    assertThat(original.dueDate()).isEmpty();
    assertThat(original.effectiveDueDate()).contains(INVOICE_DATE.plusDays(30));
    assertThat(original.currency()).isEqualTo(EUR);
    assertThat(original.payments()).hasSize(1);
    assertThat(original.externalTaxAmounts()).isEmpty();
    assertThat(original.totals()).isSameAs(totalsBefore).isEqualTo(valid().totals());
  }
}
