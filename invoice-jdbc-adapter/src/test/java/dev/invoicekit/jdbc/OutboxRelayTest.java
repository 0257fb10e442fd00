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
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.testing.CountingDataSource;
import dev.invoicekit.jdbc.testing.TestDatabases;
import dev.invoicekit.ports.IdempotencyRecord;
import dev.invoicekit.ports.InvoiceEvents;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.testkit.contract.Concurrently;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.joda.money.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The outbox and its relay on every database. */
class OutboxRelayTest {

  private static final TenantId TENANT = TenantId.of("tenant-a");
  private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

  private final SteppingClock clock = new SteppingClock(T0, ZoneOffset.UTC);
  private final Recording recording = new Recording();
  private DataSource dataSource;
  private JdbcInvoiceKit kit;

  private void open(Dialect dialect) {
    dataSource = TestDatabases.fresh(dialect);
    kit = JdbcInvoiceKit.of(dataSource, dialect);
  }

  private static InvoiceEvent event(String eventId, String invoice, long version, Instant at) {
    Money total = Money.parse("EUR 119.00");
    return new InvoiceEvent.Builder()
        .eventId(eventId)
        .type(version == 1 ? InvoiceEventType.CREATED : InvoiceEventType.PAYMENT_RECORDED)
        .tenant(TENANT)
        .invoiceId(InvoiceId.of(invoice))
        .number(Optional.of(InvoiceNumber.of("INV-2026-00001")))
        .version(version)
        .occurredAt(at)
        .status(InvoiceStatus.SENT)
        .total(total)
        .amountPaid(Money.parse("EUR 40.00"))
        .amountDue(Money.parse("EUR 79.00"))
        .payment(new Payment.Builder().id(PaymentId.of("pay-" + eventId))
            .kind(Payment.Kind.PAYMENT).amount(Money.parse("EUR 40.00"))
            .date(LocalDate.of(2026, 11, 2)).reference("bank ref \"42\" ü").build())
        .build();
  }

  /** Publishes events one transaction each; returns them. */
  private List<InvoiceEvent> publish(int count) {
    List<InvoiceEvent> events = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      // Two invoices, interleaved; each a microsecond later than the one before, all before T0.
      InvoiceEvent event = event("ev-" + i, "inv-" + (i % 2), (i + 1) / 2,
          T0.minusSeconds(1).plusNanos(i * 1000L));
      kit.transactions().inTransaction(() -> {
        kit.events().publish(event);
        return null;
      });
      events.add(event);
    }
    return events;
  }

  private static List<String> ids(List<InvoiceEvent> events) {
    return events.stream().map(InvoiceEvent::eventId).toList();
  }

  // ---- delivery ------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void everyEventIsDeliveredOnceInTheOrderItOccurred(Dialect dialect) throws SQLException {
    open(dialect);
    List<InvoiceEvent> published = publish(5);
    OutboxRelay relay = kit.relay(recording, clock);
    assertThat(relay.pendingCount()).isEqualTo(5);

    assertThat(relay.relayOnce()).isEqualTo(5);
    assertThat(relay.relayOnce()).isZero();

    assertThat(recording.events).containsExactlyElementsOf(published);
    assertThat(relay.pendingCount()).isZero();
    assertThat(row("ev-3").state).isEqualTo("DELIVERED");
    assertThat(row("ev-3").deliveredAt).isEqualTo(T0);
    assertThat(row("ev-3").attempts).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void aBatchTakesTheOldestEventsFirstAndRelayUntilEmptyTakesTheRest(Dialect dialect) {
    open(dialect);
    List<InvoiceEvent> published = publish(7);
    OutboxRelay relay = kit.relay(recording, clock).withBatchSize(3);

    assertThat(relay.relayOnce()).isEqualTo(3);
    assertThat(ids(recording.events)).containsExactly("ev-1", "ev-2", "ev-3");
    assertThat(relay.relayUntilEmpty(10)).isEqualTo(4);

    assertThat(recording.events).containsExactlyElementsOf(published);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void aRelayWhoseClockIsAnHourBehindTheServicesDeliversEveryNewEventOnItsFirstRun(
      Dialect dialect) {
    open(dialect);
    InvoiceService service = kit.configure(InvoiceService.builder())
        .clock(clock, ZoneOffset.UTC)
        .ids(new SequentialIdSource("id-"))
        .build();
    Invoice draft = service.createDraft(service.newDraft(TENANT)
        .account(AccountId.of("acme"))
        .currency("EUR")
        .paymentTerms(PaymentTerms.net(30))
        .addLine(ServiceFixture.line("Consulting", 1, "100.00"))
        .build());
    service.send(TENANT, draft.id());
    SteppingClock behind = new SteppingClock(T0.minus(Duration.ofHours(1)), ZoneOffset.UTC);
    OutboxRelay relay = kit.relay(recording, behind);

    assertThat(relay.relayOnce()).isEqualTo(2);

    assertThat(recording.events).extracting(InvoiceEvent::type)
        .containsExactly(InvoiceEventType.CREATED, InvoiceEventType.SENT);
    assertThat(relay.pendingCount()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void aRetryWaitsForItsBackoffOnTheRelaysOwnClockEvenWhenThatClockIsBehind(Dialect dialect) {
    open(dialect);
    kit.events().publish(event("ev-1", "inv-1", 1, T0));
    Instant relayNow = T0.minus(Duration.ofHours(1));
    SteppingClock behind = new SteppingClock(relayNow, ZoneOffset.UTC);
    AtomicInteger failuresLeft = new AtomicInteger(1);
    OutboxRelay relay = kit.relay(event -> {
      if (failuresLeft.getAndDecrement() > 0) {
        throw new IllegalStateException("broker unavailable");
      }
      recording.publish(event);
    }, behind).withBackoff(Duration.ofSeconds(10), Duration.ofSeconds(10));

    assertThat(relay.relayOnce()).as("first attempt fails").isZero();
    assertThat(failuresLeft).as("attempted at once").hasValue(0);
    behind.set(relayNow.plusSeconds(9));
    assertThat(relay.relayOnce()).as("retry not yet due").isZero();
    behind.set(relayNow.plusSeconds(10));
    assertThat(relay.relayOnce()).as("retry due").isEqualTo(1);

    assertThat(ids(recording.events)).containsExactly("ev-1");
  }

  // ---- committed events ----------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void committedEventsAreATenantsEventsInEveryStateInOrderWithoutRolledBackOrOtherTenantsOnes(
      Dialect dialect) {
    open(dialect);
    List<InvoiceEvent> published = publish(4);
    InvoiceEvent otherTenant = new InvoiceEvent.Builder().from(event("ev-b", "inv-b", 1, T0))
        .tenant(TenantId.of("tenant-b")).build();
    kit.events().publish(otherTenant);
    assertThatThrownBy(() -> kit.transactions().inTransaction(() -> {
      kit.events().publish(event("ev-rolled-back", "inv-9", 1, T0));
      throw new IllegalStateException("the host's transaction fails");
    })).isInstanceOf(IllegalStateException.class);
    // ev-1 delivered, ev-2 parked, ev-3 and ev-4 pending
    kit.relay(recording, clock).withBatchSize(1).relayOnce();
    kit.relay(event -> {
      throw new IllegalStateException("consumer rejects it");
    }, clock).withBatchSize(1).withMaxAttempts(1).relayOnce();

    assertThat(kit.events().committedEvents(TENANT)).containsExactlyElementsOf(published);
    assertThat(kit.events().committedEvents(TenantId.of("tenant-b"))).containsExactly(otherTenant);
    assertThat(kit.events().committedEvents(TenantId.of("tenant-c"))).isEmpty();
  }

  // ---- failures ------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void aFailingTargetIsRetriedWithGrowingBackoffAndParkedAfterTheLastAttempt(Dialect dialect)
      throws SQLException {
    open(dialect);
    kit.events().publish(event("ev-1", "inv-1", 1, T0));
    AtomicInteger calls = new AtomicInteger();
    OutboxRelay relay = kit.relay(event -> {
      calls.incrementAndGet();
      throw new IllegalStateException("broker unavailable");
    }, clock).withMaxAttempts(4).withBackoff(Duration.ofSeconds(10), Duration.ofSeconds(25));

    assertThat(relay.relayOnce()).isZero();
    assertThat(row("ev-1").attempts).isEqualTo(1);
    assertThat(row("ev-1").nextAttemptAt).isEqualTo(T0.plusSeconds(10));
    assertThat(row("ev-1").lastError)
        .isEqualTo("java.lang.IllegalStateException: broker unavailable");

    clock.set(T0.plusSeconds(9));
    relay.relayOnce();
    assertThat(calls).hasValue(1);

    clock.set(T0.plusSeconds(10));
    relay.relayOnce();
    assertThat(row("ev-1").nextAttemptAt).isEqualTo(T0.plusSeconds(10 + 20));

    clock.set(T0.plusSeconds(30));
    relay.relayOnce();
    assertThat(row("ev-1").attempts).isEqualTo(3);
    assertThat(row("ev-1").nextAttemptAt).isEqualTo(T0.plusSeconds(30 + 25)); // capped

    clock.set(T0.plusSeconds(55));
    relay.relayOnce();
    assertThat(row("ev-1").state).isEqualTo("PARKED");
    assertThat(row("ev-1").attempts).isEqualTo(4);
    assertThat(relay.parkedCount()).isEqualTo(1);
    assertThat(relay.pendingCount()).isZero();

    clock.set(T0.plus(Duration.ofDays(1)));
    assertThat(relay.relayOnce()).isZero();
    assertThat(calls).hasValue(4);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void aFailingEventHoldsBackNoOtherEvent(Dialect dialect) throws SQLException {
    open(dialect);
    publish(3);
    OutboxRelay relay = kit.relay(event -> {
      if (event.eventId().equals("ev-1")) {
        throw new IllegalStateException("consumer rejects ev-1");
      }
      recording.publish(event);
    }, clock);

    assertThat(relay.relayOnce()).isEqualTo(2);

    assertThat(ids(recording.events)).containsExactly("ev-2", "ev-3");
    assertThat(row("ev-1").state).isEqualTo("PENDING");
    assertThat(relay.pendingCount()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void aRelayForATargetOutsideItsTransactionSetsNoSavepointAndStillHoldsBackNoEvent(
      Dialect dialect) throws SQLException {
    open(dialect);
    publish(3);
    CountingDataSource counting = new CountingDataSource(dataSource);
    JdbcInvoiceKit countedKit = JdbcInvoiceKit.of(counting.dataSource(), dialect);
    OutboxRelay relay = countedKit.relay(event -> {
      if (event.eventId().equals("ev-2")) {
        throw new IllegalStateException("broker rejects ev-2");
      }
      recording.publish(event);
    }, clock).withTargetOutsideItsTransaction();

    assertThat(relay.relayOnce()).isEqualTo(2);

    assertThat(ids(recording.events)).containsExactly("ev-1", "ev-3");
    assertThat(row("ev-1").state).isEqualTo("DELIVERED");
    assertThat(row("ev-2").state).isEqualTo("PENDING");
    assertThat(row("ev-2").attempts).isEqualTo(1);
    assertThat(row("ev-3").state).isEqualTo("DELIVERED");
    assertThat(counting.roundTripLog()).isNotEmpty()
        .noneMatch(trip -> trip.call().toLowerCase(Locale.ROOT).contains("savepoint"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void aLongErrorIsCutToFitItsColumn(Dialect dialect) throws SQLException {
    open(dialect);
    kit.events().publish(event("ev-1", "inv-1", 1, T0));
    String longMessage = "x".repeat(998) + "\uD83D\uDE00" + "y".repeat(3000);

    kit.relay(event -> {
      throw new IllegalArgumentException(longMessage);
    }, clock).relayOnce();

    String stored = row("ev-1").lastError;
    assertThat(stored).startsWith("java.lang.IllegalArgumentException: xxx");
    assertThat(stored.length()).isLessThanOrEqualTo(1000);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void aTargetFailureWithNulAndLoneSurrogatesIsStoredWithReplacementCharacters(Dialect dialect)
      throws SQLException {
    open(dialect);
    kit.events().publish(event("ev-1", "inv-1", 1, T0));

    kit.relay(event -> {
      throw new IllegalStateException("bad\u0000byte \uD800 and \uD83D\uDE00");
    }, clock).relayOnce();

    assertThat(row("ev-1").lastError).isEqualTo(
        "java.lang.IllegalStateException: bad\uFFFDbyte \uFFFD and \uD83D\uDE00");
    assertThat(row("ev-1").state).isEqualTo("PENDING");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void aTargetThatFailsAfterWritingInTheRelaysTransactionLeavesNoWriteBehind(Dialect dialect)
      throws SQLException {
    open(dialect);
    publish(3);
    IdempotencyRecord taken =
        new IdempotencyRecord(TENANT, "taken", "f", "inv-1", 1);
    kit.idempotencyKeys().remember(taken);
    OutboxRelay relay = kit.relay(event -> {
      if (event.eventId().equals("ev-1")) {
        // Joins the relay's transaction, writes, then fails: the write is undone.
        kit.idempotencyKeys().remember(
            new IdempotencyRecord(TENANT, "written-then-failed", "f", "inv-1", 1));
        throw new IllegalStateException("failed after writing");
      }
      if (event.eventId().equals("ev-2")) {
        // A failing statement; on PostgreSQL it would spoil the transaction without a savepoint.
        kit.idempotencyKeys().remember(taken);
      }
      recording.publish(event);
    }, clock);

    assertThat(relay.relayOnce()).isEqualTo(1);

    assertThat(ids(recording.events)).containsExactly("ev-3");
    assertThat(kit.idempotencyKeys().find(TENANT, "written-then-failed")).isEmpty();
    assertThat(row("ev-1").attempts).isEqualTo(1);
    assertThat(row("ev-2").lastError).contains("IdempotencyKeyTakenException");
    assertThat(row("ev-3").state).isEqualTo("DELIVERED");
  }

  // ---- crashes -------------------------------------------------------------------------------

  /** Stands for the relay's process dying: not an exception the relay handles. */
  private static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash() {
      super("killed between delivery and marking");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void aRelayKilledBetweenDeliveryAndMarkingDeliversAgainWithTheSameEventId(Dialect dialect)
      throws SQLException {
    open(dialect);
    publish(2);
    OutboxRelay dying = kit.relay(event -> {
      recording.publish(event);
      if (event.eventId().equals("ev-2")) {
        throw new SimulatedCrash();
      }
    }, clock);

    assertThatThrownBy(dying::relayOnce).isInstanceOf(SimulatedCrash.class);
    assertThat(row("ev-1").state).isEqualTo("PENDING");
    assertThat(row("ev-1").attempts).isZero();

    OutboxRelay restarted = kit.relay(recording, clock);
    assertThat(restarted.relayOnce()).isEqualTo(2);
    assertThat(ids(recording.events)).containsExactly("ev-1", "ev-2", "ev-1", "ev-2");
    assertThat(restarted.relayOnce()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void aDeliveryWhoseTransactionRollsBackIsDeliveredAgain(Dialect dialect) {
    open(dialect);
    publish(1);
    OutboxRelay relay = kit.relay(recording, clock);

    assertThatThrownBy(() -> kit.transactions().inTransaction(() -> {
      assertThat(relay.relayOnce()).isEqualTo(1);
      throw new IllegalStateException("the commit never happened");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(relay.relayOnce()).isEqualTo(1);
    assertThat(ids(recording.events)).containsExactly("ev-1", "ev-1");
  }

  // ---- several relays ------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void twoRelaysAtOnceDeliverEveryEventAndNeverTheSameOneAtTheSameTime(Dialect dialect)
      throws Exception {
    open(dialect);
    List<InvoiceEvent> published = publish(60);
    Set<String> inFlight = ConcurrentHashMap.newKeySet();
    List<String> overlaps = new CopyOnWriteArrayList<>();
    List<String> relayNames = new CopyOnWriteArrayList<>();
    InvoiceEvents slowTarget = event -> {
      if (!inFlight.add(event.eventId())) {
        overlaps.add(event.eventId());
      }
      sleep(3);
      recording.publish(event);
      relayNames.add(Thread.currentThread().getName());
      inFlight.remove(event.eventId());
    };
    OutboxRelay relay = kit.relay(slowTarget, clock).withBatchSize(5);

    List<Integer> delivered = Concurrently.run(2, () -> {
      int total = 0;
      while (relay.pendingCount() > 0) {
        total += relay.relayUntilEmpty(100);
      }
      return total;
    });

    assertThat(overlaps).isEmpty();
    assertThat(ids(recording.events)).containsExactlyInAnyOrderElementsOf(ids(published));
    assertThat(delivered.get(0) + delivered.get(1)).isEqualTo(60);
    if (dialect != Dialect.H2) {
      // H2 applies the LIMIT before skipping locked rows, so there the relays mostly take turns.
      assertThat(relayNames.stream().distinct().count())
          .as("both relays delivered some events").isEqualTo(2);
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** A target that records what it receives. */
  private static final class Recording implements InvoiceEvents {
    final List<InvoiceEvent> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void publish(InvoiceEvent event) {
      events.add(event);
    }
  }

  private record Row(String state, int attempts, Instant nextAttemptAt, Instant deliveredAt,
      String lastError) {}

  private Row row(String eventId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT state, attempts,"
            + " next_attempt_at, delivered_at, last_error FROM ik_outbox"
            + " WHERE tenant_id = ? AND event_id = ?")) {
      select.setString(1, TENANT.value());
      select.setString(2, eventId);
      try (ResultSet rs = select.executeQuery()) {
        assertThat(rs.next()).as("outbox row " + eventId).isTrue();
        return new Row(rs.getString(1), rs.getInt(2), instant(rs, 3), instant(rs, 4),
            rs.getString(5));
      }
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    LocalDateTime value = rs.getObject(column, LocalDateTime.class);
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
