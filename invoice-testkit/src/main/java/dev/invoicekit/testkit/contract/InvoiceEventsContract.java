package dev.invoicekit.testkit.contract;

import static dev.invoicekit.testkit.contract.SampleInvoices.OTHER_TENANT;
import static dev.invoicekit.testkit.contract.SampleInvoices.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.credit.AccountCreditEntry;
import dev.invoicekit.credit.CreditEvent;
import dev.invoicekit.credit.CreditEventType;
import dev.invoicekit.credit.CreditNote;
import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.events.InvoiceEventType;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.ports.InvoiceEvents;
import dev.invoicekit.ports.Transactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.joda.money.Money;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the {@link InvoiceEvents} notification port must do, used the way
 * the service uses it: events are published inside the transaction of the state change they
 * describe. The in-memory {@code RecordingInvoiceEvents} and the JDBC adapter's outbox (with its
 * relay) on H2, PostgreSQL and MariaDB pass it.
 *
 * <p>A host runs it against its own implementation by extending this class in its test sources,
 * implementing {@link #newEvents()} and {@link #observed()}: what a consumer has received so far
 * (for an outbox, deliver what is due first):
 *
 * <pre>{@code
 * class MyEventsContractTest extends InvoiceEventsContract {
 *   private final List<InvoiceEvent> received = new ArrayList<>();
 *   private MyOutboxRelay relay;
 *
 *   @Override
 *   protected Events newEvents() {
 *     MyTransactions transactions = new MyTransactions(freshDatabase());
 *     relay = new MyOutboxRelay(transactions, received::add);
 *     return new Events(new MyOutbox(transactions), transactions);
 *   }
 *
 *   @Override
 *   protected List<InvoiceEvent> observed() {
 *     relay.deliverAll();
 *     return List.copyOf(received);
 *   }
 * }
 * }</pre>
 *
 * <p>The contract: events published in a transaction that rolls back are never observed; each
 * committed event is observed exactly once, however often one looks, with its event id, type,
 * tenant, invoice id and version intact; concurrent publishers lose nothing. A port that publishes
 * credit-note and ledger events too (and says so by overriding {@link #observedCreditEvents()})
 * keeps them on the same terms, each whole, apart from an invoice's events of the same id and
 * version. Order across
 * invoices is not part of the contract: consumers order one invoice's events by their version.
 *
 * <p>Not thread-safe itself: JUnit makes one instance per test.
 */
public abstract class InvoiceEventsContract {

  /**
   * A notification port under test and the transactions it takes part in.
   *
   * @param events the port, with nothing published yet, not null
   * @param transactions the transactions its events commit or roll back with, not null
   */
  protected record Events(InvoiceEvents events, Transactions transactions) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException if either is null
     */
    public Events {
      Objects.requireNonNull(events, "events");
      Objects.requireNonNull(transactions, "transactions");
    }
  }

  /** For subclasses. */
  protected InvoiceEventsContract() {}

  /**
   * A new notification port with nothing published yet, and its transactions; called before
   * every test. May abort the test with JUnit's {@code Assumptions} when the implementation cannot
   * run here, saying why.
   *
   * @return the port under test, not null
   */
  protected abstract Events newEvents();

  /**
   * Every event a consumer of the port made by the latest {@link #newEvents()} has received so
   * far, oldest first, each delivery once (an event delivered twice appears twice). Called after
   * the publishing transactions have ended; an implementation that delivers asynchronously
   * delivers what is due before returning.
   *
   * @return the events observed, not null
   */
  protected abstract List<InvoiceEvent> observed();

  /**
   * Every credit-note and ledger event ({@link InvoiceEvents#publish(CreditEvent)}) a consumer of
   * the port made by the latest {@link #newEvents()} has received so far, as {@link #observed()}
   * gives the invoice events. The default aborts the tests of credit events, for a port that does
   * not publish them; one that does overrides it.
   *
   * @return the credit events observed, not null
   */
  protected List<CreditEvent> observedCreditEvents() {
    return Assumptions.abort("the port does not publish credit-note and ledger events");
  }

  /**
   * Whether the port may be used from several threads at once; the concurrency test is skipped
   * when not. True unless overridden: the port asks for thread-safe implementations.
   *
   * @return true to run the concurrency test
   */
  protected boolean supportsConcurrency() {
    return true;
  }

  /** When the sample events occurred: a moment in the past, so every event is due. */
  private static final Instant OCCURRED = Instant.parse("2026-11-02T09:00:00Z");

  private InvoiceEvents events;
  private Transactions transactions;

  @BeforeEach
  void freshEvents() {
    Events subject = newEvents();
    events = subject.events();
    transactions = subject.transactions();
  }

  /**
   * The event of an invoice reaching a version: created at 1, sent at 2, then payments, as the
   * service publishes them.
   */
  private static InvoiceEvent event(TenantId tenant, String invoiceId, long version) {
    InvoiceEventType type = version == 1 ? InvoiceEventType.CREATED
        : version == 2 ? InvoiceEventType.SENT : InvoiceEventType.PAYMENT_RECORDED;
    Invoice draft = SampleInvoices.draft(tenant, invoiceId);
    Invoice invoice = version == 1 ? draft.withVersion(1)
        : draft.withNumber(InvoiceNumber.of("INV-" + invoiceId))
            .withStatus(InvoiceStatus.SENT)
            .withVersion(version);
    return InvoiceEvent.of(tenant.value() + "/" + invoiceId + "/" + version, type, invoice,
        OCCURRED.plusMillis(version));
  }

  private static InvoiceEvent event(String invoiceId, long version) {
    return event(TENANT, invoiceId, version);
  }

  /** Publishes the events in one transaction that commits. */
  private void commit(InvoiceEvent... published) {
    transactions.inTransaction(() -> {
      for (InvoiceEvent event : published) {
        events.publish(event);
      }
      return null;
    });
  }

  /** Publishes the events in one transaction that then fails and rolls back. */
  private void rollBack(InvoiceEvent... published) {
    assertThatThrownBy(() -> transactions.inTransaction(() -> {
      for (InvoiceEvent event : published) {
        events.publish(event);
      }
      throw new IllegalStateException("the command failed after publishing");
    })).isInstanceOf(IllegalStateException.class)
        .hasMessage("the command failed after publishing");
  }

  private static List<String> ids(List<InvoiceEvent> events) {
    return events.stream().map(InvoiceEvent::eventId).toList();
  }

  // ---- rollback --------------------------------------------------------------------------------

  @Test
  void eventsPublishedInATransactionThatRollsBackAreNeverObserved() {
    rollBack(event("inv-1", 1), event("inv-2", 1));

    assertThat(observed()).isEmpty();
    assertThat(observed()).as("looking again").isEmpty();
  }

  @Test
  void aRolledBackEventStaysUnobservedWhileTheCommittedOnesAroundItArrive() {
    commit(event("inv-1", 1));
    rollBack(event("inv-1", 2));
    commit(event("inv-2", 1));
    rollBack(event("inv-2", 2), event("inv-3", 1));

    assertThat(ids(observed())).containsExactlyInAnyOrder(
        event("inv-1", 1).eventId(), event("inv-2", 1).eventId());
  }

  @Test
  void theVersionOfARolledBackEventCanBePublishedAgainWhenTheCommandIsRetried() {
    rollBack(event("inv-1", 1));

    commit(event("inv-1", 1));

    assertThat(ids(observed())).containsExactly(event("inv-1", 1).eventId());
  }

  // ---- committed events ------------------------------------------------------------------------

  @Test
  void aCommittedEventIsObservedOnceWithItsIdTypeInvoiceAndVersionIntact() {
    InvoiceEvent sent = event("inv-1", 2);

    commit(sent);

    List<InvoiceEvent> observed = observed();
    assertThat(observed).hasSize(1);
    InvoiceEvent received = observed.get(0);
    assertThat(received.eventId()).isEqualTo(sent.eventId());
    assertThat(received.type()).isEqualTo(InvoiceEventType.SENT);
    assertThat(received.tenant()).isEqualTo(TENANT);
    assertThat(received.invoiceId()).isEqualTo(InvoiceId.of("inv-1"));
    assertThat(received.version()).isEqualTo(2);
    assertThat(ids(observed())).as("looking again").containsExactly(sent.eventId());
  }

  @Test
  void eventsOfManyTransactionsAndInvoicesAreEachObservedExactlyOnce() {
    List<InvoiceEvent> committed = new ArrayList<>();
    for (int version = 1; version <= 3; version++) {
      InvoiceEvent ours = event("inv-1", version);
      InvoiceEvent theirs = event(OTHER_TENANT, "inv-1", version);
      InvoiceEvent another = event("inv-2", version);
      commit(ours, theirs);
      commit(another);
      committed.addAll(List.of(ours, theirs, another));
    }

    assertObservedOnceIntact(observed(), committed);
    assertThat(observed()).as("looking again").hasSameSizeAs(committed);
  }

  @Test
  void eventsCommittedAfterALookAreObservedTooAndTheEarlierOnesNotAgain() {
    commit(event("inv-1", 1));
    assertThat(ids(observed())).containsExactly(event("inv-1", 1).eventId());

    commit(event("inv-1", 2));

    assertThat(ids(observed())).containsExactlyInAnyOrder(
        event("inv-1", 1).eventId(), event("inv-1", 2).eventId());
  }

  // ---- several at once --------------------------------------------------------------------------

  @Test
  void eventsPublishedTogetherAreEachObservedOnceIntactAndRollBackTogether() {
    List<InvoiceEvent> rolledBack = List.of(event("inv-1", 1), event("inv-2", 1));
    assertThatThrownBy(() -> transactions.inTransaction(() -> {
      events.publishAll(rolledBack);
      throw new IllegalStateException("the sweep failed after publishing");
    })).isInstanceOf(IllegalStateException.class);
    List<InvoiceEvent> together = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      together.add(event("inv-" + i, 1));
    }
    together.add(event(OTHER_TENANT, "inv-1", 1));

    transactions.inTransaction(() -> {
      events.publishAll(together);
      events.publishAll(List.of());
      return null;
    });

    assertObservedOnceIntact(observed(), together);
  }

  /** Each committed event observed exactly once, with its type, tenant, invoice and version. */
  private static void assertObservedOnceIntact(List<InvoiceEvent> observed,
      List<InvoiceEvent> committed) {
    assertThat(ids(observed)).containsExactlyInAnyOrderElementsOf(ids(committed));
    for (InvoiceEvent expected : committed) {
      InvoiceEvent received = observed.stream()
          .filter(event -> event.eventId().equals(expected.eventId()))
          .findFirst()
          .orElseThrow();
      assertThat(List.of(received.type(), received.tenant(), received.invoiceId(),
              received.version()))
          .as("event %s", expected.eventId())
          .containsExactly(expected.type(), expected.tenant(), expected.invoiceId(),
              expected.version());
    }
  }

  // ---- credit-note and ledger events ------------------------------------------------------------

  /** The event of credit note {@code id} reaching a version: drafted at 1, issued at 2. */
  private static CreditEvent noteEvent(String id, long version) {
    Invoice invoice = SampleCreditNotes.creditable(TENANT, "inv-" + id, "INV-" + id);
    CreditNote draft = SampleCreditNotes.lineDraft(invoice, id, 1, "2");
    CreditNote note = version == 1 ? draft.withVersion(1)
        : SampleCreditNotes.issued(draft, invoice, "CN-" + id).withVersion(version);
    return CreditEvent.of("note/" + id + "/" + version, version == 1
        ? CreditEventType.CREDIT_NOTE_CREATED : CreditEventType.CREDIT_NOTE_ISSUED, note,
        OCCURRED.plusMillis(version));
  }

  /** The event of the ledger entry with sequence {@code sequence} of account {@code account}. */
  private static CreditEvent ledgerEvent(String account, long sequence) {
    AccountCreditEntry entry = SampleCreditNotes.entry(TENANT, account + "-" + sequence, account,
            AccountCreditEntry.Kind.OVERPAYMENT, "EUR 10.00")
        .withInvoice(InvoiceId.of("inv-1"))
        .stored(sequence, Money.parse("EUR 10.00").multipliedBy(sequence));
    return CreditEvent.of("ledger/" + account + "/" + sequence,
        CreditEventType.ACCOUNT_CREDITED, entry, OCCURRED.plusMillis(sequence));
  }

  @Test
  void committedCreditEventsAreObservedOnceAndIntactAndRolledBackOnesNever() {
    CreditEvent drafted = noteEvent("cn-1", 1);
    CreditEvent issued = noteEvent("cn-1", 2);
    CreditEvent credited = ledgerEvent("acme", 1);
    assertThatThrownBy(() -> transactions.inTransaction(() -> {
      events.publish(noteEvent("cn-2", 1));
      events.publish(ledgerEvent("acme", 2));
      throw new IllegalStateException("the command failed after publishing");
    })).isInstanceOf(IllegalStateException.class);

    transactions.inTransaction(() -> {
      events.publish(drafted);
      return null;
    });
    transactions.inTransaction(() -> {
      events.publish(issued);
      events.publish(credited);
      return null;
    });

    assertThat(observedCreditEvents()).containsExactlyInAnyOrder(drafted, issued, credited);
    assertThat(observedCreditEvents()).as("looking again").hasSize(3);
    assertThat(observed()).as("invoice events").isEmpty();
  }

  @Test
  void anInvoiceACreditNoteAndAnAccountOfOneIdEachHaveTheirOwnEventOfAVersion() {
    // One id, one version, three subjects: each event is its own.
    InvoiceEvent invoice = event("same", 2);
    CreditEvent note = noteEvent("same", 2);
    CreditEvent ledger = ledgerEvent("same", 2);

    transactions.inTransaction(() -> {
      events.publish(invoice);
      events.publish(note);
      events.publish(ledger);
      return null;
    });

    assertThat(ids(observed())).containsExactly(invoice.eventId());
    assertThat(observedCreditEvents()).containsExactlyInAnyOrder(note, ledger);
  }

  // ---- concurrency -----------------------------------------------------------------------------

  @Test
  void concurrentPublishersInTheirOwnTransactionsLoseNothingAndLeakNoRollback()
      throws Exception {
    Assumptions.assumeTrue(supportsConcurrency(), "the port is not used concurrently");
    int threads = 4;
    int perThread = 5;

    AtomicInteger publishers = new AtomicInteger();
    List<List<InvoiceEvent>> committedPerThread = Concurrently.run(threads, () -> {
      String invoice = "inv-" + publishers.incrementAndGet();
      List<InvoiceEvent> mine = new ArrayList<>();
      for (int version = 1; version <= perThread; version++) {
        InvoiceEvent event = event(invoice, version);
        if (version % 2 == 0) {
          rollBack(event);
        }
        Concurrently.retrying(() -> {
          commit(event);
          return null;
        });
        mine.add(event);
      }
      return mine;
    });

    List<String> committed = committedPerThread.stream().flatMap(List::stream)
        .map(InvoiceEvent::eventId).toList();
    assertThat(committed).hasSize(threads * perThread);
    assertThat(ids(observed())).containsExactlyInAnyOrderElementsOf(committed);
  }
}
