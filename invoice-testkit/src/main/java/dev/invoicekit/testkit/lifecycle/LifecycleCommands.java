package dev.invoicekit.testkit.lifecycle;

import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Cancel;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Create;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Edit;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Pay;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.PassDays;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Refund;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Send;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Sweep;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.VoidInvoice;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random {@link LifecycleCommand} sequences, two ways with the same mix of commands: as a jqwik
 * {@link Arbitrary} (for properties, which shrink a failing sequence to a short one) and from a
 * plain seed (for long runs, where sequence {@code i} is replayed from its seed alone).
 *
 * <p>The mix, out of 19: create 3, edit 2, send 3, pay 4, refund 2, cancel 1, void 1, days pass 2,
 * sweep 1. Targets pick among up to 8 invoices; sequences hold 1 to 30 commands.
 */
public final class LifecycleCommands {

  /** The most commands in one sequence. */
  public static final int MAX_LENGTH = 30;

  private static final List<BigDecimal> FRACTIONS = List.of("0.01", "0.25", "0.5", "0.999", "1",
      "1.001", "2").stream().map(BigDecimal::new).toList();

  private LifecycleCommands() {}

  /**
   * One random command.
   *
   * @return the arbitrary, not null
   */
  public static Arbitrary<LifecycleCommand> commands() {
    Arbitrary<Integer> target = Arbitraries.integers().between(0, 7);
    Arbitrary<BigDecimal> fraction = Arbitraries.of(FRACTIONS);
    return Arbitraries.frequencyOf(
        Tuple.of(3, Combinators.combine(Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 45)).as(Create::new)),
        Tuple.of(2, Combinators.combine(target, Arbitraries.integers().between(0, 1))
            .as(Edit::new)),
        Tuple.of(3, target.map(Send::new)),
        Tuple.of(4, Combinators.combine(target, fraction, Arbitraries.integers().between(0, 4))
            .as(Pay::new)),
        Tuple.of(2, Combinators.combine(target, fraction).as(Refund::new)),
        Tuple.of(1, target.map(Cancel::new)),
        Tuple.of(1, target.map(VoidInvoice::new)),
        Tuple.of(2, Arbitraries.integers().between(1, 40).map(PassDays::new)),
        Tuple.of(1, Arbitraries.just(new Sweep())));
  }

  /**
   * Sequences of 1 to {@value #MAX_LENGTH} random commands.
   *
   * @return the arbitrary, not null
   */
  public static Arbitrary<List<LifecycleCommand>> sequences() {
    return commands().list().ofMinSize(1).ofMaxSize(MAX_LENGTH);
  }

  /**
   * The sequence of a seed: the same seed gives the same commands on every JVM.
   *
   * @param seed the seed
   * @return 1 to {@value #MAX_LENGTH} commands, not null
   */
  public static List<LifecycleCommand> fromSeed(long seed) {
    Random random = new Random(seed);
    int length = 1 + random.nextInt(MAX_LENGTH);
    List<LifecycleCommand> commands = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      commands.add(next(random));
    }
    return List.copyOf(commands);
  }

  private static LifecycleCommand next(Random random) {
    int target = random.nextInt(8);
    int roll = random.nextInt(19);
    if (roll < 3) {
      return new Create(random.nextInt(4), random.nextInt(46));
    } else if (roll < 5) {
      return new Edit(target, random.nextInt(2));
    } else if (roll < 8) {
      return new Send(target);
    } else if (roll < 12) {
      return new Pay(target, FRACTIONS.get(random.nextInt(FRACTIONS.size())), random.nextInt(5));
    } else if (roll < 14) {
      return new Refund(target, FRACTIONS.get(random.nextInt(FRACTIONS.size())));
    } else if (roll < 15) {
      return new Cancel(target);
    } else if (roll < 16) {
      return new VoidInvoice(target);
    } else if (roll < 18) {
      return new PassDays(1 + random.nextInt(40));
    }
    return new Sweep();
  }
}
