package dev.invoicekit.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.ContactId;
import dev.invoicekit.invoice.DocumentAllowanceCharge;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.LineAllowanceCharge;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.OpportunityId;
import dev.invoicekit.invoice.OverallDiscount;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.ProductId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.money.Percentage;
import dev.invoicekit.opportunity.Opportunity;
import dev.invoicekit.opportunity.OpportunityProduct;
import dev.invoicekit.tax.TaxCategory;
import dev.invoicekit.tax.TaxCode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/**
 * The fingerprints stored with idempotency keys. The expected values are written out: a change to
 * the encoding fails here, and must come with a new {@link CommandFingerprint#VERSION} and a note
 * that keys recorded before it conflict on replay.
 */
class CommandFingerprintTest {

  // The first four were also computed outside Java from the encoding in CommandFingerprint's
  // javadoc (length-prefixed UTF-8 tokens, SHA-256), e.g. for "send":
  // sha256("32:invoicekit-command-fingerprint-14:send7:invoice5:inv-1").

  private static final InvoiceId INVOICE = InvoiceId.of("inv-1");

  private static Money eur(String amount) {
    return Money.parse("EUR " + amount);
  }

  private static Invoice richDraft(InvoiceId id, Map<String, String> references) {
    return new Invoice.Builder()
        .id(id)
        .tenant(TenantId.of("tenant-a"))
        .account(AccountId.of("acme"))
        .contact(ContactId.of("jane"))
        .opportunity(OpportunityId.of("opp-7"))
        .currency("EUR")
        .invoiceDate(LocalDate.of(2026, 11, 24))
        .paymentTerms(new PaymentTerms.Builder().netDays(30).description("net 30").build())
        .addLine(new LineItem.Builder()
            .description("Consulting")
            .product(ProductId.of("consulting-hour"))
            .quantity("12.5")
            .unitPrice("EUR 96.00")
            .addAllowanceCharges(LineAllowanceCharge.allowance(eur("10.00")).withReason("Loyalty"))
            .taxCode(TaxCode.standard("19"))
            .build())
        .addLine(new LineItem.Builder()
            .description("Labels, per 100")
            .quantity(1250)
            .unitPrice("EUR 3.875")
            .baseQuantity(BigDecimal.valueOf(100))
            .taxCode(TaxCode.untaxed(TaxCategory.E))
            .build())
        .addDocumentAllowanceCharges(
            DocumentAllowanceCharge.charge(eur("5.00"), TaxCode.standard("19"))
                .withReason("Shipping"))
        .overallDiscount(OverallDiscount.percent("10"))
        .notes("Thank you")
        .putAllExternalReferences(references)
        .build();
  }

  private static Map<String, String> references(String... keysAndValues) {
    Map<String, String> references = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      references.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return references;
  }

  @Test
  void aCommandOnAnInvoiceHasAFixedFingerprint() {
    assertThat(CommandFingerprint.of("send", f -> f.invoice(INVOICE)))
        .isEqualTo("c753fedbc803fbb566aa7576c17c9bcbbd3893bdc9d735571991f199edf4de3a");
    assertThat(CommandFingerprint.of("void", f -> f.invoice(INVOICE)))
        .isEqualTo("b8df497db0ce5e0a54c2806180e8f73522f3ff9d5968da2f1b2396c42ebc4c55");
  }

  @Test
  void anEditHasAFixedFingerprint() {
    assertThat(CommandFingerprint.of("edit", f -> f.invoice(INVOICE).basedOnVersion(3)))
        .isEqualTo("c6ce1217f69b80dcd941b11387df67b23424a019c91603682b1e862a8a37368e");
  }

  @Test
  void aPaymentHasAFixedFingerprint() {
    PaymentRequest request = new PaymentRequest.Builder()
        .amount(eur("40.00"))
        .date(LocalDate.of(2026, 11, 24))
        .method("bank transfer")
        .build();

    assertThat(CommandFingerprint.of("payment",
        f -> f.invoice(INVOICE).payment(Payment.Kind.PAYMENT, request)))
        .isEqualTo("55ded087c3d18dc0d7da569dcbf3309b70d322cf6ccad00d4aa890a5edf11b95");
  }

  @Test
  void anOpportunityHasAFixedFingerprint() {
    Opportunity opportunity = new Opportunity.Builder()
        .id(OpportunityId.of("opp-7"))
        .account(AccountId.of("acme"))
        .currency(CurrencyUnit.EUR)
        .addProducts(new OpportunityProduct.Builder()
            .name("Licence")
            .quantity("3")
            .unitPrice("EUR 333.333")
            .discountPercentage(Percentage.parse("5"))
            .build())
        .value(eur("950.00"))
        .name("Acme rollout 2026")
        .build();

    assertThat(CommandFingerprint.of("create from opportunity", f -> f.opportunity(opportunity)))
        .isEqualTo("6be934061674685454f1391981ea77628ff8f973874b1b9384b7067c15182cc0");
  }

  @Test
  void aDraftHasAFixedFingerprint() {
    Invoice draft = richDraft(InvoiceId.of("draft-1"), references("ledger", "4711", "crm", "c-9"));

    assertThat(CommandFingerprint.of("create draft", f -> f.draft(draft)))
        .isEqualTo("c05201eb386a57a0dcf7cdc21b62ab47e2d41ed60e1621c081efd3173aa6cedd");
  }

  @Test
  void aDraftsIdAndTheOrderOfItsReferencesDoNotCount() {
    Invoice first = richDraft(InvoiceId.of("draft-1"), references("ledger", "4711", "crm", "c-9"));
    Invoice retried =
        richDraft(InvoiceId.of("draft-2"), references("crm", "c-9", "ledger", "4711"));

    assertThat(CommandFingerprint.of("create draft", f -> f.draft(retried)))
        .isEqualTo(CommandFingerprint.of("create draft", f -> f.draft(first)));
  }

  @Test
  void everyFieldOfADraftCounts() {
    Invoice draft = richDraft(INVOICE, references());
    String fingerprint = CommandFingerprint.of("create draft", f -> f.draft(draft));

    assertThat(java.util.List.of(
            draft.withNotes("Thank you!"),
            draft.withTerms("Pay on time"),
            draft.withDueDate(LocalDate.of(2026, 12, 31)),
            draft.withPricesIncludeTax(true),
            draft.withLines(draft.lines().get(0).withQuantity(new BigDecimal("12.50"))),
            draft.withOverallDiscount(OverallDiscount.fixed(eur("10.00"))),
            draft.withTenant(TenantId.of("tenant-b"))))
        .allSatisfy(other -> assertThat(CommandFingerprint.of("create draft", f -> f.draft(other)))
            .isNotEqualTo(fingerprint));
  }

  @Test
  void textIsLengthPrefixedSoMovingCharactersBetweenFieldsCounts() {
    PaymentRequest ab = new PaymentRequest.Builder().amount(eur("1.00")).method("ab")
        .reference("c").build();
    PaymentRequest abc = new PaymentRequest.Builder().amount(eur("1.00")).method("a")
        .reference("bc").build();

    assertThat(CommandFingerprint.of("payment", f -> f.payment(Payment.Kind.PAYMENT, ab)))
        .isNotEqualTo(CommandFingerprint.of("payment", f -> f.payment(Payment.Kind.PAYMENT, abc)));
  }

  @Test
  void theCommandNameCounts() {
    assertThat(CommandFingerprint.of("send", f -> f.invoice(INVOICE)))
        .isNotEqualTo(CommandFingerprint.of("cancel", f -> f.invoice(INVOICE)))
        .hasSize(64)
        .matches("[0-9a-f]{64}");
  }
}
