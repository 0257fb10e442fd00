package dev.invoicekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.events.InvoiceEventType;
import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.testing.TestDatabases;
import dev.invoicekit.numbering.NumberSeries;
import dev.invoicekit.ports.DuplicateInvoiceException;
import dev.invoicekit.service.IdempotencyKey;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.service.PaymentRequest;
import dev.invoicekit.testkit.contract.Concurrently;
import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.joda.money.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The service on the JDBC adapter, end to end, on every database. */
class JdbcInvoiceKitTest {

  private static final TenantId TENANT = TenantId.of("tenant-a");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private final SteppingClock clock =
      new SteppingClock(Instant.parse("2026-11-02T09:00:00Z"), ZoneId.of("UTC"));
  private final List<InvoiceEvent> delivered = Collections.synchronizedList(new ArrayList<>());

  private InvoiceService service(JdbcInvoiceKit kit, String idPrefix) {
    return kit.configure(InvoiceService.builder())
        .clock(clock, BERLIN)
        .ids(new SequentialIdSource(idPrefix))
        .build();
  }

  private static Invoice draft(InvoiceService service) {
    return service.createDraft(service.newDraft(TENANT)
        .account(AccountId.of("acme"))
        .currency("EUR")
        .paymentTerms(PaymentTerms.net(30))
        .addLine(ServiceFixture.line("Consulting", 1, "100.00"))
        .build());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void createSendPayTwiceWithOneKeyAndRelayTheEventsInVersionOrder(Dialect dialect) {
    JdbcInvoiceKit kit = JdbcInvoiceKit.of(TestDatabases.fresh(dialect));
    assertThat(kit.dialect()).isEqualTo(dialect);
    InvoiceService service = service(kit, "id-");
    IdempotencyKey key = IdempotencyKey.of("payment-1");
    PaymentRequest payment = PaymentRequest.of(Money.parse("EUR 40.00"));

    Invoice created = draft(service);
    Invoice sent = service.send(TENANT, created.id());
    Invoice paid = service.recordPayment(TENANT, created.id(), payment, key);
    Invoice replayed = service.recordPayment(TENANT, created.id(), payment, key);

    assertThat(sent.number()).contains(InvoiceNumber.of("INV-2026-00001"));
    assertThat(replayed).isEqualTo(paid);
    Invoice stored = service.find(TENANT, created.id()).orElseThrow();
    assertThat(stored.payments()).hasSize(1);
    assertThat(stored.status()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
    assertThat(stored.version()).isEqualTo(3);
    assertThat(kit.idempotencyKeys().find(TENANT, "payment-1")).hasValueSatisfying(
        record -> assertThat(record.resultVersion()).isEqualTo(3));

    OutboxRelay relay = kit.relay(delivered::add, clock);
    assertThat(relay.relayOnce()).isEqualTo(3);
    assertThat(delivered).extracting(InvoiceEvent::type).containsExactly(
        InvoiceEventType.CREATED, InvoiceEventType.SENT, InvoiceEventType.PAYMENT_RECORDED);
    assertThat(delivered).extracting(InvoiceEvent::version).containsExactly(1L, 2L, 3L);
    assertThat(delivered).allSatisfy(event -> {
      assertThat(event.invoiceId()).isEqualTo(created.id());
      assertThat(event.tenant()).isEqualTo(TENANT);
    });
    assertThat(delivered.get(2).payment()).hasValueSatisfying(
        p -> assertThat(p.amount()).isEqualTo(Money.parse("EUR 40.00")));
    assertThat(relay.relayOnce()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void theSamePaymentSentTwiceAtOnceIsRecordedOnce(Dialect dialect) throws Exception {
    JdbcInvoiceKit kit = JdbcInvoiceKit.of(TestDatabases.fresh(dialect), dialect);
    Invoice invoice = draft(service(kit, "id-"));
    service(kit, "send-").send(TENANT, invoice.id());
    IdempotencyKey key = IdempotencyKey.of("payment-1");
    PaymentRequest payment = PaymentRequest.of(Money.parse("EUR 40.00"));

    // Two application instances (own id sources) receive the same submission at the same moment.
    List<InvoiceService> instances = List.of(service(kit, "a-"), service(kit, "b-"));
    AtomicInteger next = new AtomicInteger();
    List<Invoice> results = Concurrently.run(2, () ->
        instances.get(next.getAndIncrement()).recordPayment(TENANT, invoice.id(), payment, key));

    assertThat(results.get(0)).isEqualTo(results.get(1));
    assertThat(kit.invoices().findById(TENANT, invoice.id()).orElseThrow().payments()).hasSize(1);
    assertThat(kit.relay(delivered::add, clock).relayOnce()).isEqualTo(3);
    assertThat(delivered).extracting(InvoiceEvent::type)
        .containsOnlyOnce(InvoiceEventType.PAYMENT_RECORDED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void joiningTheHostsTransactionLeavesCommitAndRollbackToTheHost(Dialect dialect)
      throws Exception {
    DataSource dataSource = TestDatabases.fresh(dialect);
    JdbcInvoiceKit own = JdbcInvoiceKit.of(dataSource, dialect);
    try (Connection host = dataSource.getConnection()) {
      host.setAutoCommit(false);
      JdbcInvoiceKit joining = JdbcInvoiceKit.joining(() -> host, dialect);
      InvoiceService service = service(joining, "id-");

      Invoice rolledBack = draft(service);
      service.send(TENANT, rolledBack.id());
      host.rollback();

      assertThat(own.invoices().findById(TENANT, rolledBack.id())).isEmpty();
      assertThat(own.relay(delivered::add, clock).pendingCount()).isZero();

      Invoice committed = draft(service);
      Invoice sent = service.send(TENANT, committed.id());
      host.commit();

      assertThat(sent.number()).contains(InvoiceNumber.of("INV-2026-00001"));
      assertThat(own.invoices().findById(TENANT, committed.id())).contains(sent);
      assertThat(own.relay(delivered::add, clock).relayOnce()).isEqualTo(2);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void sequenceNumberingCanReplaceTheGaplessDefault(Dialect dialect) {
    JdbcInvoiceKit kit = JdbcInvoiceKit.of(TestDatabases.fresh(dialect), dialect);
    InvoiceService service = kit.configure(InvoiceService.builder())
        .numbering(kit.sequenceNumbering())
        .clock(clock, BERLIN)
        .ids(new SequentialIdSource("id-"))
        .build();

    Invoice first = service.send(TENANT, draft(service).id());
    clock.set(Instant.parse("2027-01-04T09:00:00Z"));
    Invoice nextYear = service.send(TENANT, draft(service).id());

    assertThat(first.number()).contains(InvoiceNumber.of("INV-2026-00001"));
    // One sequence for all series: the new year does not start again at 1.
    assertThat(nextYear.number()).contains(InvoiceNumber.of("INV-2027-00002"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void aFailedSendTakesNoNumberAndPublishesNothing(Dialect dialect) {
    JdbcInvoiceKit kit = JdbcInvoiceKit.of(TestDatabases.fresh(dialect), dialect);
    InvoiceService service = service(kit, "id-");
    Invoice manual = service.createDraft(draft(service).withNumber(
        InvoiceNumber.of("INV-2026-00001")).withId(InvoiceId.of("manual")).withVersion(0));
    service.send(TENANT, manual.id());
    Invoice next = draft(service);
    OutboxRelay relay = kit.relay(delivered::add, clock);
    long pendingBefore = relay.pendingCount();

    assertThatThrownBy(() -> service.send(TENANT, next.id()))
        .isInstanceOf(DuplicateInvoiceException.class);

    assertThat(relay.pendingCount()).isEqualTo(pendingBefore);
    assertThat(kit.numbering().next(NumberSeries.of(TENANT, "INV-2026-"))).isEqualTo(1);
  }
}
