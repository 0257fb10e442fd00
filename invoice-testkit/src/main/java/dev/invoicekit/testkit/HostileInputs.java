package dev.invoicekit.testkit;

import dev.invoicekit.invoice.InputLimits;
import java.math.BigDecimal;
import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of input an attacker would send, for suites that prove a system refuses or stores
 * it exactly: text over the whole UTF-16 range (unpaired surrogates, U+0000, control and
 * bidirectional characters, emoji, right-to-left text, SQL-looking text, LIKE wildcards, strings
 * at and just past the limits of {@link InputLimits}, a megabyte), numbers at their extremes
 * (giant exponents, more decimals than any column holds) and dates at and past the years every
 * database stores.
 *
 * <p>Most generated values are refused by the library; the point of a property over them is that
 * each is either refused with the library's own exception or accepted and read back equal.
 *
 * <p>Thread-safe: every method returns a new generator.
 */
public final class HostileInputs {

  private static final String EMOJI = "\uD83D\uDE00";

  private HostileInputs() {}

  /**
   * Hostile text: arbitrary UTF-16 (which includes unpaired surrogates), fragments known to break
   * databases, drivers and logs, and lengths at the edges of the limits.
   *
   * @return the generator, not null
   */
  public static Arbitrary<String> text() {
    Arbitrary<String> anyUtf16 = Arbitraries.strings().all().ofMaxLength(40);
    Arbitrary<String> fragments = Arbitraries.of(
        "\uD800", "\uDFFF", "\uDBFF\uD800", "\u0000", "\u0001", "\n", "\r\n", "\t", "\u007F",
        "\u0085", "\u200B", "\u200F", "\u202E", "\u2066", "\uFEFF", "\uFFFD", "\uFFFF", EMOJI,
        "\u05E9\u05DC\u05D5\u05DD", "\u0645\u0631\u062D\u0628\u0627", "e\u0301", "\u00E9",
        "'", "\"", "\\", "%", "_", "'; DROP TABLE ik_invoice; --", "' OR '1'='1", "$$", "${x}",
        "<script>", "?", " ", "\u3000", "acme");
    Arbitrary<String> spliced = Combinators.combine(
            Arbitraries.strings().alpha().ofMaxLength(8), fragments,
            Arbitraries.strings().alpha().ofMaxLength(8))
        .as((before, fragment, after) -> before + fragment + after);
    Arbitrary<String> atTheEdges = Combinators.combine(
            Arbitraries.of(InputLimits.ID_LENGTH, InputLimits.PAYMENT_METHOD_LENGTH,
                InputLimits.PAYMENT_REFERENCE_LENGTH, InputLimits.DESCRIPTION_LENGTH),
            Arbitraries.of(-1, 0, 1),
            Arbitraries.of("x", EMOJI, "\u05D0"))
        .as((limit, offset, unit) -> unit.repeat(limit + offset));
    Arbitrary<String> huge = Arbitraries.of("z".repeat(1 << 20), EMOJI.repeat(1 << 19));
    return Arbitraries.frequencyOf(
        Tuple.of(3, anyUtf16),
        Tuple.of(5, spliced),
        Tuple.of(2, atTheEdges),
        Tuple.of(1, huge));
  }

  /**
   * Hostile decimals: giant and tiny exponents, more digits before or after the point than any
   * column holds, zeros with odd scales, and ordinary values for contrast.
   *
   * @return the generator, not null
   */
  public static Arbitrary<BigDecimal> numbers() {
    Arbitrary<BigDecimal> extremes = Arbitraries.of(
        "1E+100000000", "1E-100000000", "1E+999999999", "1E-999999999", "-1E+999999999",
        "0E+999999999", "0E-999999999", "9999999999999999.999999", "10000000000000000",
        "0.0000001", "0.0000000001", "0.00000000001", "999999999999999999", "2.50000000000000",
        "-0", "1", "12.5", "-3").map(BigDecimal::new);
    Arbitrary<BigDecimal> anyScale = Combinators.combine(
            Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(30).negate(),
                java.math.BigInteger.TEN.pow(30)),
            Arbitraries.integers().between(-40, 40))
        .as(BigDecimal::new);
    return Arbitraries.oneOf(extremes, anyScale);
  }

  /**
   * Hostile dates: the first and last day every supported database stores, the days just
   * outside, {@link LocalDate#MIN} and {@link LocalDate#MAX}, and ordinary days.
   *
   * @return the generator, not null
   */
  public static Arbitrary<LocalDate> dates() {
    Arbitrary<LocalDate> edges = Arbitraries.of(LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31),
        LocalDate.of(0, 12, 31), LocalDate.of(10000, 1, 1), LocalDate.of(9999, 12, 1),
        LocalDate.of(1582, 10, 10), LocalDate.MIN, LocalDate.MAX);
    Arbitrary<LocalDate> ordinary = Arbitraries.longs()
        .between(LocalDate.of(1, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay())
        .map(LocalDate::ofEpochDay);
    return Arbitraries.oneOf(edges, ordinary);
  }
}
