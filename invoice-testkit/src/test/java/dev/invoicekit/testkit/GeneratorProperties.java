package dev.invoicekit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.opportunity.Opportunity;
import dev.invoicekit.opportunity.OpportunityInvoices;
import dev.invoicekit.tax.TaxCode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NotEmpty;
import org.joda.money.Money;

/** The generators make valid values, in the status asked for, through the default provider too. */
class GeneratorProperties {

  @Property(tries = 500)
  void forAllInvoiceWorksWithNoFurtherCodeAndGivesConsistentInvoices(@ForAll Invoice invoice) {
    Money paid = invoice.totals().amountPaid();
    assertThat(paid.isNegative()).isFalse();
    switch (invoice.status()) {
      case DRAFT, CANCELLED -> assertThat(invoice.number()).isEmpty();
      case PAID -> assertThat(invoice.totals().amountDue().isZero()).isTrue();
      case PARTIALLY_PAID, OVERDUE ->
          assertThat(invoice.totals().amountDue().isPositive()).isTrue();
      case SENT, VOID -> assertThat(paid.isZero()).isTrue();
      case UNCOLLECTIBLE -> {
        assertThat(invoice.totals().amountDue().isZero()).isTrue();
        assertThat(invoice.totals().amountWrittenOff().isPositive()).isTrue();
      }
      default -> throw new AssertionError(invoice.status());
    }
    if (invoice.status() != InvoiceStatus.DRAFT && invoice.status() != InvoiceStatus.CANCELLED) {
      assertThat(invoice.number()).isPresent();
    }
  }

  @Property(tries = 100)
  void invoicesOfAStatusHaveThatStatus(@ForAll InvoiceStatus status) {
    Invoice invoice = InvoiceArbitraries.invoices(status).sample();
    assertThat(invoice.status()).isEqualTo(status);
  }

  @Property(tries = 300)
  void partiallyPaidInvoicesHavePaymentsAndABalance() {
    Invoice invoice = InvoiceArbitraries.invoices(InvoiceStatus.PARTIALLY_PAID).sample();
    assertThat(invoice.payments()).isNotEmpty();
    assertThat(invoice.totals().amountPaid().isPositive()).isTrue();
    assertThat(invoice.totals().amountDue().isPositive()).isTrue();
  }

  @Property(tries = 300)
  void lineItemsAndTaxCodesCanBeAskedForDirectly(@ForAll LineItem line, @ForAll TaxCode code) {
    assertThat(line.description()).isNotBlank();
    assertThat(line.baseQuantity().signum()).isPositive();
    assertThat(code.rate().signum()).isNotNegative();
  }

  @Property(tries = 300)
  void opportunitiesMakeValidDrafts(@ForAll Opportunity opportunity) {
    Invoice draft = OpportunityInvoices.draftFrom(opportunity, InvoiceId.of("draft"),
        TenantId.of("t"), InvoiceArbitraries.INVOICE_DATE, TaxCode.standard("19"));
    assertThat(draft.status()).isEqualTo(InvoiceStatus.DRAFT);
    assertThat(draft.opportunity()).contains(opportunity.id());
    assertThat(draft.lines()).isNotEmpty();
  }

  @Property(tries = 200)
  void draftsCoverTheEdgeCasesOnPurpose(@ForAll("drafts") @NotEmpty Invoice draft) {
    assertThat(draft.status()).isEqualTo(InvoiceStatus.DRAFT);
    assertThat(draft.lines()).isNotEmpty();
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Invoice> drafts() {
    return InvoiceArbitraries.drafts();
  }
}
