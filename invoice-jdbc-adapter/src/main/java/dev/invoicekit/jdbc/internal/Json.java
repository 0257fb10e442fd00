package dev.invoicekit.jdbc.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small JSON subset the adapter stores nested values in: objects, arrays, strings, booleans
 * and null. Numbers are written as strings so that decimals survive exactly.
 *
 * <p>The reader accepts what the writer writes, and standard JSON of the same subset (whitespace
 * between tokens, any of JSON's escapes, surrogate pairs as two {@code \}{@code u} escapes). It
 * refuses everything else with a {@link MalformedJsonException}: truncated text, JSON numbers,
 * unknown escapes, raw control characters inside strings (the writer escapes them), escapes that
 * leave a lone surrogate, duplicate keys, and arrays and objects nested deeper than
 * {@value #MAX_DEPTH} levels.
 */
public final class Json {

  /**
   * How deeply arrays and objects may nest in text {@link #read(String)} accepts. The codec nests
   * at most three levels; the bound keeps damaged text from exhausting the stack.
   */
  public static final int MAX_DEPTH = 32;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Json() {}

  /**
   * Writes a value made of maps, lists, strings, booleans and nulls. Map entries whose value is
   * null are left out; any other value is written as the string of its {@code toString()}.
   *
   * @param value the value
   * @return its JSON text
   */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (entry.getValue() == null) {
          continue;
        }
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString(entry.getKey().toString(), out);
        out.append(':');
        write(entry.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(list.get(i), out);
      }
      out.append(']');
    } else {
      writeString(value.toString(), out);
    }
  }

  private static void writeString(String text, StringBuilder out) {
    out.append('"');
    int length = text.length();
    int copied = 0; // characters before this index are in out
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      out.append(text, copied, i);
      copied = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    out.append(text, copied, length);
    out.append('"');
  }

  /**
   * Reads JSON text written by {@link #write(Object)}.
   *
   * @param text the text
   * @return maps (insertion-ordered), lists, strings, booleans and nulls
   * @throws MalformedJsonException if the text is null or not such JSON; the message gives the
   *     position and the problem, never the text
   */
  public static Object read(String text) {
    if (text == null) {
      throw new MalformedJsonException("Stored JSON is missing (null)");
    }
    Reader reader = new Reader(text);
    Object value = reader.value(0);
    reader.skipWhitespace();
    if (reader.pos != text.length()) {
      throw reader.error("characters after the value");
    }
    return value;
  }

  private static final class Reader {
    private final String text;
    private final int length;
    private int pos;

    Reader(String text) {
      this.text = text;
      this.length = text.length();
    }

    /** Reads a value inside {@code depth} enclosing arrays and objects. */
    Object value(int depth) {
      skipWhitespace();
      if (pos >= length) {
        throw error("unexpected end");
      }
      char c = text.charAt(pos);
      switch (c) {
        case '{':
          return object(depth + 1);
        case '[':
          return array(depth + 1);
        case '"':
          return string();
        case 't':
          literal("true");
          return Boolean.TRUE;
        case 'f':
          literal("false");
          return Boolean.FALSE;
        case 'n':
          literal("null");
          return null;
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            throw error("a number (numbers are stored as strings)");
          }
          throw error("unexpected character");
      }
    }

    private void literal(String word) {
      if (!text.startsWith(word, pos)) {
        throw error("expected " + word);
      }
      pos += word.length();
    }

    private void checkDepth(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("nested deeper than " + MAX_DEPTH + " levels");
      }
    }

    private Map<String, Object> object(int depth) {
      checkDepth(depth);
      pos++;
      Map<String, Object> map = new LinkedHashMap<>();
      skipWhitespace();
      if (peek() == '}') {
        pos++;
        return map;
      }
      while (true) {
        skipWhitespace();
        int keyAt = pos;
        if (peek() != '"') {
          throw error("expected a key");
        }
        String key = string();
        skipWhitespace();
        expect(':');
        int size = map.size();
        map.put(key, value(depth));
        if (map.size() == size) {
          pos = keyAt;
          throw error("duplicate key");
        }
        skipWhitespace();
        char c = peek();
        if (c == ',') {
          pos++;
        } else if (c == '}') {
          pos++;
          return map;
        } else {
          throw error("expected ',' or '}'");
        }
      }
    }

    private List<Object> array(int depth) {
      checkDepth(depth);
      pos++;
      List<Object> list = new ArrayList<>();
      skipWhitespace();
      if (peek() == ']') {
        pos++;
        return list;
      }
      while (true) {
        list.add(value(depth));
        skipWhitespace();
        char c = peek();
        if (c == ',') {
          pos++;
        } else if (c == ']') {
          pos++;
          return list;
        } else {
          throw error("expected ',' or ']'");
        }
      }
    }

    /** Reads a string whose opening quote is at {@code pos}. */
    private String string() {
      pos++;
      int start = pos; // the characters from here to pos are not yet in out
      StringBuilder out = null; // only for strings with escapes
      while (true) {
        if (pos >= length) {
          throw error("unterminated string");
        }
        char c = text.charAt(pos);
        if (c == '"') {
          String value = out == null
              ? text.substring(start, pos)
              : out.append(text, start, pos).toString();
          pos++;
          return value;
        }
        if (c == '\\') {
          if (out == null) {
            out = new StringBuilder(pos - start + 16);
          }
          out.append(text, start, pos);
          pos++;
          escape(out);
          start = pos;
        } else if (c < 0x20) {
          throw error("a control character inside a string");
        } else {
          pos++;
        }
      }
    }

    /** Reads the escape whose backslash is just before {@code pos}. */
    private void escape(StringBuilder out) {
      if (pos >= length) {
        throw error("unterminated escape");
      }
      char c = text.charAt(pos);
      switch (c) {
        case '"' -> out.append('"');
        case '\\' -> out.append('\\');
        case '/' -> out.append('/');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          pos++;
          unicode(out);
          return;
        }
        default -> throw error("unknown escape");
      }
      pos++;
    }

    /** Reads the four hex digits after a backslash-u at {@code pos}, and a low surrogate's too. */
    private void unicode(StringBuilder out) {
      int escapeAt = pos - 2;
      char c = hex4();
      if (Character.isHighSurrogate(c)
          && pos + 1 < length && text.charAt(pos) == '\\' && text.charAt(pos + 1) == 'u') {
        pos += 2;
        char low = hex4();
        if (Character.isLowSurrogate(low)) {
          out.append(c).append(low);
          return;
        }
      }
      if (Character.isSurrogate(c)) {
        pos = escapeAt;
        throw error("an escape that leaves a lone surrogate");
      }
      out.append(c);
    }

    private char hex4() {
      if (length - pos < 4) {
        throw error("an escape with fewer than 4 hex digits");
      }
      int value = 0;
      for (int end = pos + 4; pos < end; pos++) {
        char h = text.charAt(pos);
        int digit;
        if (h >= '0' && h <= '9') {
          digit = h - '0';
        } else if (h >= 'a' && h <= 'f') {
          digit = h - 'a' + 10;
        } else if (h >= 'A' && h <= 'F') {
          digit = h - 'A' + 10;
        } else {
          throw error("an escape with a character that is not a hex digit");
        }
        value = value << 4 | digit;
      }
      return (char) value;
    }

    private char peek() {
      if (pos >= length) {
        throw error("unexpected end");
      }
      return text.charAt(pos);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    /** Skips JSON's whitespace: space, tab, line feed and carriage return. */
    void skipWhitespace() {
      while (pos < length) {
        char c = text.charAt(pos);
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
          return;
        }
        pos++;
      }
    }

    /** The problem at {@code pos}; the message holds none of the text: it may be customer data. */
    MalformedJsonException error(String problem) {
      return new MalformedJsonException("Stored JSON is damaged at character " + pos + ": "
          + problem);
    }
  }
}
