package dev.invoicekit.jdbc.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.credit.CreditEvent;
import dev.invoicekit.credit.CreditNoteId;
import dev.invoicekit.credit.CreditNoteRequest;
import dev.invoicekit.credit.ExcessCredit;
import dev.invoicekit.events.InvoiceEvent;
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
import dev.invoicekit.jdbc.OutboxRelay;
import dev.invoicekit.jdbc.testing.JdbcDatabase;
import dev.invoicekit.ports.InvoiceEvents;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.ports.InvoicePersistenceException.Kind;
import dev.invoicekit.service.IdempotencyKey;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.service.PaymentRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.joda.money.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Crash at every statement: each write use case of the service on the JDBC kit (the credit-note,
 * write-off and account-credit commands included) is run once to
 * count its statement executions, then once per statement k with the k-th execution failing, and
 * once with the commit failing, as if the connection broke there. Each failure is transient, or of
 * unknown outcome at the commit. After each failure the committed rows show one consistent version
 * of every invoice (header, lines, payments, settlements), credit notes and ledgers exactly as
 * before, no orphan rows, no version without its outbox event and no event without its version;
 * and the same command on a healthy connection succeeds.
 *
 * <p>CI runs every k on invoices of one line; the long mode repeats it on invoices of 1, 3 and 12
 * lines.
 */
class CrashAtEveryStatementReliabilityTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private final SteppingClock clock =
      new SteppingClock(Instant.parse("2026-11-02T09:00:00Z"), ZoneId.of("UTC"));
  private final Set<String> delivered = ConcurrentHashMap.newKeySet();
  private int redelivered;

  /** A write use case: what it needs stored first, and the command itself. */
  enum UseCase {
    SEND, RECORD_PAYMENT, REFUND, VOID, CANCEL, SWEEP_OVERDUE, RELAY,
    DRAFT_CREDIT_NOTE, ISSUE_CREDIT_NOTE, CANCEL_CREDIT_NOTE, WRITE_OFF, PAYMENT_AFTER_WRITE_OFF,
    OVERPAYMENT_TO_ACCOUNT_CREDIT, APPLY_ACCOUNT_CREDIT, REFUND_ACCOUNT_CREDIT
  }

  /** The command under test, run on the faulty or on the healthy side. */
  private interface Command {
    void run(InvoiceService service, OutboxRelay relay);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(JdbcDatabase.class)
  void everyFailedStatementOrCommitLeavesOneConsistentVersionAndTheRetrySucceeds(
      JdbcDatabase database) {
    DataSource dataSource = database.create();
    FaultInjectingDataSource faults = new FaultInjectingDataSource(dataSource);
    JdbcInvoiceKit healthyKit = JdbcInvoiceKit.of(dataSource, database.dialect());
    JdbcInvoiceKit faultyKit = JdbcInvoiceKit.of(faults.dataSource(), database.dialect());
    InvoiceService healthy = service(healthyKit, "h-", 5);
    // One attempt: the service would otherwise retry the broken connection and succeed.
    InvoiceService faulty = service(faultyKit, "f-", 1);
    InvoiceEvents target = new InvoiceEvents() {
      @Override
      public void publish(InvoiceEvent event) {
        deliver(event.eventId());
      }

      @Override
      public void publish(CreditEvent event) {
        deliver(event.eventId());
      }
    };
    OutboxRelay healthyRelay = healthyKit.relay(target, clock);
    OutboxRelay faultyRelay = faultyKit.relay(target, clock);
    Audit audit = new Audit(dataSource);
    List<Integer> lineCounts = ReliabilityMode.isLong() ? List.of(1, 3, 12) : List.of(1);

    int tenants = 0;
    int totalInjected = 0;
    int totalRetries = 0;
    for (UseCase useCase : UseCase.values()) {
      int statements = 0;
      int injected = 0;
      for (int lines : lineCounts) {
        // Count the statements of a healthy run first.
        TenantId probe = TenantId.of("probe-" + (++tenants));
        Command command = arrange(useCase, healthy, healthyRelay, probe, lines);
        faults.heal();
        command.run(faulty, faultyRelay);
        int executions = faults.executions();
        assertThat(executions).as("statements of %s", useCase).isPositive();
        assertThat(audit.violations(probe)).isEmpty();
        statements = Math.max(statements, executions);

        for (int k = 0; k <= executions; k++) {
          // k = 0 stands for the commit.
          TenantId tenant = TenantId.of("t-" + (++tenants));
          Command next = arrange(useCase, healthy, healthyRelay, tenant, lines);
          Map<InvoiceId, Invoice> before = audit.snapshot(tenant);
          List<String> creditBefore = audit.creditRows(tenant);
          long deliveredBefore = audit.outboxRows("DELIVERED");
          if (k == 0) {
            faults.failNextCommit();
          } else {
            faults.failAtExecution(k);
          }
          String what = useCase + " with " + lines + " lines, failing "
              + (k == 0 ? "the commit" : "statement " + k + " of " + executions);
          Kind expectedKind = k == 0 ? Kind.OUTCOME_UNKNOWN : Kind.TRANSIENT;
          assertThatThrownBy(() -> next.run(faulty, faultyRelay)).as(what)
              .isInstanceOfSatisfying(InvoicePersistenceException.class, e -> assertThat(e.kind())
                  .as("kind after %s", what).isEqualTo(expectedKind));
          faults.heal();
          injected++;

          assertThat(audit.snapshot(tenant)).as("stored after %s", what).isEqualTo(before);
          assertThat(audit.creditRows(tenant)).as("credit notes and ledger after %s", what)
              .isEqualTo(creditBefore);
          assertThat(audit.outboxRows("DELIVERED")).as("delivered after %s", what)
              .isEqualTo(deliveredBefore);
          assertThat(audit.violations(tenant)).as("after %s", what).isEmpty();

          next.run(healthy, healthyRelay);
          totalRetries++;
          assertThat(audit.violations(tenant)).as("after retrying %s", what).isEmpty();
          if (useCase == UseCase.RELAY) {
            assertThat(audit.outboxRows("PENDING")).as("pending after retrying %s", what)
                .isZero();
          } else {
            assertThat(List.of(audit.snapshot(tenant), audit.creditRows(tenant)))
                .as("retried %s changed what it changes", what)
                .isNotEqualTo(List.of(before, creditBefore));
          }
        }
      }
      totalInjected += injected;
      ReliabilityMode.report("crash at every statement", database,
          useCase + ": " + statements + " statements, " + injected
              + " injected failures (every statement and the commit), 0 partial invoices,"
              + " 0 orphans, 0 versions without event, 0 events without version, "
              + injected + " retries succeeded");
    }
    ReliabilityMode.report("crash at every statement", database,
        "total: " + totalInjected + " injected failures over " + UseCase.values().length
            + " use cases, " + totalRetries + " successful retries, " + redelivered
            + " events delivered again after a failed relay (same event id), 0 violations");
  }

  private InvoiceService service(JdbcInvoiceKit kit, String idPrefix, int attempts) {
    return kit.configure(InvoiceService.builder())
        .clock(clock, BERLIN)
        .ids(new SequentialIdSource(idPrefix))
        .maxAttempts(attempts)
        .build();
  }

  private void deliver(String eventId) {
    if (!delivered.add(eventId)) {
      redelivered++;
    }
  }

  /** Stores what the use case needs in the tenant, and returns its command. */
  private Command arrange(UseCase useCase, InvoiceService service, OutboxRelay relay,
      TenantId tenant, int lines) {
    switch (useCase) {
      case SEND -> {
        InvoiceId id = draft(service, tenant, lines, 30, 0).id();
        return (s, r) -> s.send(tenant, id);
      }
      case RECORD_PAYMENT -> {
        InvoiceId id = sent(service, tenant, lines);
        return (s, r) -> s.recordPayment(tenant, id, PaymentRequest.of(Money.parse("EUR 40.00")),
            IdempotencyKey.of("payment-of-" + tenant.value()));
      }
      case REFUND -> {
        InvoiceId id = sent(service, tenant, lines);
        service.recordPayment(tenant, id, PaymentRequest.of(Money.parse("EUR 50.00")));
        return (s, r) -> s.refund(tenant, id, PaymentRequest.of(Money.parse("EUR 20.00")));
      }
      case VOID -> {
        InvoiceId id = sent(service, tenant, lines);
        return (s, r) -> s.voidInvoice(tenant, id);
      }
      case CANCEL -> {
        InvoiceId id = draft(service, tenant, lines, 30, 0).id();
        return (s, r) -> s.cancel(tenant, id);
      }
      case SWEEP_OVERDUE -> {
        // Two invoices dated 40 days ago on 30 days' terms: both became overdue.
        for (int i = 0; i < 2; i++) {
          service.send(tenant, draft(service, tenant, lines, 30, 40).id());
        }
        return (s, r) -> assertThat(s.sweepOverdue(tenant)).hasSize(2);
      }
      case RELAY -> {
        relay.relayUntilEmpty(1_000);
        sent(service, tenant, lines);
        return (s, r) -> r.relayUntilEmpty(1_000);
      }
      case DRAFT_CREDIT_NOTE -> {
        InvoiceId id = sent(service, tenant, lines);
        return (s, r) -> s.draftCreditNote(tenant, id,
            CreditNoteRequest.lineQuantity("Returned", 1, BigDecimal.ONE),
            IdempotencyKey.of("draft-credit-of-" + tenant.value()));
      }
      case ISSUE_CREDIT_NOTE -> {
        // Paid in full first: the whole credit is excess, kept as the account's credit, so the
        // command writes the note, the invoice and the ledger, with three events.
        InvoiceId id = sent(service, tenant, lines);
        Invoice invoice = service.find(tenant, id).orElseThrow();
        service.recordPayment(tenant, id, PaymentRequest.of(invoice.totals().amountDue()));
        CreditNoteId note = service.draftCreditNote(tenant, id,
            CreditNoteRequest.wholeInvoice("Cancelled order"), IdempotencyKey.NONE).id();
        return (s, r) -> s.issueCreditNote(tenant, note, ExcessCredit.toAccountCredit(),
            IdempotencyKey.of("issue-credit-of-" + tenant.value()));
      }
      case CANCEL_CREDIT_NOTE -> {
        InvoiceId id = sent(service, tenant, lines);
        CreditNoteId note = service.draftCreditNote(tenant, id,
            CreditNoteRequest.lineQuantity("Returned", 1, BigDecimal.ONE), IdempotencyKey.NONE)
            .id();
        return (s, r) -> s.cancelCreditNote(tenant, note, IdempotencyKey.NONE);
      }
      case WRITE_OFF -> {
        InvoiceId id = sent(service, tenant, lines);
        return (s, r) -> s.writeOff(tenant, id, "Insolvent", IdempotencyKey.NONE);
      }
      case PAYMENT_AFTER_WRITE_OFF -> {
        InvoiceId id = sent(service, tenant, lines);
        service.writeOff(tenant, id, "Insolvent", IdempotencyKey.NONE);
        return (s, r) -> s.recordPayment(tenant, id, PaymentRequest.of(Money.parse("EUR 40.00")),
            IdempotencyKey.of("late-payment-of-" + tenant.value()));
      }
      case OVERPAYMENT_TO_ACCOUNT_CREDIT -> {
        InvoiceId id = sent(service, tenant, lines);
        Money due = service.find(tenant, id).orElseThrow().totals().amountDue();
        return (s, r) -> s.recordPayment(tenant, id, new PaymentRequest.Builder()
            .amount(due.plus(Money.parse("EUR 25.00"))).excessToAccountCredit(true).build(),
            IdempotencyKey.of("overpayment-of-" + tenant.value()));
      }
      case APPLY_ACCOUNT_CREDIT -> {
        InvoiceId first = sent(service, tenant, lines);
        Money due = service.find(tenant, first).orElseThrow().totals().amountDue();
        service.recordPayment(tenant, first, new PaymentRequest.Builder()
            .amount(due.plus(Money.parse("EUR 25.00"))).excessToAccountCredit(true).build());
        InvoiceId next = sent(service, tenant, lines);
        return (s, r) -> s.applyAccountCredit(tenant, AccountId.of("acme"), next,
            Money.parse("EUR 25.00"), IdempotencyKey.of("apply-credit-of-" + tenant.value()));
      }
      case REFUND_ACCOUNT_CREDIT -> {
        InvoiceId id = sent(service, tenant, lines);
        Money due = service.find(tenant, id).orElseThrow().totals().amountDue();
        service.recordPayment(tenant, id, new PaymentRequest.Builder()
            .amount(due.plus(Money.parse("EUR 25.00"))).excessToAccountCredit(true).build());
        return (s, r) -> s.refundAccountCredit(tenant, AccountId.of("acme"),
            Money.parse("EUR 10.00"), "Paid back", IdempotencyKey.NONE);
      }
      default -> throw new IllegalArgumentException("No arrangement for " + useCase);
    }
  }

  private InvoiceId sent(InvoiceService service, TenantId tenant, int lines) {
    InvoiceId id = draft(service, tenant, lines, 30, 0).id();
    Invoice sent = service.send(tenant, id);
    assertThat(sent.status()).isEqualTo(InvoiceStatus.SENT);
    return id;
  }

  private Invoice draft(InvoiceService service, TenantId tenant, int lines, int netDays,
      int daysAgo) {
    Invoice.Builder draft = service.newDraft(tenant)
        .account(AccountId.of("acme"))
        .currency("EUR")
        .invoiceDate(clock.instant().atZone(BERLIN).toLocalDate().minusDays(daysAgo))
        .paymentTerms(PaymentTerms.net(netDays));
    List<String> prices = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      prices.add((100 + i) + ".00");
      draft.addLine(ServiceFixture.line("Line " + i, 1, prices.get(i)));
    }
    return service.createDraft(draft.build());
  }
}
