package dev.invoicekit.internal;

/** Checks shared by the id and reference types. */
public final class Ids {

  /** The longest id or reference the library accepts; ids are keys, not documents. */
  public static final int MAX_LENGTH = 100;

  private Ids() {}

  /**
   * Returns the text if it can be an id: not null, not blank, no surrounding whitespace, at most
   * {@link #MAX_LENGTH} characters.
   *
   * @param value the candidate id
   * @param what what the id identifies, for the message, such as "invoice id"
   * @return the value
   * @throws IllegalArgumentException naming what is wrong
   */
  public static String require(String value, String what) {
    if (value == null) {
      throw new IllegalArgumentException("The " + what + " is required, was null");
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException("The " + what + " must not be blank");
    }
    if (!value.strip().equals(value)) {
      throw new IllegalArgumentException(
          "The " + what + " must not start or end with whitespace, was '" + value + "'");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "The " + what + " must be at most " + MAX_LENGTH + " characters, was " + value.length());
    }
    return value;
  }
}
