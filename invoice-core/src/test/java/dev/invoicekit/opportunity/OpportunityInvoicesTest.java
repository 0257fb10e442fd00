package dev.invoicekit.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.AllowanceCharge.Kind;
import dev.invoicekit.invoice.ContactId;
import dev.invoicekit.invoice.CurrencyMismatchException;
import dev.invoicekit.invoice.InvalidInvoiceException;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.LineAllowanceCharge;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.OpportunityId;
import dev.invoicekit.invoice.ProductId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.money.Percentage;
import dev.invoicekit.tax.TaxCategory;
import dev.invoicekit.tax.TaxCode;
import dev.invoicekit.totals.LineTotals;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.joda.money.BigMoney;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/** A draft invoice made from an opportunity, one rule of DESIGN.md "Creation" per test. */
class OpportunityInvoicesTest {

  private static final InvoiceId INVOICE_ID = InvoiceId.of("7f3a");
  private static final TenantId TENANT = TenantId.of("acme-crm");
  private static final LocalDate INVOICE_DATE = LocalDate.of(2026, 3, 15);
  private static final TaxCode S19 = TaxCode.standard("19");
  private static final TaxCode S7 = TaxCode.standard("7");

  private static Money eur(String amount) {
    return Money.parse("EUR " + amount);
  }

  private static Opportunity.Builder opportunity() {
    return new Opportunity.Builder()
        .id(OpportunityId.of("OPP-7"))
        .account(AccountId.of("globex"))
        .currency("EUR")
        .value(eur("1000.00"));
  }

  private static OpportunityProduct.Builder product(String name, String quantity, String price) {
    return new OpportunityProduct.Builder().name(name).quantity(quantity).unitPrice(price);
  }

  /** Ten days of consulting at 100.00: exactly the opportunity's value of 1000.00. */
  private static OpportunityProduct consulting() {
    return product("Consulting", "10", "EUR 100.00").build();
  }

  private static Invoice draftFrom(Opportunity opportunity) {
    return OpportunityInvoices.draftFrom(opportunity, INVOICE_ID, TENANT, INVOICE_DATE, S19);
  }

  @Test
  void accountAndContactAreCopiedFromTheOpportunity() {
    Opportunity opportunity =
        opportunity().contact(ContactId.of("jane")).addProduct(consulting()).build();

    Invoice draft = draftFrom(opportunity);

    assertThat(draft.account()).isEqualTo(AccountId.of("globex"));
    assertThat(draft.contact()).contains(ContactId.of("jane"));
  }

  @Test
  void anOpportunityWithoutContactGivesADraftWithoutContact() {
    Invoice draft = draftFrom(opportunity().addProduct(consulting()).build());

    assertThat(draft.contact()).isEmpty();
  }

  @Test
  void draftIsLinkedToTheOpportunity() {
    Invoice draft = draftFrom(opportunity().addProduct(consulting()).build());

    assertThat(draft.opportunity()).contains(OpportunityId.of("OPP-7"));
  }

  @Test
  void draftIsAnUnnumberedDraftWithTheGivenIdTenantDateAndTheOpportunitysCurrency() {
    Opportunity opportunity =
        new Opportunity.Builder()
            .id(OpportunityId.of("OPP-8"))
            .account(AccountId.of("initech"))
            .currency("CHF")
            .value(Money.parse("CHF 500.00"))
            .addProduct(product("Licence", "1", "CHF 500.00").build())
            .build();

    Invoice draft = draftFrom(opportunity);

    assertThat(draft.status()).isEqualTo(InvoiceStatus.DRAFT);
    assertThat(draft.number()).isEmpty();
    assertThat(draft.id()).isEqualTo(INVOICE_ID);
    assertThat(draft.tenant()).isEqualTo(TENANT);
    assertThat(draft.invoiceDate()).isEqualTo(INVOICE_DATE);
    assertThat(draft.currency()).isEqualTo(CurrencyUnit.of("CHF"));
  }

  @Test
  void eachProductBecomesOneLineWithItsNameProductReferenceQuantityAndUnitPrice() {
    Opportunity opportunity =
        opportunity()
            .value(eur("1012.50"))
            .addProduct(
                product("Consulting", "10", "EUR 100.00").product(ProductId.of("SKU-1")).build())
            .addProduct(product("Cable", "2.5", "EUR 4.99").build())
            .build();

    Invoice draft = draftFrom(opportunity);

    assertThat(draft.lines()).hasSize(2);
    LineItem first = draft.lines().get(0);
    assertThat(first.description()).isEqualTo("Consulting");
    assertThat(first.product()).contains(ProductId.of("SKU-1"));
    assertThat(first.quantity()).isEqualByComparingTo("10");
    assertThat(first.unitPrice()).isEqualTo(BigMoney.parse("EUR 100.00"));
    assertThat(first.allowanceCharges()).isEmpty();
    LineItem second = draft.lines().get(1);
    assertThat(second.description()).isEqualTo("Cable");
    assertThat(second.product()).isEmpty();
    assertThat(second.quantity()).isEqualByComparingTo("2.5");
    assertThat(second.unitPrice()).isEqualTo(BigMoney.parse("EUR 4.99"));
  }

  @Test
  void aProductsDiscountBecomesALineAllowanceAsPercentageOrAmount() {
    Opportunity opportunity =
        opportunity()
            .value(eur("1155.00"))
            .addProduct(
                product("Consulting", "10", "EUR 100.00")
                    .discountPercentage(Percentage.parse("10"))
                    .build())
            .addProduct(
                product("Licence", "1", "EUR 300.00").discountAmount(eur("45.00")).build())
            .build();

    Invoice draft = draftFrom(opportunity);

    assertThat(draft.lines().get(0).allowanceCharges())
        .containsExactly(LineAllowanceCharge.allowance(Percentage.parse("10")));
    assertThat(draft.lines().get(1).allowanceCharges())
        .containsExactly(LineAllowanceCharge.allowance(eur("45.00")));
    assertThat(draft.lines().get(1).allowanceCharges().get(0).kind()).isEqualTo(Kind.ALLOWANCE);
    assertThat(draft.totals().lines())
        .extracting(LineTotals::netAmount)
        .containsExactly(eur("900.00"), eur("255.00"));
  }

  @Test
  void aProductsTaxCodeIsKeptAndAProductWithoutOneTakesTheDefault() {
    Opportunity opportunity =
        opportunity()
            .value(eur("1020.00"))
            .addProduct(consulting())
            .addProduct(product("Book", "1", "EUR 20.00").taxCode(S7).build())
            .build();

    Invoice draft = draftFrom(opportunity);

    assertThat(draft.lines()).extracting(LineItem::taxCode).containsExactly(S19, S7);
  }

  @Test
  void withoutADefaultTaxCodeProductsThatNameTheirOwnAreEnough() {
    Opportunity opportunity = opportunity()
        .addProduct(product("Consulting", "10", "EUR 100.00").taxCode(S7).build()).build();

    Invoice draft = OpportunityInvoices.draftFrom(opportunity, INVOICE_ID, TENANT, INVOICE_DATE,
        Optional.empty());

    assertThat(draft.lines()).extracting(LineItem::taxCode).containsExactly(S7);
  }

  @Test
  void withoutADefaultTaxCodeAProductWithoutOneIsRefusedSayingWhatToConfigure() {
    Opportunity opportunity = opportunity()
        .addProduct(product("Licence", "1", "EUR 100.00").taxCode(S7).build())
        .addProduct(consulting())
        .build();

    assertThatThrownBy(() -> OpportunityInvoices.draftFrom(opportunity, INVOICE_ID, TENANT,
            INVOICE_DATE, Optional.empty()))
        .isInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("opportunity OPP-7")
        .hasMessageContaining("\"Consulting\" names no tax code")
        .hasMessageContaining("InvoiceServiceBuilder.defaultTaxCode");
  }

  @Test
  void withoutADefaultTaxCodeAnOpportunityWithoutProductsIsRefusedSayingWhatToConfigure() {
    Opportunity opportunity = opportunity().build();

    assertThatThrownBy(() -> OpportunityInvoices.draftFrom(opportunity, INVOICE_ID, TENANT,
            INVOICE_DATE, Optional.empty()))
        .isInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("opportunity OPP-7")
        .hasMessageContaining("has no products")
        .hasMessageContaining("InvoiceServiceBuilder.defaultTaxCode");
  }

  @Test
  void anOpportunityWithoutProductsBecomesOneLineForItsValueNamedAfterIt() {
    Opportunity opportunity =
        opportunity().name("Globex rollout").value(eur("1234.56")).build();

    Invoice draft = draftFrom(opportunity);

    assertThat(draft.lines()).hasSize(1);
    LineItem line = draft.lines().get(0);
    assertThat(line.description()).isEqualTo("Globex rollout");
    assertThat(line.quantity()).isEqualByComparingTo(BigDecimal.ONE);
    assertThat(line.unitPrice()).isEqualTo(BigMoney.parse("EUR 1234.56"));
    assertThat(line.product()).isEmpty();
    assertThat(line.taxCode()).isEqualTo(S19);
    assertThat(draft.totals().subtotal()).isEqualTo(eur("1234.56"));
    assertThat(draft.reviewNotes()).isEmpty();
  }

  @Test
  void anUnnamedOpportunityWithoutProductsGivesALineNamedAfterItsId() {
    Invoice draft = draftFrom(opportunity().build());

    assertThat(draft.lines())
        .extracting(LineItem::description)
        .containsExactly("Opportunity OPP-7");
  }

  @Test
  void productsThatDoNotAddUpToTheValueLeaveANoteWithBothAmountsAndTheDifference() {
    Opportunity opportunity =
        opportunity()
            .addProduct(
                product("Consulting", "10", "EUR 100.00")
                    .discountPercentage(Percentage.parse("5"))
                    .build())
            .build();

    Invoice draft = draftFrom(opportunity);

    assertThat(draft.reviewNotes())
        .containsExactly(
            "Opportunity OPP-7: its products add up to EUR 950.00 but its value is EUR 1000.00"
                + " (difference EUR 50.00); check the lines before sending");
  }

  @Test
  void productsAboveTheValueLeaveANoteWithThePositiveDifference() {
    Opportunity opportunity =
        opportunity().addProduct(product("Consulting", "11", "EUR 100.00").build()).build();

    Invoice draft = draftFrom(opportunity);

    assertThat(draft.reviewNotes())
        .containsExactly(
            "Opportunity OPP-7: its products add up to EUR 1100.00 but its value is EUR 1000.00"
                + " (difference EUR 100.00); check the lines before sending");
  }

  @Test
  void aMismatchNeverAdjustsTheAmountsToForceAMatch() {
    Opportunity opportunity =
        opportunity().addProduct(product("Consulting", "9.5", "EUR 100.00").build()).build();

    Invoice draft = draftFrom(opportunity);

    assertThat(draft.lines()).hasSize(1);
    assertThat(draft.lines().get(0).quantity()).isEqualByComparingTo("9.5");
    assertThat(draft.lines().get(0).unitPrice()).isEqualTo(BigMoney.parse("EUR 100.00"));
    assertThat(draft.lines().get(0).allowanceCharges()).isEmpty();
    assertThat(draft.totals().subtotal()).isEqualTo(eur("950.00"));
  }

  /** 800.00 + round(3 x 0.6667) = 2.00 + 250.00 less 20 % = 200.00: exactly the value. */
  @Test
  void productsThatAddUpToTheValueLeaveNoNote() {
    Opportunity opportunity =
        opportunity()
            .value(eur("1002.00"))
            .addProduct(product("Consulting", "8", "EUR 100.00").build())
            .addProduct(product("Travel", "3", "EUR 0.6667").discountAmount(eur("0.00")).build())
            .addProduct(
                product("Workshop", "1", "EUR 250.00")
                    .discountPercentage(Percentage.parse("20"))
                    .build())
            .build();

    Invoice draft = draftFrom(opportunity);

    assertThat(draft.totals().subtotal()).isEqualTo(eur("1002.00"));
    assertThat(draft.reviewNotes()).isEmpty();
  }

  @Test
  void anAmountInAnotherCurrencyThanTheOpportunityIsRejectedSayingWhere() {
    OpportunityProduct inDollars = product("Licence", "1", "USD 300.00").build();

    assertThatThrownBy(() -> opportunity().addProducts(consulting(), inDollars).build())
        .isExactlyInstanceOf(CurrencyMismatchException.class)
        .hasMessage(
            "Opportunity OPP-7: product 2 ('Licence') unit price is in USD but the opportunity is"
                + " in EUR; an invoice has one currency, so give every amount in EUR")
        .asInstanceOf(type(CurrencyMismatchException.class))
        .satisfies(
            e -> {
              assertThat(e.expected()).isEqualTo(CurrencyUnit.EUR);
              assertThat(e.actual()).isEqualTo(CurrencyUnit.USD);
            });
  }

  @Test
  void aValueOrDiscountInAnotherCurrencyIsRejectedSayingWhere() {
    assertThatThrownBy(() -> opportunity().value(Money.parse("USD 1000.00")).build())
        .isExactlyInstanceOf(CurrencyMismatchException.class)
        .hasMessageStartingWith(
            "Opportunity OPP-7: the value is in USD but the opportunity is in EUR");

    OpportunityProduct dollarDiscount =
        product("Consulting", "10", "EUR 100.00")
            .discountAmount(Money.parse("USD 50.00"))
            .build();
    assertThatThrownBy(() -> opportunity().addProduct(dollarDiscount).build())
        .isExactlyInstanceOf(CurrencyMismatchException.class)
        .hasMessageStartingWith(
            "Opportunity OPP-7: product 1 ('Consulting') discount is in USD but the opportunity"
                + " is in EUR");
  }

  @Test
  void aProductWithBothAPercentageAndAnAmountDiscountIsRejected() {
    assertThatThrownBy(
            () ->
                product("Consulting", "10", "EUR 100.00")
                    .discountPercentage(Percentage.parse("10"))
                    .discountAmount(eur("50.00"))
                    .build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessage(
            "Opportunity product 'Consulting': has a discount of 10 % and one of EUR 50.00;"
                + " give a percentage or an amount, not both");
  }

  @Test
  void aNegativeValueIsRejected() {
    assertThatThrownBy(() -> opportunity().value(eur("-1.00")).build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessage(
            "Opportunity OPP-7: the value must not be negative, was EUR -1.00; give zero or more");
  }

  @Test
  void theDefaultTaxCodeMayBeAnUntaxedCategory() {
    Invoice draft =
        OpportunityInvoices.draftFrom(
            opportunity().build(),
            INVOICE_ID,
            TENANT,
            INVOICE_DATE,
            TaxCode.untaxed(TaxCategory.E));

    assertThat(draft.totals().taxTotal()).isEqualTo(eur("0.00"));
  }
}
