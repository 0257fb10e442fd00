package dev.invoicekit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.inmemory.InMemoryPorts;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.InvalidInvoiceException;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.OpportunityId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.opportunity.Opportunity;
import dev.invoicekit.opportunity.OpportunityProduct;
import dev.invoicekit.tax.TaxCode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/**
 * The service has no built-in tax code for opportunity lines: a host that receives products
 * without one configures it, or the opportunity is refused and nothing is stored.
 */
class OpportunityDefaultTaxCodeTest {

  private static final TenantId TENANT = TenantId.of("tenant-a");

  private final InMemoryPorts ports = InMemoryPorts.create();

  private final Opportunity untaxedProducts = new Opportunity.Builder()
      .id(OpportunityId.of("opp-9"))
      .account(AccountId.of("acme"))
      .currency("EUR")
      .value(Money.parse("EUR 300.00"))
      .addProduct(new OpportunityProduct.Builder()
          .name("Training").quantity(3).unitPrice("EUR 100.00").build())
      .build();

  private InvoiceServiceBuilder builder() {
    return InvoiceService.builder()
        .inMemory(ports)
        .clock(Clock.fixed(Instant.parse("2026-11-02T09:00:00Z"), ZoneOffset.UTC),
            ZoneId.of("Europe/Berlin"))
        .ids(new SequentialIdSource("id-"));
  }

  @Test
  void withoutADefaultTaxCodeAProductWithoutOneIsRefusedAndNothingIsStored() {
    InvoiceService service = builder().build();

    assertThatThrownBy(() -> service.createFromOpportunity(TENANT, untaxedProducts))
        .isInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("opportunity opp-9")
        .hasMessageContaining("\"Training\" names no tax code")
        .hasMessageContaining("none is configured")
        .hasMessageContaining("InvoiceServiceBuilder.defaultTaxCode");
    assertThat(ports.events().events()).isEmpty();
  }

  @Test
  void theConfiguredDefaultTaxCodeIsTheOneAProductWithoutOneGets() {
    TaxCode reduced = TaxCode.standard("7");
    InvoiceService service = builder().defaultTaxCode(reduced).build();

    Invoice draft = service.createFromOpportunity(TENANT, untaxedProducts);

    assertThat(draft.lines()).extracting(LineItem::taxCode).containsExactly(reduced);
  }
}
