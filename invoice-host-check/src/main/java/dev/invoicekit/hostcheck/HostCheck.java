package dev.invoicekit.hostcheck;

import dev.invoicekit.inmemory.InMemoryPorts;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.Dialect;
import dev.invoicekit.jdbc.JdbcInvoiceKit;
import dev.invoicekit.jdbc.SchemaInstaller;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.service.InvoiceServiceBuilder;
import dev.invoicekit.service.PaymentRequest;
import dev.invoicekit.tax.TaxCode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Creates, sends and pays an invoice on the in-memory ports and on H2 through the JDBC adapter,
 * and checks what the module descriptors export. Exits with a failure (an exception) if anything
 * is not as a host on the module path expects.
 */
public final class HostCheck {

  private static final TenantId TENANT = TenantId.of("host-check");

  private HostCheck() {}

  /**
   * Runs the checks.
   *
   * @param args none
   */
  public static void main(String[] args) {
    checkModules();
    InvoiceService inMemory = wire(InvoiceService.builder().inMemory(InMemoryPorts.create()));
    createSendAndPay("in-memory ports", inMemory);

    DriverManagerDataSource h2 =
        new DriverManagerDataSource("jdbc:h2:mem:host-check;DB_CLOSE_DELAY=-1");
    SchemaInstaller.install(h2, Dialect.H2);
    InvoiceService onH2 = wire(JdbcInvoiceKit.of(h2).configure(InvoiceService.builder()));
    createSendAndPay("H2 through the JDBC adapter", onH2);
  }

  private static void checkModules() {
    Module host = HostCheck.class.getModule();
    Module core = InvoiceService.class.getModule();
    Module adapter = JdbcInvoiceKit.class.getModule();
    expect(host.isNamed(), "the host runs as a named module, not on the class path");
    expect("dev.invoicekit.core".equals(core.getName()), "core is " + core);
    expect("dev.invoicekit.jdbc".equals(adapter.getName()), "the adapter is " + adapter);
    expect(core.isExported("dev.invoicekit.service", host), "core exports its service package");
    expect(!core.isExported("dev.invoicekit.internal", host), "core keeps internal to itself");
    expect(!core.isExported("dev.invoicekit.internal", adapter), "... nor to the adapter");
    expect(!adapter.isExported("dev.invoicekit.jdbc.internal"), "the adapter keeps internal");
    expect(
        Invoice.class.getModule().getLayer().findModule("org.slf4j").isPresent(),
        "SLF4J is resolved without the host naming it");
  }

  private static InvoiceService wire(InvoiceServiceBuilder builder) {
    AtomicLong ids = new AtomicLong();
    return builder
        .clock(Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneOffset.UTC),
            ZoneId.of("Europe/Berlin"))
        .ids(() -> "host-check-" + ids.incrementAndGet())
        .build();
  }

  private static void createSendAndPay(String where, InvoiceService service) {
    Invoice draft =
        service.createDraft(
            service
                .newDraft(TENANT)
                .account(AccountId.of("acme"))
                .currency("EUR")
                .paymentTerms(PaymentTerms.net(30))
                .addLine(
                    new LineItem.Builder()
                        .description("Consulting")
                        .quantity(1)
                        .unitPrice("EUR 100.00")
                        .taxCode(TaxCode.standard("19"))
                        .build())
                .build());
    Invoice sent = service.send(TENANT, draft.id());
    Invoice paid =
        service.recordPayment(TENANT, draft.id(), PaymentRequest.of(sent.totals().amountDue()));
    expect(paid.status() == InvoiceStatus.PAID, where + ": the invoice is " + paid.status());
    expect(
        service.statusOf(TENANT, draft.id()) == InvoiceStatus.PAID,
        where + ": the stored invoice is not PAID");
    System.out.println(
        "host-check: " + sent.number().orElseThrow() + " sent and paid ("
            + sent.totals().total() + ") on " + where + ", on the module path");
  }

  private static void expect(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("host-check failed: " + what);
    }
  }
}
