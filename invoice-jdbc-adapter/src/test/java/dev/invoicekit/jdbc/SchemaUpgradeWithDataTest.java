package dev.invoicekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.credit.CreditNote;
import dev.invoicekit.credit.CreditNoteRequest;
import dev.invoicekit.credit.CreditNoteStatus;
import dev.invoicekit.credit.ExcessCredit;
import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.Settlement;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.testing.EmptyDatabases;
import dev.invoicekit.jdbc.testing.JdbcDatabase;
import dev.invoicekit.ports.IdempotencyRecord;
import dev.invoicekit.ports.PageRequest;
import dev.invoicekit.service.IdempotencyKey;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.service.PaymentRequest;
import dev.invoicekit.tax.TaxCode;
import dev.invoicekit.testkit.contract.SampleInvoices;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A database of the released schema (V1 and V2) with data in it is upgraded to V3, by the
 * installer and by Flyway, on every database: every invoice with its lines and payments, every
 * outbox event and idempotency key reads back unchanged through the kit, the old events are
 * delivered, a key replays, numbering goes on, and an old invoice can be credited.
 *
 * <p>The old rows are written by the kit into a database of the current schema and copied into
 * the V2 tables with plain SQL, column by column ({@link ReleasedSchemas}).
 */
class SchemaUpgradeWithDataTest {

  private static final TenantId TENANT = TenantId.of("tenant-a");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private final SteppingClock clock =
      new SteppingClock(Instant.parse("2026-11-02T09:00:00Z"), ZoneId.of("UTC"));

  /** What the V2 release had written: the invoices and the outbox as they were. */
  private record Before(Invoice paid, Invoice partlyPaid, Invoice drafted, Invoice voided,
      Invoice rich, List<InvoiceEvent> events, IdempotencyRecord key) {}

  @ParameterizedTest(name = "{0}")
  @EnumSource(JdbcDatabase.class)
  void theInstallerUpgradesAV2DatabaseWithDataAndEverythingReadsBackAndGoesOn(
      JdbcDatabase database) throws SQLException {
    Dialect dialect = database.dialect();
    // Given a database the V2 release installed (with its history) and wrote in
    DataSource old = EmptyDatabases.create(dialect);
    ReleasedSchemas.install(old, dialect, 2, true);
    Before before = writeV2Data(database, old);

    // When this release's installer runs
    SchemaInstaller.install(old, dialect);

    // Then V3 is applied after the recorded V1 and V2, and all of it reads back and goes on
    assertThat(versions(old)).containsExactly(1, 2, 3);
    assertUpgraded(old, dialect, before);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(JdbcDatabase.class)
  void flywayUpgradesAV2DatabaseWithDataAndEverythingReadsBackAndGoesOn(JdbcDatabase database)
      throws SQLException {
    Dialect dialect = database.dialect();
    DataSource old = EmptyDatabases.create(dialect);
    Flyway.configure().dataSource(old).locations(dialect.flywayLocation()).target("2").load()
        .migrate();
    Before before = writeV2Data(database, old);

    int applied = Flyway.configure().dataSource(old).locations(dialect.flywayLocation()).load()
        .migrate().migrationsExecuted;

    assertThat(applied).isEqualTo(1);
    assertUpgraded(old, dialect, before);
  }

  /** Writes invoices, payments, events and a key with the kit elsewhere, and copies them in. */
  private Before writeV2Data(JdbcDatabase database, DataSource old) {
    DataSource written = database.create();
    JdbcInvoiceKit kit = JdbcInvoiceKit.of(written, database.dialect());
    InvoiceService service = service(kit, "before-");
    Invoice paid = service.send(TENANT, draft(service).id());
    service.recordPayment(TENANT, paid.id(), eur("100.00"), IdempotencyKey.of("bank-tx-1"));
    paid = service.recordPayment(TENANT, paid.id(), PaymentRequest.of(
        service.find(TENANT, paid.id()).orElseThrow().totals().amountDue()));
    Invoice partlyPaid = service.send(TENANT, draft(service).id());
    partlyPaid = service.recordPayment(TENANT, partlyPaid.id(), eur("50.00"));
    Invoice drafted = draft(service);
    Invoice voided = service.voidInvoice(TENANT, service.send(TENANT, draft(service).id()).id());
    Invoice rich = kit.invoices().save(SampleInvoices.richEur(TENANT, "inv-rich"));
    List<InvoiceEvent> events = kit.events().committedEvents(TENANT);
    IdempotencyRecord key = kit.idempotencyKeys().find(TENANT, "bank-tx-1").orElseThrow();

    Map<String, Integer> copied = ReleasedSchemas.copyV2Rows(written, old);

    assertThat(paid.status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(copied.get("ik_invoice")).isEqualTo(5);
    assertThat(copied.get("ik_invoice_line")).isEqualTo(8 + rich.lines().size());
    assertThat(copied.get("ik_payment")).isEqualTo(3 + rich.payments().size());
    assertThat(copied.get("ik_outbox")).isEqualTo(events.size()).isGreaterThan(10);
    assertThat(copied.get("ik_idempotency_key")).isEqualTo(1);
    return new Before(paid, partlyPaid, drafted, voided, rich, events, key);
  }

  private void assertUpgraded(DataSource old, Dialect dialect, Before before)
      throws SQLException {
    JdbcInvoiceKit kit = JdbcInvoiceKit.of(old, dialect);
    for (Invoice invoice : List.of(before.paid(), before.partlyPaid(), before.drafted(),
        before.voided(), before.rich())) {
      assertThat(kit.invoices().findById(TENANT, invoice.id())).contains(invoice);
      assertThat(invoice.number().flatMap(n -> kit.invoices().findByNumber(TENANT, n)))
          .isEqualTo(invoice.number().map(n -> invoice));
    }
    assertThat(kit.invoices().findByStatus(TENANT, InvoiceStatus.PARTIALLY_PAID,
        PageRequest.first(10)).items()).containsExactly(before.partlyPaid(), before.rich());
    assertThat(kit.events().committedEvents(TENANT)).isEqualTo(before.events());
    assertThat(kit.events().committedCreditEvents(TENANT)).isEmpty();
    assertThat(kit.idempotencyKeys().find(TENANT, "bank-tx-1")).contains(before.key());

    // The old events are delivered, each once.
    List<InvoiceEvent> delivered = Collections.synchronizedList(new ArrayList<>());
    Clock later = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    assertThat(kit.relay(delivered::add, later).relayUntilEmpty(100))
        .isEqualTo(before.events().size());
    assertThat(delivered).isEqualTo(before.events());

    InvoiceService service = service(kit, "after-");
    // A key of the old release replays its first result.
    assertThat(service.recordPayment(TENANT, before.paid().id(), eur("100.00"),
        IdempotencyKey.of("bank-tx-1"))).isEqualTo(before.paid());
    // The invoice series goes on where the old release stopped.
    Invoice next = service.send(TENANT, draft(service).id());
    assertThat(next.number()).contains(InvoiceNumber.of("INV-2026-00004"));

    // An old paid invoice is credited; the excess becomes account credit.
    CreditNote onPaid = service.issueCreditNote(TENANT, service.draftCreditNote(TENANT,
            before.paid().id(), CreditNoteRequest.lineQuantity("Returned one", 1, BigDecimal.ONE),
            IdempotencyKey.NONE).id(), ExcessCredit.toAccountCredit(), IdempotencyKey.NONE);
    assertThat(onPaid.status()).isEqualTo(CreditNoteStatus.ISSUED);
    assertThat(onPaid.number()).contains(InvoiceNumber.of("CN-2026-00001"));
    assertThat(service.accountCreditBalance(TENANT, AccountId.of("acme"), CurrencyUnit.EUR))
        .isEqualTo(onPaid.total());
    // An old partly paid one gets a settlement, its first.
    CreditNote onPartlyPaid = service.issueCreditNote(TENANT, service.draftCreditNote(TENANT,
            before.partlyPaid().id(), CreditNoteRequest.amount("Price reduction",
                TaxCode.standard("19"), Money.parse("EUR 10.00")), IdempotencyKey.NONE).id(),
        ExcessCredit.NONE, IdempotencyKey.NONE);
    Invoice credited = kit.invoices().findById(TENANT, before.partlyPaid().id()).orElseThrow();
    assertThat(credited.settlements()).extracting(Settlement::kind)
        .containsExactly(Settlement.Kind.CREDIT_NOTE);
    assertThat(credited.totals().amountDue()).isEqualTo(
        before.partlyPaid().totals().amountDue().minus(onPartlyPaid.total()));
    assertThat(kit.creditNotes().findByInvoice(TENANT, before.paid().id()))
        .containsExactly(onPaid);
  }

  private InvoiceService service(JdbcInvoiceKit kit, String idPrefix) {
    return kit.configure(InvoiceService.builder())
        .clock(clock, BERLIN)
        .ids(new SequentialIdSource(idPrefix))
        .build();
  }

  /** Two lines, 119.00 + 47.60 = 166.60 EUR with tax. */
  private static Invoice draft(InvoiceService service) {
    return service.createDraft(service.newDraft(TENANT)
        .account(AccountId.of("acme"))
        .currency("EUR")
        .paymentTerms(PaymentTerms.net(30))
        .addLine(ServiceFixture.line("Consulting", 1, "100.00"))
        .addLine(ServiceFixture.line("Travel", 1, "40.00"))
        .build());
  }

  private static PaymentRequest eur(String amount) {
    return PaymentRequest.of(Money.parse("EUR " + amount));
  }

  private static List<Integer> versions(DataSource dataSource) throws SQLException {
    List<Integer> versions = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(
            "SELECT version FROM ik_schema_history ORDER BY version")) {
      while (rs.next()) {
        versions.add(rs.getInt(1));
      }
    }
    return versions;
  }
}
