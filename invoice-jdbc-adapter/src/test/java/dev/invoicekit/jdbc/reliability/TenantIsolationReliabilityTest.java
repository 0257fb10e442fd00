package dev.invoicekit.jdbc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.JdbcInvoiceKit;
import dev.invoicekit.jdbc.testing.JdbcDatabase;
import dev.invoicekit.ports.PageRequest;
import dev.invoicekit.service.InvoiceNotFoundException;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.service.PaymentRequest;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.joda.money.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tenants: nine tenants with look-alike ids (see {@link #TENANTS}) whose invoices share ids,
 * numbers and accounts; random reads and writes
 * by one tenant aimed at another tenant's invoices. A read returns only the caller's own invoice,
 * a write reaches only the caller's own invoice or finds nothing, and the other tenants' rows never
 * change: 0 leaks.
 */
class TenantIsolationReliabilityTest {

  private static final long SEED = 20261124L;
  /**
   * Tenant ids a lenient database or driver would fold into one another: a '?' beside the
   * replacement character a lost surrogate becomes, case variants (a case-insensitive collation),
   * a precomposed and a decomposed accent (a normalizing or accent-insensitive collation), LIKE
   * wildcards, an emoji, right-to-left text and SQL-looking text.
   */
  private static final List<TenantId> TENANTS = List.of(
      TenantId.of("acme?"),
      TenantId.of("acme\uFFFD"),
      TenantId.of("ACME?"),
      TenantId.of("acm\u00E9"),
      TenantId.of("acme\u0301"),
      TenantId.of("acm%"),
      TenantId.of("acm_"),
      TenantId.of("\uD83D\uDE00'; DROP TABLE ik_invoice; --"),
      TenantId.of("\u05D0\u05E7\u05DE\u05D4 acme"));

  @ParameterizedTest(name = "{0}")
  @EnumSource(JdbcDatabase.class)
  void randomCrossTenantReadsAndWritesLeakNothing(JdbcDatabase database) {
    int operations = ReliabilityMode.pick(60, 5000);
    DataSource dataSource = database.create();
    JdbcInvoiceKit kit = JdbcInvoiceKit.of(dataSource, database.dialect());
    Audit audit = new Audit(dataSource);
    SteppingClock clock =
        new SteppingClock(Instant.parse("2026-11-02T09:00:00Z"), ZoneId.of("UTC"));
    Map<TenantId, InvoiceService> services = new HashMap<>();
    Map<TenantId, List<Invoice>> own = new HashMap<>();
    for (int t = 0; t < TENANTS.size(); t++) {
      TenantId tenant = TENANTS.get(t);
      // The same id source in every tenant: ids and numbers collide across tenants on purpose.
      InvoiceService service = kit.configure(InvoiceService.builder())
          .clock(clock, ServiceFixture.ZONE)
          .ids(new SequentialIdSource("id-"))
          .build();
      services.put(tenant, service);
      List<Invoice> invoices = new ArrayList<>();
      for (int i = 0; i < 3 + t % 3; i++) {
        Invoice draft = service.createDraft(service.newDraft(tenant)
            .account(AccountId.of("acme"))
            .currency("EUR")
            .paymentTerms(PaymentTerms.net(30))
            .addLine(ServiceFixture.line("Work of " + tenant.value(), 1, "100.00"))
            .build());
        invoices.add(i % 3 == 0 ? draft : service.send(tenant, draft.id()));
      }
      own.put(tenant, invoices);
    }

    Random random = new Random(SEED);
    int reads = 0;
    int writes = 0;
    int notFound = 0;
    int leaks = 0;
    for (int n = 0; n < operations; n++) {
      TenantId caller = TENANTS.get(random.nextInt(TENANTS.size()));
      TenantId other = TENANTS.get(random.nextInt(TENANTS.size()));
      if (other.equals(caller)) {
        other = TENANTS.get((TENANTS.indexOf(caller) + 1) % TENANTS.size());
      }
      List<Invoice> targets = own.get(other);
      Invoice target = targets.get(random.nextInt(targets.size()));
      InvoiceService service = services.get(caller);
      int kind = random.nextInt(8);
      if (kind < 4) {
        reads++;
        List<Invoice> seen = new ArrayList<>();
        switch (kind) {
          case 0 -> service.find(caller, target.id()).ifPresent(seen::add);
          case 1 -> target.number().flatMap(number -> service.findByNumber(caller, number))
              .ifPresent(seen::add);
          case 2 -> seen.addAll(kit.invoices().findByAccount(caller, AccountId.of("acme"),
              PageRequest.first(100)).items());
          default -> seen.addAll(kit.invoices().findByStatus(caller,
              InvoiceStatus.values()[random.nextInt(InvoiceStatus.values().length)],
              PageRequest.first(100)).items());
        }
        for (Invoice invoice : seen) {
          if (!invoice.tenant().equals(caller)
              || !invoice.lines().get(0).description().equals("Work of " + caller.value())) {
            leaks++;
          }
        }
      } else {
        writes++;
        Map<InvoiceId, Invoice> othersBefore = audit.snapshot(other);
        try {
          switch (kind) {
            case 4 -> service.send(caller, target.id());
            case 5 -> service.recordPayment(caller, target.id(),
                PaymentRequest.of(Money.parse("EUR 1.00")));
            case 6 -> service.cancel(caller, target.id());
            default -> service.voidInvoice(caller, target.id());
          }
        } catch (InvoiceNotFoundException e) {
          notFound++;
        } catch (RuntimeException refusedByTheCallersOwnInvoice) {
          // The caller has an invoice of that id and its lifecycle refused the command.
        }
        if (!audit.snapshot(other).equals(othersBefore)) {
          leaks++;
        }
      }
    }
    for (TenantId tenant : TENANTS) {
      assertThat(audit.violations(tenant)).isEmpty();
    }
    assertThat(leaks).as("leaks").isZero();
    assertThat(notFound).as("writes aimed at ids only another tenant has").isPositive();
    ReliabilityMode.report("tenants", database, operations + " cross-tenant operations ("
        + reads + " reads, " + writes + " writes, " + notFound
        + " writes found nothing in the caller's tenant), 0 leaks");
  }
}
