package dev.invoicekit.testkit.lifecycle;

import dev.invoicekit.credit.CreditNote;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.ApplyAccountCredit;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Cancel;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.CancelCreditNote;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Create;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.DraftCreditNote;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Edit;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.IssueCreditNote;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Overpay;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.PassDays;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Pay;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Refund;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.RefundAccountCredit;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Send;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Sweep;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.VoidInvoice;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.WriteOff;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Random {@link LifecycleCommand} sequences, two ways with the same mix of commands: as a jqwik
 * {@link Arbitrary} (for properties, which shrink a failing sequence to a short one) and from a
 * plain seed (for long runs, where sequence {@code i} is replayed from its seed alone). Both are
 * read from one table of command kinds, so they cannot drift apart.
 *
 * <p>The mix, out of 38: create 3, edit 2, send 5, pay 4, refund 2, cancel 1, void 1, days pass 2,
 * sweep 1; and the corrections: draft a credit note 4, issue one 3, cancel one 1, write off 1,
 * overpay keeping the excess as credit 3 (mostly above the balance), apply account credit 4 (one
 * in three from another account or in another currency), refund account credit 1.
 * Targets pick among up to 8 invoices, and credit notes among up to 8 drafted; sequences hold 1 to
 * 40 commands.
 */
public final class LifecycleCommands {

  /** The most commands in one sequence. */
  public static final int MAX_LENGTH = 40;

  private static final List<BigDecimal> FRACTIONS = List.of("0.01", "0.25", "0.5", "0.999", "1",
      "1.001", "2").stream().map(BigDecimal::new).toList();

  /** Overpayments: mostly above the balance, so that the account gets credit to apply. */
  private static final List<BigDecimal> OVERPAYMENTS = List.of("0.5", "1", "1.001", "1.5", "2")
      .stream().map(BigDecimal::new).toList();

  /** Which created invoice a command names. */
  private static final Range TARGET = new Range(0, 7);

  /** An index into {@link #FRACTIONS}. */
  private static final Range FRACTION = new Range(0, FRACTIONS.size() - 1);

  /** Which drafted credit note a command names: drawn like any argument, not as the target. */
  private static final Range NOTE = new Range(0, 7);

  private static final List<CreditNote.Kind> KINDS = List.of(CreditNote.Kind.values());

  /** The mix: each kind's share and its arguments, in the order the seeded draw reads them. */
  private static final List<Kind> MIX = List.of(
      new Kind(3, List.of(new Range(0, 3), new Range(0, 45)), a -> new Create(a[0], a[1])),
      new Kind(2, List.of(TARGET, new Range(0, 1)), a -> new Edit(a[0], a[1])),
      new Kind(5, List.of(TARGET), a -> new Send(a[0])),
      new Kind(4, List.of(TARGET, FRACTION, new Range(0, 4)),
          a -> new Pay(a[0], FRACTIONS.get(a[1]), a[2])),
      new Kind(2, List.of(TARGET, FRACTION), a -> new Refund(a[0], FRACTIONS.get(a[1]))),
      new Kind(1, List.of(TARGET), a -> new Cancel(a[0])),
      new Kind(1, List.of(TARGET), a -> new VoidInvoice(a[0])),
      new Kind(2, List.of(new Range(1, 40)), a -> new PassDays(a[0])),
      new Kind(1, List.of(), a -> new Sweep()),
      new Kind(4, List.of(TARGET, new Range(0, KINDS.size() - 1), new Range(0, 3), FRACTION),
          a -> new DraftCreditNote(a[0], KINDS.get(a[1]), a[2], FRACTIONS.get(a[3]))),
      new Kind(3, List.of(NOTE, new Range(0, 3), FRACTION),
          a -> new IssueCreditNote(a[0], a[1], FRACTIONS.get(a[2]))),
      new Kind(1, List.of(NOTE), a -> new CancelCreditNote(a[0])),
      new Kind(1, List.of(TARGET), a -> new WriteOff(a[0])),
      new Kind(3, List.of(TARGET, new Range(0, OVERPAYMENTS.size() - 1)),
          a -> new Overpay(a[0], OVERPAYMENTS.get(a[1]))),
      // Sources 0 to 3 take the account's own credit, 4 another account's, 5 another currency.
      new Kind(4, List.of(TARGET, FRACTION, new Range(0, 5)),
          a -> new ApplyAccountCredit(a[0], FRACTIONS.get(a[1]), Math.max(0, a[2] - 3))),
      new Kind(1, List.of(FRACTION), a -> new RefundAccountCredit(FRACTIONS.get(a[0]))));

  private static final int TOTAL_WEIGHT = MIX.stream().mapToInt(Kind::weight).sum();

  private LifecycleCommands() {}

  /**
   * One random command.
   *
   * @return the arbitrary, not null
   */
  public static Arbitrary<LifecycleCommand> commands() {
    List<Tuple2<Integer, Arbitrary<LifecycleCommand>>> weighted = new ArrayList<>();
    for (Kind kind : MIX) {
      weighted.add(Tuple.of(kind.weight(), kind.arbitrary()));
    }
    return Arbitraries.frequencyOf(weighted);
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

  /** Draws the target first, then the kind, then the kind's other arguments in their order. */
  private static LifecycleCommand next(Random random) {
    int target = TARGET.draw(random);
    int roll = random.nextInt(TOTAL_WEIGHT);
    for (Kind kind : MIX) {
      if (roll < kind.weight()) {
        return kind.draw(random, target);
      }
      roll -= kind.weight();
    }
    throw new IllegalStateException("roll " + roll + " beyond the mix");
  }

  /** Whole numbers from {@code min} to {@code max}, both included. */
  private record Range(int min, int max) {
    int draw(Random random) {
      return min + random.nextInt(max - min + 1);
    }

    Arbitrary<Integer> arbitrary() {
      return Arbitraries.integers().between(min, max);
    }
  }

  /** One kind of command: its share of the mix, its arguments' ranges and how it is made. */
  private record Kind(int weight, List<Range> arguments, Function<int[], LifecycleCommand> make) {
    Arbitrary<LifecycleCommand> arbitrary() {
      if (arguments.isEmpty()) {
        return Arbitraries.just(make.apply(new int[0]));
      }
      List<Arbitrary<Integer>> each = arguments.stream().map(Range::arbitrary).toList();
      return Combinators.combine(each)
          .as(values -> make.apply(values.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** The seeded draw: a {@link #TARGET} argument takes the target drawn before the kind. */
    LifecycleCommand draw(Random random, int target) {
      int[] values = new int[arguments.size()];
      for (int i = 0; i < values.length; i++) {
        Range range = arguments.get(i);
        values[i] = range == TARGET ? target : range.draw(random);
      }
      return make.apply(values);
    }
  }
}
