package dev.invoicekit.service;

import static dev.invoicekit.fixtures.ServiceFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.events.InvoiceEventType;
import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.inmemory.InMemoryPorts;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.ports.InvoicePersistenceException.Kind;
import dev.invoicekit.ports.Transactions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.joda.money.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A commit whose outcome is unknown (the connection was lost during COMMIT) is retried by the
 * service only when the command carries an idempotency key, whose replay makes the second attempt
 * safe; without a key the failure reaches the caller. The storage is in memory; the transactions
 * in front of it lose the answer to a commit on request, after or instead of committing.
 */
class OutcomeUnknownRetryTest {

  private static final Money FORTY = Money.parse("EUR 40.00");

  private final InMemoryPorts ports = InMemoryPorts.create();
  private final LosingTransactions transactions = new LosingTransactions(ports.transactions());
  private final SteppingClock clock =
      new SteppingClock(Instant.parse("2026-11-02T09:00:00Z"), ZoneId.of("UTC"));
  private InvoiceService service;
  private InvoiceId invoice;

  @BeforeEach
  void aSentInvoice() {
    service = serviceWithAttempts(5);
    Invoice draft = service.createDraft(service.newDraft(TENANT)
        .account(AccountId.of("acme"))
        .currency("EUR")
        .paymentTerms(PaymentTerms.net(30))
        .addLine(ServiceFixture.line("Consulting", 1, "100.00"))
        .build());
    invoice = service.send(TENANT, draft.id()).id();
    transactions.attempts = 0;
  }

  @Test
  void aKeyedPaymentWhoseCommitWasStoredButReportedLostIsAppliedExactlyOnce() {
    transactions.next(Failure.COMMIT_THEN_LOSE);

    Invoice paid = service.recordPayment(TENANT, invoice, PaymentRequest.of(FORTY),
        IdempotencyKey.of("bank-tx-1"));

    assertThat(transactions.attempts).as("the lost commit and the replay").isEqualTo(2);
    assertThat(paid.payments()).hasSize(1);
    assertThat(stored().payments()).hasSize(1);
    assertThat(stored().totals().amountPaid()).isEqualTo(FORTY);
    assertThat(paymentEvents()).hasSize(1);
    assertThat(versionsOfEvents()).containsExactly(1L, 2L, 3L);
  }

  @Test
  void aKeyedPaymentWhoseLostCommitStoredNothingIsAppliedOnTheRetry() {
    transactions.next(Failure.LOSE_WITHOUT_COMMIT);

    Invoice paid = service.recordPayment(TENANT, invoice, PaymentRequest.of(FORTY),
        IdempotencyKey.of("bank-tx-1"));

    assertThat(transactions.attempts).isEqualTo(2);
    assertThat(paid.payments()).hasSize(1);
    assertThat(stored().payments()).hasSize(1);
    assertThat(paymentEvents()).hasSize(1);
    assertThat(versionsOfEvents()).containsExactly(1L, 2L, 3L);
  }

  @Test
  void anUnkeyedPaymentWhoseCommitWasReportedLostIsNotRetriedAndTheFailureReachesTheCaller() {
    transactions.next(Failure.COMMIT_THEN_LOSE);

    InvoicePersistenceException failure = catchThrowableOfType(InvoicePersistenceException.class,
        () -> service.recordPayment(TENANT, invoice, PaymentRequest.of(FORTY)));

    assertThat(failure).isSameAs(transactions.thrown.get(0));
    assertThat(failure.kind()).isEqualTo(Kind.OUTCOME_UNKNOWN);
    assertThat(transactions.attempts).as("no second attempt").isEqualTo(1);
    // It did commit: the caller has to reload to find out, which is why nothing guessed again.
    assertThat(stored().payments()).hasSize(1);
    assertThat(paymentEvents()).hasSize(1);
  }

  @Test
  void aKeyedPaymentThatRunsOutOfAttemptsAfterALostCommitReportsTheUnknownOutcome() {
    service = serviceWithAttempts(2);
    transactions.next(Failure.LOSE_WITHOUT_COMMIT);
    transactions.next(Failure.TRANSIENT);

    InvoicePersistenceException failure = catchThrowableOfType(InvoicePersistenceException.class,
        () -> service.recordPayment(TENANT, invoice, PaymentRequest.of(FORTY),
            IdempotencyKey.of("bank-tx-1")));

    assertThat(failure.kind()).isEqualTo(Kind.OUTCOME_UNKNOWN);
    assertThat(failure).isSameAs(transactions.thrown.get(0));
    assertThat(failure.getSuppressed()).containsExactly(transactions.thrown.get(1));
    assertThat(stored().payments()).isEmpty();

    Invoice paid = service.recordPayment(TENANT, invoice, PaymentRequest.of(FORTY),
        IdempotencyKey.of("bank-tx-1"));
    assertThat(paid.payments()).hasSize(1);
    assertThat(paymentEvents()).hasSize(1);
  }

  @Test
  void anUnkeyedPaymentIsStillRetriedAfterATransientFailure() {
    transactions.next(Failure.TRANSIENT);

    Invoice paid = service.recordPayment(TENANT, invoice, PaymentRequest.of(FORTY));

    assertThat(transactions.attempts).isEqualTo(2);
    assertThat(paid.payments()).hasSize(1);
    assertThat(paymentEvents()).hasSize(1);
  }

  @Test
  void theOverdueSweepIsNotRetriedAfterALostCommit() {
    clock.advance(Duration.ofDays(40));
    transactions.next(Failure.COMMIT_THEN_LOSE);

    InvoicePersistenceException failure = catchThrowableOfType(InvoicePersistenceException.class,
        () -> service.sweepOverdue(TENANT));

    assertThat(failure.kind()).isEqualTo(Kind.OUTCOME_UNKNOWN);
    assertThat(transactions.attempts).isEqualTo(1);
    assertThat(service.sweepOverdue(TENANT)).as("it did commit").isEmpty();
  }

  private InvoiceService serviceWithAttempts(int attempts) {
    return InvoiceService.builder()
        .inMemory(ports)
        .transactions(transactions)
        .clock(clock, ServiceFixture.ZONE)
        .ids(new SequentialIdSource("id-" + attempts + "-"))
        .maxAttempts(attempts)
        .build();
  }

  private Invoice stored() {
    return ports.invoices().findById(TENANT, invoice).orElseThrow();
  }

  private List<InvoiceEvent> paymentEvents() {
    return ports.events().events().stream()
        .filter(e -> e.type() == InvoiceEventType.PAYMENT_RECORDED)
        .toList();
  }

  private List<Long> versionsOfEvents() {
    return ports.events().events().stream().map(InvoiceEvent::version).toList();
  }

  /** What the transactions do to one of the next top-level transactions. */
  private enum Failure {
    /** Commit, then report the connection as lost during COMMIT. */
    COMMIT_THEN_LOSE,
    /** Roll back, and report the connection as lost during COMMIT. */
    LOSE_WITHOUT_COMMIT,
    /** Roll back, and report a transient failure (a deadlock, say). */
    TRANSIENT
  }

  /**
   * In-memory transactions that fail the next transactions as planned, then work normally; a
   * nested call joins the open transaction. Meant for one thread.
   */
  private static final class LosingTransactions implements Transactions {

    private final Transactions storage;
    private final Deque<Failure> plan = new ArrayDeque<>();
    private final List<InvoicePersistenceException> thrown = new ArrayList<>();
    private int depth;
    private int attempts;

    LosingTransactions(Transactions storage) {
      this.storage = storage;
    }

    void next(Failure failure) {
      plan.addLast(failure);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
      if (depth > 0) {
        return work.get();
      }
      attempts++;
      Failure failure = plan.pollFirst();
      depth++;
      try {
        T result = storage.inTransaction(() -> {
          T value = work.get();
          if (failure == Failure.LOSE_WITHOUT_COMMIT || failure == Failure.TRANSIENT) {
            throw fail(failure);
          }
          return value;
        });
        if (failure == Failure.COMMIT_THEN_LOSE) {
          throw fail(failure);
        }
        return result;
      } finally {
        depth--;
      }
    }

    private InvoicePersistenceException fail(Failure failure) {
      InvoicePersistenceException e = failure == Failure.TRANSIENT
          ? new InvoicePersistenceException("Could not commit: a deadlock", Kind.TRANSIENT)
          : new InvoicePersistenceException("The connection was lost while committing",
              Kind.OUTCOME_UNKNOWN);
      thrown.add(e);
      return e;
    }
  }
}
