package dev.invoicekit.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.invoicekit.credit.CreditEvent;
import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.events.InvoiceEventType;
import dev.invoicekit.inmemory.InMemoryPorts;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.lifecycle.InvoiceLifecycle;
import dev.invoicekit.lifecycle.OverdueRule;
import dev.invoicekit.ports.AccountCredits;
import dev.invoicekit.ports.CreditNotes;
import dev.invoicekit.ports.IdempotencyKeys;
import dev.invoicekit.ports.IdempotencyRecord;
import dev.invoicekit.ports.InvoiceEvents;
import dev.invoicekit.ports.InvoiceNumbering;
import dev.invoicekit.ports.Invoices;
import dev.invoicekit.ports.MarkedOverdue;
import dev.invoicekit.service.InvoiceServiceBuilder;
import dev.invoicekit.testkit.ForwardingInvoices;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Create;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.PassDays;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Pay;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Refund;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Send;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Sweep;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The checker fails when the ports break a promise: each test plugs one deliberately broken
 * in-memory port into otherwise healthy ones, runs a short sequence that the healthy ports pass,
 * and expects the violation.
 */
class LifecycleCheckerCatchesBrokenPortsTest {

  private static final TenantId TENANT = TenantId.of("tenant-a");

  private final InMemoryPorts ports = InMemoryPorts.create();

  /** Two drafts sent: numbers 1 and 2 of one series. */
  private static final List<LifecycleCommand> TWO_SENDS = List.of(new Create(1, 30),
      new Create(2, 30), new Send(0), new Send(1));

  /** A payment, its refund, and the same payment again under the same key: a replay. */
  private static final List<LifecycleCommand> PAYMENT_REPLAYED = List.of(new Create(1, 30),
      new Send(0), new Pay(0, new BigDecimal("0.5"), 1), new Refund(0, BigDecimal.ONE),
      new Pay(0, new BigDecimal("0.5"), 1));

  /**
   * An invoice on 30 days' terms (no due date given outright), sent, and swept a day after it fell
   * due: the sweep must mark it OVERDUE.
   */
  private static final List<LifecycleCommand> SWEPT_A_DAY_LATE = List.of(new Create(1, 30),
      new Send(0), new PassDays(31), new Sweep());

  @Test
  void healthyPortsPassTheSequencesTheBrokenOnesFail() {
    LifecycleChecker checker = LifecycleChecker.on(LifecycleTarget.inMemory(ports));

    assertThat(checker.run(TenantId.of("sends"), TWO_SENDS).refused()).isZero();
    SequenceResult replayed = checker.run(TenantId.of("replay"), PAYMENT_REPLAYED);
    assertThat(replayed.refused()).isZero();
    assertThat(replayed.replays()).isEqualTo(1);
    assertThat(checker.run(TenantId.of("swept"), SWEPT_A_DAY_LATE).refused()).isZero();
  }

  @Test
  void numberingThatSkipsANumberIsAGap() {
    // Hands out 1, 3, 5, ...: unique, but not gapless.
    InvoiceNumbering skipping = series -> 2 * ports.numbering().next(series) - 1;

    LifecycleViolation violation = failure(builder -> builder.numbering(skipping), TWO_SENDS);

    assertThat(violation).as("the violation of a sweep a day behind").isNotNull();
    assertThat(violation.step()).isEqualTo(4);
    assertThat(violation.command()).isEqualTo(new Send(1));
    assertThat(violation.violations()).anySatisfy(v -> assertThat(v).contains("is not gapless"));
  }

  @Test
  void notificationsThatDropPaymentEventsLeaveAVersionWithoutItsEvent() {
    InvoiceEvents dropping = event -> {
      if (event.type() != InvoiceEventType.PAYMENT_RECORDED) {
        ports.events().publish(event);
      }
    };

    LifecycleViolation violation = failure(builder -> builder.events(dropping),
        PAYMENT_REPLAYED);

    assertThat(violation.step()).isEqualTo(3);
    assertThat(violation.violations())
        .anySatisfy(v -> assertThat(v).contains("at version 3 has the events of versions [1, 2]"));
  }

  @Test
  void idempotencyKeysThatForgetCountAReplayedPaymentTwice() {
    IdempotencyKeys forgetful = new IdempotencyKeys() {
      @Override
      public Optional<IdempotencyRecord> find(TenantId tenant, String key) {
        return Optional.empty();
      }

      @Override
      public void remember(IdempotencyRecord record) {
        // Forgets at once.
      }
    };

    LifecycleViolation violation = failure(builder -> builder.idempotencyKeys(forgetful),
        PAYMENT_REPLAYED);

    assertThat(violation.step()).isEqualTo(5);
    assertThat(violation.violations()).anySatisfy(v ->
        assertThat(v).contains("a key reused with the same payment changed the tenant again"));
    assertThat(violation).hasMessageContaining("tenant-a").hasMessageContaining("step 5");
  }

  @Test
  void aSweepThatLeavesAPastDueInvoiceUnmarkedBreaksOnlyNothingLeftUnmarked() {
    // Marks only what fell due before yesterday: the invoice due yesterday stays SENT.
    Invoices sweepingADayBehind = new ForwardingInvoices(ports.invoices()) {
      @Override
      public List<MarkedOverdue> markOverdue(TenantId tenant, OverdueRule rule, int limit) {
        return super.markOverdue(
            tenant, InvoiceLifecycle.overdueRule(rule.asOf().minusDays(1)), limit);
      }
    };

    LifecycleViolation violation = failure(builder -> builder.invoices(sweepingADayBehind),
        SWEPT_A_DAY_LATE);

    assertThat(violation).as("the violation of a sweep a day behind").isNotNull();
    assertThat(violation.step()).isEqualTo(4);
    assertThat(violation.command()).isEqualTo(new Sweep());
    assertThat(violation.violations()).singleElement().satisfies(v -> assertThat(v)
        .startsWith("nothing left unmarked after a sweep: ")
        .contains("left tenant-a-1 SENT, due 2026-12-02"));
  }

  @Test
  void anExtraCheckIsReportedWithTheStep() {
    LifecycleChecker checker = LifecycleChecker.on(LifecycleTarget.inMemory(ports))
        .withCheck((tenant, stored) -> stored.size() > 1
            ? List.of("storage holds " + stored.size() + " invoices") : List.of());

    LifecycleViolation violation = catchThrowableOfType(LifecycleViolation.class,
        () -> checker.run(TENANT, TWO_SENDS));

    assertThat(violation.step()).isEqualTo(2);
    assertThat(violation.violations()).containsExactly("storage holds 2 invoices");
  }

  @Test
  void aSeededRunReportsTheSeedOfTheFailingSequence() {
    InvoiceNumbering skipping = series -> 2 * ports.numbering().next(series) - 1;
    LifecycleChecker checker = LifecycleChecker.on(target(builder -> builder.numbering(skipping)));

    LifecycleViolation violation = catchThrowableOfType(LifecycleViolation.class,
        () -> checker.runSeeded("seq-", 7, 200, 2));

    assertThat(violation.seed()).isPresent();
    long seed = violation.seed().getAsLong();
    assertThat(violation.tenant()).isEqualTo(TenantId.of("seq-" + (seed - 7)));
    assertThat(violation.commands())
        .isEqualTo(LifecycleCommands.fromSeed(seed).subList(0, violation.step()));
  }

  private LifecycleViolation failure(UnaryOperator<InvoiceServiceBuilder> breakage,
      List<LifecycleCommand> commands) {
    LifecycleChecker checker = LifecycleChecker.on(target(breakage));
    return catchThrowableOfType(LifecycleViolation.class, () -> checker.run(TENANT, commands));
  }

  /** The in-memory target with one port replaced by a broken one. */
  private LifecycleTarget target(UnaryOperator<InvoiceServiceBuilder> breakage) {
    LifecycleTarget healthy = LifecycleTarget.inMemory(ports);
    return new LifecycleTarget() {
      @Override
      public InvoiceServiceBuilder configure(InvoiceServiceBuilder builder) {
        return breakage.apply(healthy.configure(builder));
      }

      @Override
      public Invoices invoices() {
        return healthy.invoices();
      }

      @Override
      public List<InvoiceEvent> events(TenantId tenant) {
        return healthy.events(tenant);
      }

      @Override
      public CreditNotes creditNotes() {
        return healthy.creditNotes();
      }

      @Override
      public AccountCredits accountCredits() {
        return healthy.accountCredits();
      }

      @Override
      public List<CreditEvent> creditEvents(TenantId tenant) {
        return healthy.creditEvents(tenant);
      }
    };
  }
}
