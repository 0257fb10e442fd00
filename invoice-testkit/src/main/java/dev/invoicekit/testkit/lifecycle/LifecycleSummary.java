package dev.invoicekit.testkit.lifecycle;

/**
 * What a run of many sequences did, all invariants holding.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sequences the sequences run
 * @param commands the commands run, in all sequences
 * @param refused the commands the service refused (legally: nothing changed)
 * @param replays the commands answered from an earlier result of the same idempotency key
 */
public record LifecycleSummary(int sequences, long commands, long refused, long replays) {

  /**
   * The summary of one sequence.
   *
   * @param result the sequence's result, not null
   * @return the summary, not null
   */
  static LifecycleSummary of(SequenceResult result) {
    return new LifecycleSummary(1, result.commands(), result.refused(), result.replays());
  }

  /**
   * This and another summary together.
   *
   * @param other the other summary, not null
   * @return the sum, not null
   */
  public LifecycleSummary plus(LifecycleSummary other) {
    return new LifecycleSummary(sequences + other.sequences, commands + other.commands,
        refused + other.refused, replays + other.replays);
  }
}
