package dev.invoicekit.internal;


/** Checks shared by the id and reference types; the rule is {@code InputLimits}'s. */
public final class Ids {

  /** The longest id or reference the library accepts, in code points; ids are keys. */
  public static final int MAX_LENGTH = Limits.ID_LENGTH;

  private Ids() {}

  /**
   * Returns the text if it can be an id: not null, not blank, no surrounding whitespace, at most
   * {@link #MAX_LENGTH} code points, well-formed Unicode without U+0000, control or bidirectional
   * formatting characters.
   *
   * @param value the candidate id
   * @param what what the id identifies, for the message, such as "invoice id"
   * @return the value
   * @throws IllegalArgumentException naming what is wrong, never quoting the value
   */
  public static String require(String value, String what) {
    if (value == null) {
      throw new IllegalArgumentException("The " + what + " is required, was null");
    }
    String problem = Inputs.idProblem(value);
    if (problem != null) {
      throw new IllegalArgumentException("The " + what + " " + problem);
    }
    return value;
  }
}
