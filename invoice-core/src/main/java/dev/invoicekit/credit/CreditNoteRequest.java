package dev.invoicekit.credit;

import dev.invoicekit.tax.TaxCode;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.joda.money.Money;

/**
 * What a host asks a credit note to credit, with the reason printed on it: quantities of invoice
 * lines, an amount per tax group, or the whole invoice.
 *
 * <p>Immutable and thread-safe.
 */
public final class CreditNoteRequest {

  private final CreditNote.Kind kind;
  private final String reason;
  private final Map<Integer, BigDecimal> lineQuantities;
  private final Map<TaxCode, Money> groupAmounts;

  private CreditNoteRequest(
      CreditNote.Kind kind,
      String reason,
      Map<Integer, BigDecimal> lineQuantities,
      Map<TaxCode, Money> groupAmounts) {
    this.kind = kind;
    this.reason = Objects.requireNonNull(reason, "reason");
    this.lineQuantities = Collections.unmodifiableMap(lineQuantities);
    this.groupAmounts = Collections.unmodifiableMap(groupAmounts);
  }

  /**
   * Credits the whole invoice; only while no other credit note was issued against it.
   *
   * @param reason why, not null
   * @return the request, not null
   */
  public static CreditNoteRequest wholeInvoice(String reason) {
    return new CreditNoteRequest(CreditNote.Kind.WHOLE_INVOICE, reason, Map.of(), Map.of());
  }

  /**
   * Credits quantities of invoice lines at their invoiced prices.
   *
   * @param reason why, not null
   * @param quantities by invoice line number (from 1), each greater than zero, not empty
   * @return the request, not null
   */
  public static CreditNoteRequest lineQuantities(
      String reason, Map<Integer, BigDecimal> quantities) {
    Objects.requireNonNull(quantities, "quantities");
    Map<Integer, BigDecimal> copy = new TreeMap<>();
    quantities.forEach((line, quantity) ->
        copy.put(Objects.requireNonNull(line, "line number"),
            Objects.requireNonNull(quantity, "quantity")));
    return new CreditNoteRequest(CreditNote.Kind.LINES, reason, copy, Map.of());
  }

  /**
   * Credits one invoice line's quantity.
   *
   * @param reason why, not null
   * @param lineNumber the invoice line, from 1
   * @param quantity the quantity, greater than zero, not null
   * @return the request, not null
   */
  public static CreditNoteRequest lineQuantity(String reason, int lineNumber, BigDecimal quantity) {
    return lineQuantities(reason, Map.of(lineNumber, quantity));
  }

  /**
   * Credits an amount per tax group of the invoice (a price reduction). Each amount is net of tax,
   * or with tax when the invoice's prices include tax, as the invoice's prices are.
   *
   * @param reason why, not null
   * @param amounts by tax code of one of the invoice's groups, each greater than zero, not empty
   * @return the request, not null
   */
  public static CreditNoteRequest amounts(String reason, Map<TaxCode, Money> amounts) {
    Objects.requireNonNull(amounts, "amounts");
    Map<TaxCode, Money> copy = new LinkedHashMap<>();
    new TreeMap<>(amounts).forEach((code, amount) ->
        copy.put(code, Objects.requireNonNull(amount, "amount")));
    return new CreditNoteRequest(CreditNote.Kind.AMOUNTS, reason, Map.of(), copy);
  }

  /**
   * Credits an amount in one tax group.
   *
   * @param reason why, not null
   * @param taxCode the group, not null
   * @param amount the amount, greater than zero, not null
   * @return the request, not null
   */
  public static CreditNoteRequest amount(String reason, TaxCode taxCode, Money amount) {
    return amounts(reason, Map.of(Objects.requireNonNull(taxCode, "taxCode"), amount));
  }

  /** What it credits. @return the kind, not null */
  public CreditNote.Kind kind() {
    return kind;
  }

  /** Why. @return the reason, not null */
  public String reason() {
    return reason;
  }

  /** For {@link CreditNote.Kind#LINES}: quantities by line number, ascending. @return the map */
  public Map<Integer, BigDecimal> lineQuantities() {
    return lineQuantities;
  }

  /** For {@link CreditNote.Kind#AMOUNTS}: amounts by tax code, ascending. @return the map */
  public Map<TaxCode, Money> groupAmounts() {
    return groupAmounts;
  }

  /** A stable text for idempotency fingerprints: kind, reason, quantities, amounts. */
  @Override
  public String toString() {
    return kind + "|" + reason + "|" + lineQuantities + "|" + groupAmounts;
  }
}
