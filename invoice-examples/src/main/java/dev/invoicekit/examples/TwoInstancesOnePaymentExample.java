package dev.invoicekit.examples;

import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.Dialect;
import dev.invoicekit.jdbc.JdbcInvoiceKit;
import dev.invoicekit.service.IdempotencyKey;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.service.PaymentRequest;
import dev.invoicekit.tax.TaxCode;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.joda.money.Money;

/**
 * Two service instances (two application nodes) share one database and receive the same bank
 * notification at the same moment: both record the payment with the same idempotency key, and the
 * invoice is paid once.
 */
public final class TwoInstancesOnePaymentExample {

  private TwoInstancesOnePaymentExample() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  static Invoice run(PrintStream out) {
    DataSource shared = ExampleDatabase.create();
    SteppingClock clock =
        new SteppingClock(Instant.parse("2026-11-02T09:00:00Z"), ZoneOffset.UTC);
    InvoiceService nodeA = node(shared, clock, "a-");
    InvoiceService nodeB = node(shared, clock, "b-");
    TenantId tenant = TenantId.of("northwind-crm");

    Invoice draft = nodeA.createDraft(nodeA.newDraft(tenant)
        .account(AccountId.of("Contoso Ltd"))
        .currency("EUR")
        .paymentTerms(PaymentTerms.net(30))
        .addLine(new LineItem.Builder().description("Annual licence").quantity(1)
            .unitPrice("EUR 1000.00").taxCode(TaxCode.standard("19")).build())
        .build());
    nodeA.send(tenant, draft.id());

    PaymentRequest payment = PaymentRequest.of(Money.parse("EUR 1190.00"));
    IdempotencyKey key = IdempotencyKey.of("bank-notification-88213");
    CountDownLatch start = new CountDownLatch(1);
    CompletableFuture<Invoice> onA = CompletableFuture.supplyAsync(() -> {
      await(start);
      return nodeA.recordPayment(tenant, draft.id(), payment, key);
    });
    CompletableFuture<Invoice> onB = CompletableFuture.supplyAsync(() -> {
      await(start);
      return nodeB.recordPayment(tenant, draft.id(), payment, key);
    });
    start.countDown();
    Invoice fromA = onA.join();
    Invoice fromB = onB.join();

    Invoice stored = nodeA.find(tenant, draft.id()).orElseThrow();
    out.println("Node A answered: " + fromA.status() + ", paid " + fromA.totals().amountPaid());
    out.println("Node B answered: " + fromB.status() + ", paid " + fromB.totals().amountPaid());
    out.println("Stored: " + stored.payments().size() + " payment, paid "
        + stored.totals().amountPaid() + " of " + stored.totals().total() + ", status "
        + stored.status());
    return stored;
  }

  private static InvoiceService node(DataSource shared, SteppingClock clock, String idPrefix) {
    return JdbcInvoiceKit.of(shared, Dialect.H2).configure(InvoiceService.builder())
        .clock(clock, ZoneId.of("Europe/Berlin"))
        .ids(new SequentialIdSource(idPrefix))
        .build();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
