package dev.invoicekit.internal;

/**
 * The numbers behind {@code dev.invoicekit.invoice.InputLimits}, kept here so that the checks in
 * this package and in {@code money} and {@code tax} need not import the {@code invoice} package
 * (which imports them). {@code InputLimits} documents each one.
 */
public final class Limits {

  public static final int ID_LENGTH = 100;
  public static final int DESCRIPTION_LENGTH = 1000;
  public static final int DOCUMENT_TEXT_LENGTH = 10_000;
  public static final int REASON_LENGTH = 1000;
  public static final int PAYMENT_METHOD_LENGTH = 100;
  public static final int PAYMENT_REFERENCE_LENGTH = 200;
  public static final int REVIEW_NOTES = 100;
  public static final int EXTERNAL_REFERENCES = 50;
  public static final int QUANTITY_INTEGER_DIGITS = 16;
  public static final int QUANTITY_DECIMALS = 6;
  public static final int PRICE_INTEGER_DIGITS = 18;
  public static final int PRICE_DECIMALS = 10;
  public static final int AMOUNT_INTEGER_DIGITS = 15;
  public static final int PERCENTAGE_DECIMALS = 10;
  public static final int TAX_RATE_DECIMALS = 4;
  public static final int DECIMAL_TEXT_LENGTH = 64;
  public static final int MIN_YEAR = 1;
  public static final int MAX_YEAR = 9999;

  private Limits() {}
}
