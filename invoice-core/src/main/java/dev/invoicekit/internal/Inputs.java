package dev.invoicekit.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.joda.money.BigMoney;
import org.joda.money.BigMoneyProvider;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The checks behind {@code dev.invoicekit.invoice.InputLimits}: each returns what is wrong with a
 * value, or null when it is
 * acceptable, so that every value type can throw its own documented exception with its own words
 * for where the value is. No check allocates for an acceptable value, and none looks at more of a
 * value than its limit: a megabyte of text or {@code 1E+100000000} is refused in microseconds.
 */
public final class Inputs {

  /** Numbers with more significant digits than this are refused before anything else. */
  private static final int MAX_SIGNIFICANT_DIGITS = 100;

  private Inputs() {}

  /**
   * What is wrong with a text of the given maximum length, or null. Line breaks, tabs and
   * right-to-left text are fine; unpaired surrogates and U+0000 are not.
   *
   * @param value the text, not null
   * @param maxCodePoints the longest acceptable text, in code points
   * @return the problem, naming the rule and the position but never the text, or null
   */
  public static String textProblem(String value, int maxCodePoints) {
    return scan(value, maxCodePoints);
  }

  /**
   * What is wrong with an id, key or number, or null: as {@link #textProblem} for
   * {@code InputLimits.ID_LENGTH} code points, and also not blank, no surrounding whitespace, no
   * control characters and no bidirectional formatting characters.
   *
   * @param value the id, not null
   * @return the problem, never quoting the id, or null
   */
  public static String idProblem(String value) {
    if (value.isEmpty() || value.isBlank()) {
      return "must not be blank";
    }
    String problem = scan(value, Limits.ID_LENGTH);
    if (problem != null) {
      return problem;
    }
    if (!value.strip().equals(value)) {
      // Not quoted: the padding may be a line break that would forge a line in a log.
      boolean atStart = Character.isWhitespace(value.codePointAt(0));
      int at = atStart ? 0 : value.length() - 1;
      return "must not start or end with whitespace (U+" + hex(value.charAt(at)) + " at the "
          + (atStart ? "start" : "end") + ")";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.getType(c) == Character.CONTROL || isBidiControl(c)) {
        return "contains the control or formatting character U+" + hex(c) + " at position " + i
            + "; ids, keys and numbers take printable characters only";
      }
    }
    return null;
  }

  private static String scan(String value, int maxCodePoints) {
    int length = value.length();
    // Each code point is one or two chars: more than twice the limit cannot fit, and is not read.
    if (length > 2L * maxCodePoints) {
      return "must be at most " + maxCodePoints + " characters, was " + length + " UTF-16 units";
    }
    int codePoints = 0;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      codePoints++;
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
          continue;
        }
        return unpaired(c, i);
      }
      if (Character.isLowSurrogate(c)) {
        return unpaired(c, i);
      }
      if (c == 0) {
        return "contains U+0000 (NUL) at position " + i + ", which no database stores; remove it";
      }
    }
    if (codePoints > maxCodePoints) {
      return "must be at most " + maxCodePoints + " characters, was " + codePoints;
    }
    return null;
  }

  private static boolean isBidiControl(char c) {
    return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
  }

  private static String unpaired(char c, int position) {
    return "contains an unpaired surrogate U+" + hex(c) + " at position " + position
        + "; text must be well-formed Unicode";
  }

  private static String hex(char c) {
    String hex = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
    return "0000".substring(hex.length()) + hex;
  }

  /**
   * What is wrong with a number that must have at most the given digits before and after the
   * decimal point, or null. Looks at precision and scale only, so it costs the same for
   * {@code 1E+999999999} as for {@code 1}; trailing zeros do not count as decimals.
   *
   * @param value the number, not null
   * @param integerDigits the most digits before the decimal point
   * @param decimals the most digits after it
   * @return the problem, or null
   */
  public static String decimalProblem(BigDecimal value, int integerDigits, int decimals) {
    if (Math.abs((long) value.scale()) > MAX_SIGNIFICANT_DIGITS) {
      // Zero included: 0E-999999999 is zero, but printing it writes a billion digits.
      return "has an exponent of " + (-(long) value.scale()) + ", outside the "
          + MAX_SIGNIFICANT_DIGITS + " digits the library reads";
    }
    if (value.signum() == 0) {
      return null; // any zero normalizes to 0, whatever its scale
    }
    int precision = value.precision();
    if (precision > MAX_SIGNIFICANT_DIGITS) {
      return "has " + precision + " significant digits, more than the " + MAX_SIGNIFICANT_DIGITS
          + " the library reads";
    }
    // Stripping trailing zeros lowers precision and scale alike: the integer digits stay.
    long before = (long) precision - value.scale();
    if (before > integerDigits) {
      return "has more than " + integerDigits + " digits before the decimal point ("
          + before + ")";
    }
    if (value.scale() > decimals && value.stripTrailingZeros().scale() > decimals) {
      return value.toPlainString() + " has more than " + decimals + " decimals";
    }
    return null;
  }

  /**
   * What is wrong with a money amount, or null: at most {@code InputLimits.AMOUNT_INTEGER_DIGITS}
   * digits before the decimal point (a {@code Money} has its currency's decimals already).
   *
   * @param amount the amount, not null
   * @return the problem, or null
   */
  public static String amountProblem(Money amount) {
    return decimalProblem(amount.getAmount(), Limits.AMOUNT_INTEGER_DIGITS, amount.getScale());
  }

  /**
   * What is wrong with an amount given as a {@code BigMoneyProvider}, or null when it is a
   * {@code Money} of its currency's scale: it must not have more decimals than the currency (where
   * Joda-Money would throw a bare {@code ArithmeticException}) or more digits than
   * {@code InputLimits.AMOUNT_INTEGER_DIGITS}.
   *
   * @param amount the amount, not null
   * @return the problem, naming the currency and its decimals, or null
   */
  public static String exactMoneyProblem(BigMoneyProvider amount) {
    BigMoney big = BigMoney.of(amount);
    String problem = decimalProblem(big.getAmount(), Limits.AMOUNT_INTEGER_DIGITS,
        Math.max(0, big.getCurrencyUnit().getDecimalPlaces()));
    return problem == null ? null : problem + "; " + big.getCurrencyUnit()
        + " has " + big.getCurrencyUnit().getDecimalPlaces() + " decimals, round the amount";
  }

  /**
   * What is wrong with a decimal text before it is parsed, or null.
   *
   * @param text the text, not null
   * @return the problem, or null
   */
  public static String decimalTextProblem(String text) {
    if (text.length() > Limits.DECIMAL_TEXT_LENGTH) {
      return "is " + text.length() + " characters long, more than the "
          + Limits.DECIMAL_TEXT_LENGTH + " a number takes";
    }
    return null;
  }

  /**
   * Parses decimal text, refusing text that is too long or not a number.
   *
   * @param text the text, not null
   * @param what what the number is, for the message, such as "quantity"
   * @return the number, not null
   * @throws IllegalArgumentException naming {@code what} and the problem
   */
  public static BigDecimal parseDecimal(String text, String what) {
    String problem = decimalTextProblem(text);
    if (problem != null) {
      throw new IllegalArgumentException("The " + what + " " + problem);
    }
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("The " + what + " is not a decimal number", e);
    }
  }

  /**
   * Parses a price such as {@code "EUR 0.1212"}, bounding the number before Joda-Money scales it
   * (which for {@code 1E+100000000} would take minutes).
   *
   * @param text a currency code, a space and a decimal number, not null
   * @param what what the price is, for the message, such as "unit price"
   * @param integerDigits the most digits before the decimal point
   * @param decimals the most digits after it
   * @return the price, not null
   * @throws IllegalArgumentException naming {@code what} and the problem
   */
  public static BigMoney parsePrice(String text, String what, int integerDigits, int decimals) {
    String trimmed = text.strip();
    if (trimmed.length() < 4) {
      throw new IllegalArgumentException("The " + what + " must be a currency code, a space and a"
          + " number, such as 'EUR 12.50'");
    }
    CurrencyUnit currency = CurrencyUnit.of(trimmed.substring(0, 3));
    BigDecimal amount = parseDecimal(trimmed.substring(3), what);
    String problem = decimalProblem(amount, integerDigits, decimals);
    if (problem != null) {
      throw new IllegalArgumentException("The " + what + " " + problem);
    }
    return BigMoney.of(currency, amount);
  }

  /**
   * What is wrong with a date, or null: it must fall in years {@code InputLimits.MIN_YEAR} to
   * {@code InputLimits.MAX_YEAR}.
   *
   * @param date the date, not null
   * @return the problem, or null
   */
  public static String dateProblem(LocalDate date) {
    int year = date.getYear();
    if (year < Limits.MIN_YEAR || year > Limits.MAX_YEAR) {
      return date + " is outside the years " + Limits.MIN_YEAR + " to "
          + Limits.MAX_YEAR + " that every supported database stores";
    }
    return null;
  }
}
