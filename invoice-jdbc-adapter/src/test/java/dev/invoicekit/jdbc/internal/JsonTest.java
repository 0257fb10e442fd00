package dev.invoicekit.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The adapter's JSON: what the writer writes reads back as the same value, and text that is not
 * such JSON is refused with {@link MalformedJsonException} alone, with a message that gives the
 * position and the problem but none of the text.
 */
class JsonTest {

  // ---- round trips -----------------------------------------------------------------------------

  @Property(tries = 1000)
  void anyValueOfWellFormedStringsReadsBackAsWrittenAndWritesTheSameTextAgain(
      @ForAll("values") Object value) {
    String text = Json.write(value);

    Object read = Json.read(text);

    assertThat(read).isEqualTo(value);
    assertThat(Json.write(read)).isEqualTo(text);
  }

  @Property(tries = 1000)
  void anyWellFormedStringReadsBackAsWritten(@ForAll("texts") String text) {
    assertThat(Json.read(Json.write(text))).isEqualTo(text);
  }

  @Test
  void theWriterEscapesQuotesBackslashesAndControlCharactersAndNothingElse() {
    String text = "a\"b\\c\nd\re\tf\u0000g\u001fh\u007fi/j😀k\u05d0";

    assertThat(Json.write(text))
        .isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\u0000g\\u001fh\u007fi/j😀k\u05d0\"");
  }

  @Test
  void theWriterLeavesOutMapEntriesWithoutAValueAndKeepsNullsInLists() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("a", "1");
    map.put("none", null);
    map.put("list", Arrays.asList("x", null, true));

    assertThat(Json.write(map)).isEqualTo("{\"a\":\"1\",\"list\":[\"x\",null,true]}");
  }

  @Test
  void standardJsonOfTheSameSubsetIsReadAsWell() {
    Object read = Json.read(" {\n\t\"a\" : [ true , false , null ] ,\r\n \"b\":\"\\/\\b\\f\\u00e9\\u00C9"
        + "\\ud83d\\ude00\" } ");

    assertThat(read).isEqualTo(Map.of("a", Arrays.asList(true, false, null),
        "b", "/\b\féÉ😀"));
  }

  // ---- refused text ----------------------------------------------------------------------------

  static Stream<Arguments> malformedTexts() {
    return Stream.of(
        // truncated anywhere
        arguments("empty text", ""),
        arguments("only whitespace", "   "),
        arguments("an object never closed", "{"),
        arguments("an array never closed", "["),
        arguments("a lone quote", "\""),
        arguments("a key without a colon", "{\"a\""),
        arguments("a key without a value", "{\"a\":"),
        arguments("an object cut after a value", "{\"a\":\"b\""),
        arguments("an object cut after a comma", "{\"a\":\"b\","),
        arguments("an array cut after a comma", "[\"a\","),
        arguments("an array cut after a value", "[\"a\""),
        arguments("an unterminated string", "\"abc"),
        // escapes
        arguments("a backslash at the end", "\"abc\\"),
        arguments("a backslash-u at the end", "\"\\u"),
        arguments("a backslash-u with two digits at the end", "\"\\u12"),
        arguments("a backslash-u with two digits", "\"\\u12\""),
        arguments("a backslash-u with three digits", "\"\\u123\""),
        arguments("a backslash-u with a non-hex digit", "\"\\u12g4\""),
        arguments("a backslash-u with no hex digit", "\"\\uzzzz\""),
        arguments("a backslash-u with a sign", "\"\\u+123\""),
        arguments("an unknown escape x", "\"\\x41\""),
        arguments("an unknown escape a", "\"\\a\""),
        arguments("an escaped apostrophe", "\"\\'\""),
        arguments("an escaped zero", "\"\\0\""),
        // raw control characters
        arguments("a raw tab in a string", "\"tab\tinside\""),
        arguments("a raw line feed in a string", "\"line\nbreak\""),
        arguments("a raw NUL in a string", "\"nul\u0000\""),
        arguments("a raw unit separator in a string", "\"\u001f\""),
        // surrogates from escapes
        arguments("an escaped high surrogate alone", "\"\\ud83d\""),
        arguments("an escaped high surrogate before a letter", "\"\\ud83dx\""),
        arguments("an escaped high surrogate before an escaped letter", "\"\\ud83d\\u0041\""),
        arguments("an escaped high surrogate before another", "\"\\ud83d\\ud83d\""),
        arguments("an escaped high surrogate before a raw low one", "\"\\ud83d\ude00\""),
        arguments("an escaped low surrogate alone", "\"\\ude00\""),
        arguments("escaped surrogates in the wrong order", "\"\\ude00\\ud83d\""),
        // bare words
        arguments("tru", "tru"),
        arguments("fals", "fals"),
        arguments("nul", "nul"),
        arguments("True", "True"),
        arguments("yes", "yes"),
        arguments("trueish", "trueish"),
        arguments("a bare word in an array", "[truth]"),
        arguments("an unquoted key", "{a:\"b\"}"),
        // numbers
        arguments("zero", "0"),
        arguments("a negative number", "-1"),
        arguments("a decimal", "1.5"),
        arguments("a number in an array", "[1]"),
        arguments("a number in an object", "{\"a\":12}"),
        // structure
        arguments("characters after the value", "{\"a\":\"b\"}x"),
        arguments("two values", "\"a\" \"b\""),
        arguments("a trailing comma in an object", "{\"a\":\"b\",}"),
        arguments("a trailing comma in an array", "[\"a\",]"),
        arguments("only a comma in an array", "[,]"),
        arguments("only a comma in an object", "{,}"),
        arguments("a missing colon", "{\"a\" \"b\"}"),
        arguments("a missing comma in an object", "{\"a\":\"b\" \"c\":\"d\"}"),
        arguments("a missing comma in an array", "[\"a\" \"b\"]"),
        arguments("an array closed as an object", "[\"a\"}"),
        arguments("a duplicate key", "{\"a\":\"1\",\"a\":\"2\"}"),
        arguments("a duplicate key with null values", "{\"a\":null,\"a\":null}"),
        arguments("a closing brace alone", "}"),
        arguments("a closing bracket alone", "]"),
        arguments("a no-break space as whitespace", "\u00a0\"a\""),
        arguments("a line separator as whitespace", "\u2028[]"));
  }

  @ParameterizedTest(name = "{0} is refused")
  @MethodSource("malformedTexts")
  void malformedTextIsRefusedWithTheDocumentedException(String problem, String text) {
    assertRefused(text);
  }

  @Test
  void nullTextIsRefusedWithTheDocumentedException() {
    assertThatThrownBy(() -> Json.read(null))
        .isExactlyInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("missing");
  }

  @Test
  void theRefusalGivesThePositionAndTheProblemButNoneOfTheText() {
    String secret = "IBAN DE02 1203 0000 0000 2020 51";

    assertThatThrownBy(() -> Json.read("{\"iban\":\"" + secret + "\",\"n\":7}"))
        .isExactlyInstanceOf(MalformedJsonException.class)
        .hasMessage("Stored JSON is damaged at character 47: a number (numbers are stored as "
            + "strings)")
        .message().doesNotContain("IBAN", "DE02", "iban");
    assertThatThrownBy(() -> Json.read("\"" + secret + "\\q\""))
        .hasMessage("Stored JSON is damaged at character 34: unknown escape");
  }

  @Test
  void aHundredThousandOpeningBracketsAreRefusedWithTheDocumentedExceptionNotAStackOverflow() {
    assertRefused("[".repeat(100_000));
    assertRefused("{\"a\":".repeat(100_000));
    assertRefused("[".repeat(100_000) + "]".repeat(100_000));
  }

  @Test
  void aMegabyteOfNestedBracketsIsRefusedAtTheDepthLimit() {
    assertThatThrownBy(() -> Json.read("[".repeat(1 << 20)))
        .isExactlyInstanceOf(MalformedJsonException.class)
        .hasMessage("Stored JSON is damaged at character " + Json.MAX_DEPTH
            + ": nested deeper than " + Json.MAX_DEPTH + " levels");
  }

  @Test
  void nestingUpToTheDepthLimitIsRead() {
    int depth = Json.MAX_DEPTH;
    Object read = Json.read("[".repeat(depth) + "]".repeat(depth));

    for (int i = 1; i < depth; i++) {
      assertThat(read).asList().hasSize(1);
      read = ((List<?>) read).get(0);
    }
    assertThat(read).asList().isEmpty();
    assertRefused("[".repeat(depth + 1) + "]".repeat(depth + 1));
  }

  @Property(tries = 2000)
  void truncatedOrMutatedJsonIsEitherReadOrRefusedWithTheDocumentedException(
      @ForAll("values") Object value, @ForAll long seed) {
    Random random = new Random(seed);
    String text = Json.write(value);
    String damaged = damage(text, random);

    Throwable thrown = catchThrowable(() -> Json.read(damaged));

    if (thrown != null) {
      assertThat(thrown).isExactlyInstanceOf(MalformedJsonException.class)
          .hasMessageStartingWith("Stored JSON is damaged at character ")
          .hasNoCause();
    }
  }

  @Property(tries = 300)
  void everyTruncationOfJsonIsRefusedWithTheDocumentedException(@ForAll("values") Object value) {
    String text = Json.write(value);
    // Only a whole value is JSON; a prefix of a map or list never is, of a string never either.
    for (int end = 0; end < text.length(); end++) {
      assertRefused(text.substring(0, end));
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static void assertRefused(String text) {
    Throwable thrown = catchThrowable(() -> Json.read(text));

    assertThat(thrown).isExactlyInstanceOf(MalformedJsonException.class)
        .hasMessageStartingWith("Stored JSON is damaged at character ")
        .hasNoCause();
  }

  /** The characters that make or break JSON, to insert and replace with. */
  private static final String TROUBLE = "{}[]\":,\\u0aF tfnrue-1.\n\t\u0000\ud83d\ude00";

  /** One to three truncations, deletions, insertions, replacements or repetitions. */
  static String damage(String text, Random random) {
    StringBuilder out = new StringBuilder(text);
    int times = 1 + random.nextInt(3);
    for (int t = 0; t < times; t++) {
      int at = random.nextInt(out.length() + 1);
      char c = TROUBLE.charAt(random.nextInt(TROUBLE.length()));
      switch (random.nextInt(5)) {
        case 0 -> out.setLength(at);
        case 1 -> {
          if (at < out.length()) {
            out.deleteCharAt(at);
          }
        }
        case 2 -> out.insert(at, c);
        case 3 -> {
          if (at < out.length()) {
            out.setCharAt(at, c);
          }
        }
        default -> {
          int end = Math.min(out.length(), at + random.nextInt(8));
          out.insert(at, out.substring(at, end));
        }
      }
    }
    return out.toString();
  }

  @Provide
  Arbitrary<Object> values() {
    return value(3);
  }

  private static Arbitrary<Object> value(int depth) {
    Arbitrary<Object> leaf = Arbitraries.frequencyOf(
        Tuple.of(6, strings().map(s -> (Object) s)),
        Tuple.of(1, Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(b -> (Object) b)));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Object> inner = value(depth - 1);
    // Lists keep nulls; maps do not (the writer leaves such entries out).
    Arbitrary<Object> list = inner.injectNull(0.1).list().ofMaxSize(4)
        .map(l -> (Object) new ArrayList<>(l));
    Arbitrary<Object> map = Arbitraries.maps(strings(), inner).ofMaxSize(4)
        .map(m -> (Object) new LinkedHashMap<>(m));
    return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(1, list), Tuple.of(1, map));
  }

  @Provide
  Arbitrary<String> texts() {
    return strings();
  }

  /**
   * Well-formed Unicode: any code point but surrogates alone, weighted towards what JSON escapes
   * (quotes, backslashes, control characters), what looks like an escape, emoji with modifiers
   * and joiners, and right-to-left text and marks.
   */
  private static Arbitrary<String> strings() {
    Arbitrary<String> piece = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.chars().range(' ', '~').map(String::valueOf)),
        Tuple.of(2, Arbitraries.chars().range('\u0000', '\u001f').map(String::valueOf)),
        Tuple.of(2, Arbitraries.of("\"", "\\", "\\\"", "\\u0041", "\\n", "/", "\u007f", "\u2028")),
        Tuple.of(1, Arbitraries.of("🧾", "💶", "👍🏽", "👨‍👩‍👧", "😀", "\ud800\udc00", "\udbff\udfff")),
        Tuple.of(1, Arbitraries.of("עברית", "العربية", "\u202e", "\u200f", "\u061c", "\u202c")),
        Tuple.of(2, Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
            .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
            .map(Character::toString)));
    return piece.list().ofMaxSize(12).map(pieces -> String.join("", pieces));
  }
}
