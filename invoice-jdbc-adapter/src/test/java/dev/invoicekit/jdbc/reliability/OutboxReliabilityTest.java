package dev.invoicekit.jdbc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.JdbcInvoiceKit;
import dev.invoicekit.jdbc.OutboxRelay;
import dev.invoicekit.jdbc.testing.JdbcDatabase;
import dev.invoicekit.service.InvoiceService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The outbox under kills and competition: two relays on two application instances run at once,
 * and each is killed now and then between handing an event to the target and marking it delivered
 * (the target throws an {@link Error}, so the relay's transaction rolls back). Afterwards every
 * event was delivered (0 lost), and every duplicate carries the same event id and content.
 */
class OutboxReliabilityTest {

  private static final TenantId TENANT = TenantId.of("tenant-a");
  private static final long SEED = 20261124L;

  /** The relay's process dies while it delivers. */
  private static final class Killed extends Error {
    private static final long serialVersionUID = 1L;

    Killed() {
      super("relay killed between delivery and marking", null, false, false);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(JdbcDatabase.class)
  void killedAndCompetingRelaysLoseNoEventAndRepeatOnlyWithTheSameId(JdbcDatabase database)
      throws Exception {
    int invoices = ReliabilityMode.pick(20, 1000);
    DataSource first = database.create();
    SteppingClock clock =
        new SteppingClock(Instant.parse("2026-11-02T09:00:00Z"), ZoneId.of("UTC"));
    JdbcInvoiceKit kit = JdbcInvoiceKit.of(first, database.dialect());
    InvoiceService service = kit.configure(InvoiceService.builder())
        .clock(clock, ZoneId.of("Europe/Berlin"))
        .ids(new SequentialIdSource("id-"))
        .build();
    for (int i = 0; i < invoices; i++) {
      Invoice draft = service.createDraft(service.newDraft(TENANT)
          .account(AccountId.of("acme"))
          .currency("EUR")
          .paymentTerms(PaymentTerms.net(30))
          .addLine(ServiceFixture.line("Consulting", 1, "100.00"))
          .build());
      service.send(TENANT, draft.id());
    }
    clock.advance(java.time.Duration.ofSeconds(1));

    Map<String, InvoiceEvent> received = new ConcurrentHashMap<>();
    AtomicInteger deliveries = new AtomicInteger();
    AtomicInteger duplicates = new AtomicInteger();
    AtomicInteger differingDuplicates = new AtomicInteger();
    AtomicInteger kills = new AtomicInteger();
    List<JdbcInvoiceKit> instances =
        List.of(kit, JdbcInvoiceKit.of(SecondPool.on(first), database.dialect()));
    AtomicInteger nextRelay = new AtomicInteger();
    Together.run(2, () -> {
      int relayNo = nextRelay.getAndIncrement();
      Random random = new Random(SEED + relayNo);
      OutboxRelay relay = instances.get(relayNo).relay(event -> {
        deliveries.incrementAndGet();
        InvoiceEvent earlier = received.putIfAbsent(event.eventId(), event);
        if (earlier != null) {
          duplicates.incrementAndGet();
          if (!earlier.equals(event)) {
            differingDuplicates.incrementAndGet();
          }
        }
        if (random.nextInt(8) == 0) {
          kills.incrementAndGet();
          throw new Killed();
        }
      }, clock).withBatchSize(5);
      for (int round = 0; round < 100_000 && relay.pendingCount() > 0; round++) {
        try {
          relay.relayOnce();
        } catch (Killed killed) {
          // The process restarts and relays again.
        }
      }
      return null;
    });

    Set<String> stored = eventIds(first);
    Set<String> lost = new HashSet<>(stored);
    lost.removeAll(received.keySet());
    assertThat(stored).hasSize(2 * invoices);
    assertThat(lost).as("lost events").isEmpty();
    assertThat(differingDuplicates).as("duplicates with other content").hasValue(0);
    assertThat(new Audit(first).outboxRows("PENDING")).isZero();
    assertThat(kills).hasPositiveValue();
    ReliabilityMode.report("outbox", database, stored.size() + " events, 2 relays at once on 2"
        + " instances, " + kills + " relays killed between delivery and marking, " + deliveries
        + " deliveries, " + duplicates + " duplicates (all with the same event id and content),"
        + " 0 lost");
  }

  private static Set<String> eventIds(DataSource dataSource) throws SQLException {
    Set<String> ids = new HashSet<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT event_id FROM ik_outbox")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }
}
