package dev.invoicekit.numbering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.invoice.TenantId;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Number patterns: the tokens, the series key, the refusals, and the invariants over patterns. */
class NumberPatternTest {

  private static final LocalDate NOV_24_2026 = LocalDate.of(2026, 11, 24);

  @Test
  void formatsTheSequenceZeroPaddedWithTheYear() {
    NumberPattern pattern = NumberPattern.of("INV-{yyyy}-{seq:5}");

    assertThat(pattern.format(42, NOV_24_2026)).isEqualTo("INV-2026-00042");
  }

  @Test
  void aSequenceLongerThanThePaddingJustGrows() {
    NumberPattern pattern = NumberPattern.of("INV-{yyyy}-{seq:5}");

    assertThat(pattern.format(99_999, NOV_24_2026)).isEqualTo("INV-2026-99999");
    assertThat(pattern.format(123_456, NOV_24_2026)).isEqualTo("INV-2026-123456");
    assertThat(pattern.format(Long.MAX_VALUE, NOV_24_2026))
        .isEqualTo("INV-2026-" + Long.MAX_VALUE);
  }

  @ParameterizedTest
  @CsvSource({
    "INV-{yyyy}-{seq:5},   7,    2026-03-05, INV-2026-00007",
    "R{yy}{MM}-{seq},      7,    2026-03-05, R2603-7",
    "{seq}/{yyyy},         1234, 2026-03-05, 1234/2026",
    "{seq},                1,    2026-03-05, 1",
    "{yy}.{MM}.{seq:3}.X,  12,   2009-12-31, 09.12.012.X",
    "A{yyyy}{seq:2}{MM}B,  5,    0987-01-01, A09870501B",
  })
  void fillsEveryTokenAndKeepsLiteralText(
      String pattern, long sequence, LocalDate date, String expected) {
    assertThat(NumberPattern.of(pattern).format(sequence, date)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "INV-{yyyy}-{seq:5},  2026-03-05, INV-2026-",
    "R{yy}{MM}-{seq},     2026-03-05, R2603-",
    "{seq}/{yyyy},        2026-03-05, /2026",
    "A{yyyy}{seq:2}{MM}B, 2026-03-05, A202603B",
  })
  void theSeriesKeyIsThePatternWithoutTheSequenceAndWithTheDateFilledIn(
      String pattern, LocalDate date, String expected) {
    assertThat(NumberPattern.of(pattern).seriesKey(date)).isEqualTo(expected);
  }

  @Test
  void aPatternOfOnlyTheSequenceHasTheEmptySeriesKey() {
    assertThat(NumberPattern.of("{seq:6}").seriesKey(NOV_24_2026)).isEmpty();
  }

  @Test
  void aYearPatternStartsANewSeriesEachYearButNotEachMonth() {
    NumberPattern pattern = NumberPattern.of("INV-{yyyy}-{seq:5}");

    assertThat(pattern.seriesKey(LocalDate.of(2026, 1, 1)))
        .isEqualTo(pattern.seriesKey(LocalDate.of(2026, 12, 31)))
        .isNotEqualTo(pattern.seriesKey(LocalDate.of(2027, 1, 1)));
  }

  @Test
  void aMonthPatternStartsANewSeriesEachMonth() {
    NumberPattern pattern = NumberPattern.of("INV-{yy}{MM}-{seq}");

    assertThat(pattern.seriesKey(LocalDate.of(2026, 3, 1)))
        .isEqualTo(pattern.seriesKey(LocalDate.of(2026, 3, 31)))
        .isNotEqualTo(pattern.seriesKey(LocalDate.of(2026, 4, 1)));
  }

  @Test
  void aPatternWithoutDateTokensIsOneSeriesForever() {
    NumberPattern pattern = NumberPattern.of("INV-{seq:5}");

    assertThat(pattern.seriesKey(LocalDate.of(2026, 1, 1)))
        .isEqualTo(pattern.seriesKey(LocalDate.of(2031, 7, 9)))
        .isEqualTo("INV-");
  }

  @Test
  void theSeriesIsTheTenantAndTheSeriesKey() {
    TenantId tenant = TenantId.of("acme");

    assertThat(NumberPattern.of("INV-{yyyy}-{seq:5}").series(tenant, NOV_24_2026))
        .isEqualTo(NumberSeries.of(tenant, "INV-2026-"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"INV-{yyyy}-{seq:5}", "{seq}", "R{yy}{MM}-{seq:12}.x"})
  void toStringIsThePatternTextAndReadsBack(String text) {
    NumberPattern pattern = NumberPattern.of(text);

    assertThat(pattern).hasToString(text);
    assertThat(NumberPattern.of(pattern.toString())).isEqualTo(pattern).hasSameHashCodeAs(pattern);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, Long.MIN_VALUE})
  void aSequenceBelowOneIsRefused(long sequence) {
    NumberPattern pattern = NumberPattern.of("INV-{yyyy}-{seq:5}");

    assertThatThrownBy(() -> pattern.format(sequence, NOV_24_2026))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Number pattern 'INV-{yyyy}-{seq:5}': the sequence number must be 1 or more, was "
                + sequence);
  }

  @Test
  void aPatternWithoutSequenceTokenIsRefused() {
    assertThatThrownBy(() -> NumberPattern.of("INV-{yyyy}-00001"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Number pattern 'INV-{yyyy}-00001' has no sequence tokens; give exactly one, {seq} or"
                + " {seq:N}");
  }

  @Test
  void aPatternWithTwoSequenceTokensIsRefused() {
    assertThatThrownBy(() -> NumberPattern.of("INV-{seq}-{seq:5}"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Number pattern 'INV-{seq}-{seq:5}' has 2 sequence tokens; give exactly one, {seq} or"
                + " {seq:N}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{YYYY}", "{dd}", "{}", "{sequence}", "{ yyyy }"})
  void anUnknownTokenIsRefusedNamingIt(String token) {
    String text = "INV-" + token + "-{seq:5}";

    assertThatThrownBy(() -> NumberPattern.of(text))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Number pattern '"
                + text
                + "' has the unknown token "
                + token
                + "; use {yyyy}, {yy}, {MM}, {seq} or {seq:N}, and no braces in literal text");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{seq:0}", "{seq:20}", "{seq:x}", "{seq:}", "{seq:-3}", "{seq:100}"})
  void aPaddingThatIsNoWholeNumberFromOneToNineteenIsRefusedNamingTheToken(String token) {
    assertThatThrownBy(() -> NumberPattern.of("INV-" + token))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has the token " + token)
        .hasMessageContaining("not a whole number from 1 to 19");
  }

  @Test
  void anUnclosedOrStrayBraceIsRefusedWithItsPosition() {
    assertThatThrownBy(() -> NumberPattern.of("INV-{yyyy-{seq}"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Number pattern 'INV-{yyyy-{seq}' has a '{' at position 5 that is never closed;"
                + " add the '}'");
    assertThatThrownBy(() -> NumberPattern.of("INV-yyyy}-{seq}"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Number pattern 'INV-yyyy}-{seq}' has a '}' at position 9 that closes no token;"
                + " remove it");
  }

  @ParameterizedTest
  @ValueSource(strings = {" INV-{seq}", "INV-{seq} ", "\tINV-{seq}"})
  void aPatternWithSurroundingWhitespaceIsRefused(String text) {
    assertThatThrownBy(() -> NumberPattern.of(text))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("starts or ends with whitespace, which no invoice number may");
  }

  @Test
  void aYearThatFourDigitsCannotShowIsRefused() {
    NumberPattern pattern = NumberPattern.of("INV-{yyyy}-{seq}");

    assertThatThrownBy(() -> pattern.format(1, LocalDate.of(10_000, 1, 1)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("+10000-01-01 has a year outside 1 to 9999");
  }

  // ---------------------------------------------------------------------------------------------
  // Properties over generated patterns

  /**
   * A generated pattern with its parts kept apart, so the test can say what the number must be
   * without asking the class under test.
   */
  record Spec(List<String> before, int padding, boolean padded, List<String> after) {

    String text() {
      return String.join("", before)
          + (padded ? "{seq:" + padding + "}" : "{seq}")
          + String.join("", after);
    }

    NumberPattern pattern() {
      return NumberPattern.of(text());
    }

    boolean hasFourDigitYear() {
      return before.contains("{yyyy}") || after.contains("{yyyy}");
    }

    static String fill(List<String> parts, LocalDate date) {
      return parts.stream()
          .map(
              part ->
                  switch (part) {
                    case "{yyyy}" -> String.format(Locale.ROOT, "%04d", date.getYear());
                    case "{yy}" -> String.format(Locale.ROOT, "%02d", date.getYear() % 100);
                    case "{MM}" -> String.format(Locale.ROOT, "%02d", date.getMonthValue());
                    default -> part;
                  })
          .collect(Collectors.joining());
    }

    String sequence(long sequence) {
      String digits = Long.toString(sequence);
      int width = padded ? padding : 1;
      return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }
  }

  private static Arbitrary<String> part() {
    Arbitrary<String> literal =
        Arbitraries.strings().withChars("INV-/_.#ABC0123456789").ofMinLength(1).ofMaxLength(4);
    return Arbitraries.oneOf(literal, Arbitraries.of("{yyyy}", "{yy}", "{MM}"));
  }

  @Provide
  Arbitrary<Spec> patterns() {
    return Combinators.combine(
            part().list().ofMaxSize(4),
            Arbitraries.integers().between(1, 8),
            Arbitraries.of(true, false),
            part().list().ofMaxSize(3))
        .as(Spec::new);
  }

  @Provide
  Arbitrary<Spec> yearPatterns() {
    return patterns()
        .map(
            spec ->
                spec.hasFourDigitYear()
                    ? spec
                    : new Spec(
                        concat(spec.before(), "{yyyy}"),
                        spec.padding(),
                        spec.padded(),
                        spec.after()));
  }

  private static List<String> concat(List<String> parts, String part) {
    return Stream.concat(parts.stream(), Stream.of(part))
        .collect(Collectors.toList());
  }

  @Provide
  Arbitrary<LocalDate> dates() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 9999),
            Arbitraries.integers().between(1, 12),
            Arbitraries.integers().between(1, 28))
        .as(LocalDate::of);
  }

  @Property(tries = 500)
  void distinctSequencesOfOneSeriesGiveDistinctNumbers(
      @ForAll("patterns") Spec spec,
      @ForAll("dates") LocalDate date,
      @ForAll @Size(min = 2, max = 40) @UniqueElements List<@LongRange(min = 1) Long> sequences) {
    NumberPattern pattern = spec.pattern();

    Set<String> numbers = new HashSet<>();
    sequences.forEach(sequence -> numbers.add(pattern.format(sequence, date)));

    assertThat(numbers).hasSameSizeAs(sequences);
  }

  @Property(tries = 1000)
  void aNumberIsTheSeriesKeyPartsInOrderWithTheSequenceBetweenThem(
      @ForAll("patterns") Spec spec,
      @ForAll("dates") LocalDate date,
      @ForAll @LongRange(min = 1) long sequence) {
    NumberPattern pattern = spec.pattern();
    String before = Spec.fill(spec.before(), date);
    String after = Spec.fill(spec.after(), date);

    String number = pattern.format(sequence, date);

    assertThat(pattern.seriesKey(date)).isEqualTo(before + after);
    assertThat(number).startsWith(before).endsWith(after);
    assertThat(number).isEqualTo(before + spec.sequence(sequence) + after);
    assertThat(pattern).hasToString(spec.text());
  }

  @Property(tries = 500)
  void differentYearsGiveDifferentSeriesKeysForFourDigitYearPatterns(
      @ForAll("yearPatterns") Spec spec,
      @ForAll("dates") LocalDate first,
      @ForAll("dates") LocalDate second) {
    NumberPattern pattern = spec.pattern();

    if (first.getYear() != second.getYear()) {
      assertThat(pattern.seriesKey(first)).isNotEqualTo(pattern.seriesKey(second));
    } else if (first.getMonthValue() == second.getMonthValue()) {
      assertThat(pattern.seriesKey(first)).isEqualTo(pattern.seriesKey(second));
    }
  }
}
