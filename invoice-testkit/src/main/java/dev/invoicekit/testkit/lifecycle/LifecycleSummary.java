package dev.invoicekit.testkit.lifecycle;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a run of many sequences did, all invariants holding.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sequences the sequences run
 * @param commands the commands run, in all sequences
 * @param refused the commands the service refused (legally: nothing changed)
 * @param replays the commands answered from an earlier result of the same idempotency key
 * @param accepted how many commands of each kind the service accepted, in all sequences, by the
 *     command's simple name in alphabetical order, not null
 */
public record LifecycleSummary(int sequences, long commands, long refused, long replays,
    Map<String, Long> accepted) {

  /** Checks the parts and keeps a sorted copy of the counts. */
  public LifecycleSummary {
    accepted = Collections.unmodifiableMap(
        new TreeMap<>(Objects.requireNonNull(accepted, "accepted")));
  }

  /**
   * The summary of one sequence.
   *
   * @param result the sequence's result, not null
   * @return the summary, not null
   */
  static LifecycleSummary of(SequenceResult result) {
    Map<String, Long> accepted = new TreeMap<>();
    result.accepted().forEach((kind, count) -> accepted.put(kind, (long) count));
    return new LifecycleSummary(1, result.commands(), result.refused(), result.replays(),
        accepted);
  }

  /**
   * This and another summary together.
   *
   * @param other the other summary, not null
   * @return the sum, not null
   */
  public LifecycleSummary plus(LifecycleSummary other) {
    Map<String, Long> accepted = new TreeMap<>(this.accepted);
    other.accepted.forEach((kind, count) -> accepted.merge(kind, count, Long::sum));
    return new LifecycleSummary(sequences + other.sequences, commands + other.commands,
        refused + other.refused, replays + other.replays, accepted);
  }

  /**
   * How many commands of one kind the service accepted.
   *
   * @param kind the command's record class, not null
   * @return the count, 0 if none
   */
  public long accepted(Class<? extends LifecycleCommand> kind) {
    return accepted.getOrDefault(kind.getSimpleName(), 0L);
  }
}
