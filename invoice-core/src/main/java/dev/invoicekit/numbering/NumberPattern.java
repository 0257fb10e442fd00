package dev.invoicekit.numbering;

import dev.invoicekit.internal.Inputs;
import dev.invoicekit.invoice.TenantId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How invoice numbers look, such as {@code INV-{yyyy}-{seq:5}} for {@code INV-2026-00042}.
 *
 * <p>Tokens in braces are filled in; everything else is literal text:
 *
 * <ul>
 *   <li>{@code {yyyy}}: the invoice date's year, four digits;
 *   <li>{@code {yy}}: the year's last two digits;
 *   <li>{@code {MM}}: the month, two digits;
 *   <li>{@code {seq:N}}: the sequence number, zero-padded to at least N digits (1 to 19); a longer
 *       number just grows, so {@code {seq:5}} writes 42 as {@code 00042} and 123456 as
 *       {@code 123456};
 *   <li>{@code {seq}}: the sequence number without padding.
 * </ul>
 *
 * <p>A pattern has exactly one sequence token. The pattern without its sequence token, with the
 * date parts filled in, is the {@linkplain #seriesKey(LocalDate) series key}: invoices whose keys
 * are equal share one counter. So a pattern with {@code {yyyy}} or {@code {yy}} starts a new series
 * every year, one with {@code {MM}} and a year every month, and one without date tokens never.
 * (Where the key repeats, as {@code {yy}} does every century or {@code {MM}} alone every year, the
 * counter simply goes on.) Because the date parts have a fixed width, numbers from one pattern are
 * distinct as long as each series' sequence numbers are. There is no escape for braces in literal
 * text.
 *
 * <p>Immutable and thread-safe. {@link #toString()} is the pattern text; {@link #of(String)} reads
 * it back.
 */
public final class NumberPattern {

  private static final int MAX_PADDING = 19;

  private final String text;
  private final List<Part> beforeSequence;
  private final int padding;
  private final List<Part> afterSequence;

  private NumberPattern(
      String text, List<Part> beforeSequence, int padding, List<Part> afterSequence) {
    this.text = text;
    this.beforeSequence = List.copyOf(beforeSequence);
    this.padding = padding;
    this.afterSequence = List.copyOf(afterSequence);
  }

  /**
   * Parses a pattern such as {@code INV-{yyyy}-{seq:5}}.
   *
   * @param pattern the pattern text, not null
   * @return the pattern, not null
   * @throws IllegalArgumentException if the pattern has no sequence token or more than one, an
   *     unknown token, a brace that is not part of a token, or surrounding whitespace
   */
  public static NumberPattern of(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    if (!pattern.strip().equals(pattern)) {
      throw problem(pattern, "starts or ends with whitespace, which no invoice number may");
    }
    // Its literal text becomes part of every number, so it follows the rule of ids.
    String idProblem = Inputs.idProblem(pattern);
    if (idProblem != null) {
      throw new IllegalArgumentException("The number pattern " + idProblem);
    }
    List<Part> before = new ArrayList<>();
    List<Part> after = new ArrayList<>();
    int padding = -1;
    int sequenceTokens = 0;
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '}') {
        throw problem(
            pattern, "has a '}' at position " + (i + 1) + " that closes no token; remove it");
      }
      if (c != '{') {
        literal.append(c);
        i++;
        continue;
      }
      int close = pattern.indexOf('}', i);
      int nextOpen = pattern.indexOf('{', i + 1);
      if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
        throw problem(
            pattern, "has a '{' at position " + (i + 1) + " that is never closed; add the '}'");
      }
      String token = pattern.substring(i, close + 1);
      List<Part> parts = sequenceTokens == 0 ? before : after;
      if (literal.length() > 0) {
        parts.add(new Literal(literal.toString()));
        literal.setLength(0);
      }
      if (token.equals("{seq}") || token.startsWith("{seq:")) {
        sequenceTokens++;
        padding = token.equals("{seq}") ? 1 : padding(pattern, token);
      } else {
        parts.add(datePart(pattern, token));
      }
      i = close + 1;
    }
    if (literal.length() > 0) {
      (sequenceTokens == 0 ? before : after).add(new Literal(literal.toString()));
    }
    if (sequenceTokens != 1) {
      throw problem(
          pattern,
          "has "
              + (sequenceTokens == 0 ? "no" : String.valueOf(sequenceTokens))
              + " sequence tokens; give exactly one, {seq} or {seq:N}");
    }
    return new NumberPattern(pattern, before, padding, after);
  }

  /**
   * The invoice number for a sequence number and an invoice date.
   *
   * @param sequence the sequence number in the invoice's series, 1 or more
   * @param invoiceDate the invoice date, not null
   * @return the number, such as {@code INV-2026-00042}, not null
   * @throws IllegalArgumentException if the sequence is below 1, or the pattern has a year token
   *     and the year is outside 1 to 9999
   */
  public String format(long sequence, LocalDate invoiceDate) {
    if (sequence < 1) {
      throw new IllegalArgumentException(
          "Number pattern '" + text + "': the sequence number must be 1 or more, was " + sequence);
    }
    StringBuilder number = new StringBuilder();
    fill(beforeSequence, invoiceDate, number);
    number.append(zeroPadded(sequence, padding));
    fill(afterSequence, invoiceDate, number);
    return number.toString();
  }

  /**
   * The key of the series an invoice dated {@code invoiceDate} is numbered in: the pattern without
   * its sequence token, with the date parts filled in, such as {@code INV-2026-} for
   * {@code INV-{yyyy}-{seq:5}}.
   *
   * @param invoiceDate the invoice date, not null
   * @return the key, not null; empty for a pattern with nothing but the sequence token
   * @throws IllegalArgumentException if the pattern has a year token and the year is outside 1 to
   *     9999
   */
  public String seriesKey(LocalDate invoiceDate) {
    StringBuilder key = new StringBuilder();
    fill(beforeSequence, invoiceDate, key);
    fill(afterSequence, invoiceDate, key);
    return key.toString();
  }

  /**
   * The series of a tenant an invoice dated {@code invoiceDate} is numbered in.
   *
   * @param tenant the tenant, not null
   * @param invoiceDate the invoice date, not null
   * @return the series, not null
   * @throws IllegalArgumentException if the pattern has a year token and the year is outside 1 to
   *     9999
   */
  public NumberSeries series(TenantId tenant, LocalDate invoiceDate) {
    return NumberSeries.of(tenant, seriesKey(invoiceDate));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NumberPattern && ((NumberPattern) other).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The pattern text, such as {@code INV-{yyyy}-{seq:5}}; {@link #of(String)} reads it back. */
  @Override
  public String toString() {
    return text;
  }

  private static void fill(List<Part> parts, LocalDate invoiceDate, StringBuilder out) {
    Objects.requireNonNull(invoiceDate, "invoiceDate");
    for (Part part : parts) {
      out.append(part.fill(invoiceDate));
    }
  }

  private static int padding(String pattern, String token) {
    String digits = token.substring("{seq:".length(), token.length() - 1);
    if (!digits.matches("[0-9]{1,2}")
        || Integer.parseInt(digits) < 1
        || Integer.parseInt(digits) > MAX_PADDING) {
      throw problem(
          pattern,
          "has the token "
              + token
              + " whose padding is not a whole number from 1 to "
              + MAX_PADDING
              + "; write it as {seq:5} or {seq}");
    }
    return Integer.parseInt(digits);
  }

  private static Part datePart(String pattern, String token) {
    switch (token) {
      case "{yyyy}":
        return date -> zeroPadded(year(date), 4);
      case "{yy}":
        return date -> zeroPadded(year(date) % 100, 2);
      case "{MM}":
        return date -> zeroPadded(date.getMonthValue(), 2);
      default:
        throw problem(
            pattern,
            "has the unknown token "
                + token
                + "; use {yyyy}, {yy}, {MM}, {seq} or {seq:N}, and no braces in literal text");
    }
  }

  private static int year(LocalDate date) {
    int year = date.getYear();
    if (year < 1 || year > 9999) {
      throw new IllegalArgumentException(
          "The invoice date " + date + " has a year outside 1 to 9999, which a number cannot show");
    }
    return year;
  }

  /** ASCII digits whatever the default locale, zero-padded to at least {@code width}. */
  private static String zeroPadded(long value, int width) {
    String digits = Long.toString(value);
    return "0".repeat(Math.max(0, width - digits.length())) + digits;
  }

  private static IllegalArgumentException problem(String pattern, String problem) {
    return new IllegalArgumentException("Number pattern '" + pattern + "' " + problem);
  }

  /** One piece of the pattern other than the sequence: literal text or a date part. */
  @FunctionalInterface
  private interface Part {
    String fill(LocalDate invoiceDate);
  }

  /** Literal text, written as is. */
  private record Literal(String text) implements Part {
    @Override
    public String fill(LocalDate invoiceDate) {
      return text;
    }
  }
}
