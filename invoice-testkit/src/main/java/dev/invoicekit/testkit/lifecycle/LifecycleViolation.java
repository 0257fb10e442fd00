package dev.invoicekit.testkit.lifecycle;

import dev.invoicekit.invoice.TenantId;
import java.util.List;
import java.util.OptionalLong;

/**
 * A step after which an invariant did not hold. It names the tenant, the seed (for seeded runs),
 * the step and its command, every violation found after that step, and the commands up to it, so
 * the failure can be replayed with {@link LifecycleChecker#run(TenantId, List)}.
 *
 * <p>An {@link AssertionError}, so test frameworks (and jqwik's shrinking) treat it as a failure.
 */
public final class LifecycleViolation extends AssertionError {

  private static final long serialVersionUID = 1L;

  private final transient TenantId tenant;
  private final transient OptionalLong seed;
  private final int step;
  private final transient LifecycleCommand command;
  private final transient List<LifecycleCommand> commands;
  private final transient List<String> violations;

  LifecycleViolation(TenantId tenant, OptionalLong seed, int step, LifecycleCommand command,
      List<LifecycleCommand> commands, List<String> violations) {
    super("Lifecycle invariants broken in tenant " + tenant
        + (seed.isPresent() ? " (seed " + seed.getAsLong() + ")" : "")
        + " after step " + step + ", " + command + ":\n  - " + String.join("\n  - ", violations)
        + "\nCommands up to that step: " + commands);
    this.tenant = tenant;
    this.seed = seed;
    this.step = step;
    this.command = command;
    this.commands = List.copyOf(commands);
    this.violations = List.copyOf(violations);
  }

  /** The sequence's tenant. @return the tenant, not null */
  public TenantId tenant() {
    return tenant;
  }

  /** The seed the sequence came from, if it came from one. @return the seed, or empty */
  public OptionalLong seed() {
    return seed;
  }

  /** The step after which the invariants broke, from 1. @return the step */
  public int step() {
    return step;
  }

  /** The command of that step. @return the command, not null */
  public LifecycleCommand command() {
    return command;
  }

  /** The commands from the first up to that step. @return the commands, not null */
  public List<LifecycleCommand> commands() {
    return commands;
  }

  /** One sentence per broken invariant. @return the violations, not empty */
  public List<String> violations() {
    return violations;
  }
}
