package dev.invoicekit.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.inmemory.InMemoryPorts;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.ApplyAccountCredit;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.CancelCreditNote;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.DraftCreditNote;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.IssueCreditNote;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Overpay;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.RefundAccountCredit;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.WriteOff;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of every command, legal and illegal, against the service on in-memory ports,
 * with the lifecycle's invariants ({@link LifecycleChecker}) checked after every step. jqwik
 * shrinks a failing sequence to a short one; the failure lists the commands up to the broken step.
 *
 * <p>The seeded run takes 1,000 sequences, or 10,000 with {@code -Dinvoicekit.reliability=long};
 * {@code -Dinvoicekit.reliability.sequences=N} sets the number in either mode. It prints its
 * figures on a line starting with {@code [reliability:ci]} or {@code [reliability:long]}, as the
 * adapter's reliability suites do.
 */
class LifecycleStateMachineProperties {

  @Provide
  Arbitrary<List<LifecycleCommand>> sequences() {
    return LifecycleCommands.sequences();
  }

  @Property(tries = 1000)
  void everyStepKeepsTheLifecycleInvariants(
      @ForAll("sequences") List<LifecycleCommand> commands) {
    LifecycleChecker.on(LifecycleTarget.inMemory(InMemoryPorts.create()))
        .run(TenantId.of("tenant-a"), commands);
  }

  @Example
  void seededSequencesExerciseReplaysAndEveryCorrection() {
    boolean longMode = "long".equalsIgnoreCase(System.getProperty("invoicekit.reliability"));
    int sequences = Integer.getInteger("invoicekit.reliability.sequences",
        longMode ? 10_000 : 1000);
    long started = System.nanoTime();

    LifecycleSummary summary = LifecycleChecker.on(LifecycleTarget.inMemory(InMemoryPorts.create()))
        .runSeeded("seq-", 1, sequences, 1);

    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("[reliability:%s] random command sequences on in-memory ports: %d"
            + " sequences, %d commands (%d refused, %d idempotent replays), 0 invariant"
            + " violations; accepted %s; %.1f s%n", longMode ? "long" : "ci",
        summary.sequences(), summary.commands(), summary.refused(), summary.replays(),
        summary.accepted(), seconds);
    assertThat(summary.sequences()).isEqualTo(sequences);
    // Without retries of the same payment the replay rule would go unexercised; without accepted
    // corrections, their invariants.
    assertThat(summary.replays()).isGreaterThanOrEqualTo(5);
    for (Class<? extends LifecycleCommand> kind : List.of(DraftCreditNote.class,
        IssueCreditNote.class, CancelCreditNote.class, WriteOff.class, Overpay.class,
        ApplyAccountCredit.class, RefundAccountCredit.class)) {
      assertThat(summary.accepted(kind)).as("accepted %s", kind.getSimpleName())
          .isGreaterThanOrEqualTo(sequences / 200);
    }
  }
}
