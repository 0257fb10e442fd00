package dev.invoicekit.invoice;

import dev.invoicekit.internal.Limits;

/**
 * What the library accepts, in one place: the longest text of each kind, the largest numbers and
 * the range of dates. Every value is checked against these where it is made (an id's factory, a
 * builder's {@code build()}), before any arithmetic and before anything is stored, so every input a
 * value holds can be stored by every supported database (H2, PostgreSQL, MariaDB/MySQL) and read
 * back exactly equal.
 *
 * <p><b>Text.</b> Every string the library stores must be well-formed Unicode (no unpaired
 * surrogate, which PostgreSQL and MariaDB would store as {@code ?}) and must not contain U+0000
 * (which PostgreSQL cannot store). Lengths count code points, so an emoji counts once. Ids, keys
 * and numbers ({@link TenantId}, {@link InvoiceId}, {@link InvoiceNumber}, ...) are narrower still:
 * not blank, no surrounding whitespace, no control characters (Unicode category Cc, such as tab
 * and newline) and no bidirectional formatting characters (U+202A..U+202E, U+2066..U+2069), which
 * would let one id display as another in a log or a screen. Other text (descriptions, notes, terms)
 * may hold line breaks, tabs and right-to-left text.
 *
 * <p><b>Numbers.</b> Quantities, prices, percentages, rates and amounts have a bounded number of
 * digits before and after the decimal point, checked from the number's precision and scale before
 * anything is computed, so no input (such as {@code 1E+100000000}) can make the library work for
 * more than microseconds. A money amount has at most the currency's decimals; totals too must fit
 * {@link #AMOUNT_INTEGER_DIGITS}.
 *
 * <p><b>Dates.</b> Years {@value #MIN_YEAR} to {@value #MAX_YEAR}, derived dates included (a due
 * date derived from payment terms).
 *
 * <p>A refusal names the field and the rule, never the whole value. Ids refuse with
 * {@link IllegalArgumentException}; everything on an invoice, a line or a payment with
 * {@link InvalidInvoiceException}.
 */
public final class InputLimits {

  /** The longest id, key or number, in code points. */
  public static final int ID_LENGTH = Limits.ID_LENGTH;
  /** The longest line description, in code points. */
  public static final int DESCRIPTION_LENGTH = Limits.DESCRIPTION_LENGTH;
  /** The longest notes or terms text of an invoice, in code points. */
  public static final int DOCUMENT_TEXT_LENGTH = Limits.DOCUMENT_TEXT_LENGTH;
  /** The longest review note, allowance or charge reason, or payment terms wording. */
  public static final int REASON_LENGTH = Limits.REASON_LENGTH;
  /** The longest payment method, in code points. */
  public static final int PAYMENT_METHOD_LENGTH = Limits.PAYMENT_METHOD_LENGTH;
  /** The longest payment reference, in code points. */
  public static final int PAYMENT_REFERENCE_LENGTH = Limits.PAYMENT_REFERENCE_LENGTH;
  /** The most review notes an invoice carries. */
  public static final int REVIEW_NOTES = Limits.REVIEW_NOTES;
  /** The most external references an invoice carries. */
  public static final int EXTERNAL_REFERENCES = Limits.EXTERNAL_REFERENCES;

  /** Digits before the decimal point of a quantity or base quantity. */
  public static final int QUANTITY_INTEGER_DIGITS = Limits.QUANTITY_INTEGER_DIGITS;
  /** Digits after the decimal point of a quantity or base quantity. */
  public static final int QUANTITY_DECIMALS = Limits.QUANTITY_DECIMALS;
  /** Digits before the decimal point of a unit price. */
  public static final int PRICE_INTEGER_DIGITS = Limits.PRICE_INTEGER_DIGITS;
  /** Digits after the decimal point of a unit price. */
  public static final int PRICE_DECIMALS = Limits.PRICE_DECIMALS;
  /** Digits before the decimal point of any money amount, the totals included. */
  public static final int AMOUNT_INTEGER_DIGITS = Limits.AMOUNT_INTEGER_DIGITS;
  /** Digits after the decimal point of a percentage. */
  public static final int PERCENTAGE_DECIMALS = Limits.PERCENTAGE_DECIMALS;
  /** Digits after the decimal point of a tax rate. */
  public static final int TAX_RATE_DECIMALS = Limits.TAX_RATE_DECIMALS;
  /** The longest decimal text the library parses, in characters. */
  public static final int DECIMAL_TEXT_LENGTH = Limits.DECIMAL_TEXT_LENGTH;

  /** The first year of any date. */
  public static final int MIN_YEAR = Limits.MIN_YEAR;
  /** The last year of any date, derived dates included. */
  public static final int MAX_YEAR = Limits.MAX_YEAR;

  private InputLimits() {}
}
