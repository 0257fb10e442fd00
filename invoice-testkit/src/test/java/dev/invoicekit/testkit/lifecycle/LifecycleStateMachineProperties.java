package dev.invoicekit.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.inmemory.InMemoryPorts;
import dev.invoicekit.invoice.TenantId;
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
  void seededSequencesRetryKeyedPaymentsSoReplaysAreChecked() {
    LifecycleSummary summary = LifecycleChecker.on(LifecycleTarget.inMemory(InMemoryPorts.create()))
        .runSeeded("seq-", 1, 300, 1);

    assertThat(summary.sequences()).isEqualTo(300);
    // Without retries of the same payment the replay rule would go unexercised.
    assertThat(summary.replays()).isGreaterThanOrEqualTo(5);
  }
}
