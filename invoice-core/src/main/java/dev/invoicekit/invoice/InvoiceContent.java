package dev.invoicekit.invoice;

import dev.invoicekit.internal.Inputs;
import dev.invoicekit.money.RoundingPolicy;
import dev.invoicekit.tax.TaxAmount;
import dev.invoicekit.totals.InvoiceTotals;
import dev.invoicekit.totals.LineTotals;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The financial content of an invoice: its currency, lines, document allowances and charges,
 * overall discount, tax inputs, prepaid and rounding amounts and rounding policy. These are every
 * input of the EN 16931 calculation, and {@link #totals()} is derived from them once, when the
 * content is built.
 *
 * <p>An {@link Invoice} is its content plus its state (status, number, version, dates, payments).
 * A change of state keeps the very same content object, so nothing is checked or computed again;
 * once an invoice is sent, the lifecycle never gives it another content. Hosts rarely build a
 * content on its own: {@code new Invoice.Builder()} takes the same fields.
 *
 * <p>A content that breaks a rule of its own (an amount in another currency, a fixed discount
 * above the subtotal, totals no database column holds) is refused with an
 * {@link InvalidInvoiceException}; built through an invoice, the exception names the invoice.
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
public abstract class InvoiceContent implements WithInvoiceContent {

  // Implemented by the generated value class only: hosts build one, they do not subclass.
  InvoiceContent() {}

  /**
   * Builds a content; the currency is required.
   *
   * <p>Not thread-safe; use one builder per thread.
   */
  public static class Builder extends ImmutableInvoiceContent.Builder {

    /** An empty builder. */
    public Builder() {}

    /**
     * Sets the currency by its ISO 4217 code, such as {@code "EUR"}.
     *
     * @param currencyCode the code, not null
     * @return this builder
     */
    public final Builder currency(String currencyCode) {
      return currency(CurrencyUnit.of(currencyCode));
    }
  }

  /** The one currency of every amount on the invoice. */
  public abstract CurrencyUnit currency();

  /** The lines, in document order. */
  public abstract List<LineItem> lines();

  /** Allowances and charges on the whole invoice, each with its own tax code. */
  public abstract List<DocumentAllowanceCharge> documentAllowanceCharges();

  /** The product's overall discount, split across the tax groups. */
  public abstract Optional<OverallDiscount> overallDiscount();

  /**
   * True when unit prices, allowances, charges and a fixed discount include tax: net and tax are
   * then derived per group so that the gross totals hold.
   */
  @Value.Default
  public boolean pricesIncludeTax() {
    return false;
  }

  /**
   * Tax amounts per tax code supplied by an external tax engine; empty to compute tax from the
   * rates. When given, there must be exactly one per tax group.
   */
  public abstract List<TaxAmount> externalTaxAmounts();

  /**
   * An amount paid before the invoice was issued (EN 16931 BT-113, such as an advance payment); it
   * may be negative on a negative invoice. Payments recorded later are the invoice's
   * {@link Invoice#payments()}.
   */
  public abstract Optional<Money> prepaidAmount();

  /**
   * A rounding amount given outright (EN 16931 BT-114); when empty, the rounding policy's cash
   * rounding, if any, derives it.
   */
  public abstract Optional<Money> roundingAmount();

  /** How amounts are rounded; EN 16931's policy by default. */
  @Value.Default
  public RoundingPolicy roundingPolicy() {
    return RoundingPolicy.en16931();
  }

  /**
   * The totals of this content before any payment is recorded, computed once by
   * {@link InvoiceCalculator#standard()}: the amount paid is the prepaid amount. An invoice's
   * {@link Invoice#totals()} adds its payments to these.
   *
   * @return the totals, not null
   */
  @Value.Lazy
  public InvoiceTotals totals() {
    return InvoiceCalculator.standard().calculate(this);
  }

  @Value.Check
  protected void check() {
    checkAmounts();
    if (currency().getDecimalPlaces() < 0) {
      throw new InvalidInvoiceException(
          "currency " + currency() + " has no decimal places defined; use a real currency");
    }
    checkCurrencies();
    // Compute the totals now, so that content the calculator cannot total (a fixed discount above
    // the subtotal, external tax amounts that miss a group) is refused when built, not later.
    checkTotals(totals());
  }

  /**
   * Refuses the first amount in another currency than the content's. The description of where an
   * amount is ("line 3 ('Consulting') unit price") is only put together for the amount refused.
   */
  private void checkCurrencies() {
    CurrencyUnit currency = currency();
    List<LineItem> lines = lines();
    for (int i = 0; i < lines.size(); i++) {
      LineItem line = lines.get(i);
      if (!line.currency().equals(currency)) {
        throw mismatch(lineLabel(i, line) + " unit price", line.currency());
      }
      for (LineAllowanceCharge part : line.allowanceCharges()) {
        Optional<CurrencyUnit> other = otherCurrency(part);
        if (other.isPresent()) {
          throw mismatch(lineLabel(i, line) + " allowance or charge", other.get());
        }
      }
    }
    for (DocumentAllowanceCharge part : documentAllowanceCharges()) {
      Optional<CurrencyUnit> other = otherCurrency(part);
      if (other.isPresent()) {
        throw mismatch("the document " + part.label(), other.get());
      }
    }
    Optional<Money> fixedDiscount = overallDiscount().flatMap(OverallDiscount::fixedAmount);
    if (fixedDiscount.isPresent() && !fixedDiscount.get().getCurrencyUnit().equals(currency)) {
      throw mismatch("the overall discount", fixedDiscount.get().getCurrencyUnit());
    }
    for (TaxAmount tax : externalTaxAmounts()) {
      if (!tax.amount().getCurrencyUnit().equals(currency)) {
        throw mismatch(
            "the external tax amount for " + tax.taxCode(), tax.amount().getCurrencyUnit());
      }
    }
    if (prepaidAmount().isPresent()
        && !prepaidAmount().get().getCurrencyUnit().equals(currency)) {
      throw mismatch("the prepaid amount", prepaidAmount().get().getCurrencyUnit());
    }
    if (roundingAmount().isPresent()
        && !roundingAmount().get().getCurrencyUnit().equals(currency)) {
      throw mismatch("the rounding amount", roundingAmount().get().getCurrencyUnit());
    }
  }

  /** The currency of the part's amount or base amount when it is not the content's. */
  private Optional<CurrencyUnit> otherCurrency(AllowanceCharge part) {
    if (part.amount().isPresent() && !part.amount().get().getCurrencyUnit().equals(currency())) {
      return Optional.of(part.amount().get().getCurrencyUnit());
    }
    if (part.baseAmount().isPresent()
        && !part.baseAmount().get().getCurrencyUnit().equals(currency())) {
      return Optional.of(part.baseAmount().get().getCurrencyUnit());
    }
    return Optional.empty();
  }

  private static String lineLabel(int index, LineItem line) {
    return "line " + (index + 1) + " ('" + line.description() + "')";
  }

  private CurrencyMismatchException mismatch(String where, CurrencyUnit found) {
    return new CurrencyMismatchException(null, where, currency(), found);
  }

  private void checkAmounts() {
    prepaidAmount().ifPresent(amount -> amount("the prepaid amount", amount));
    roundingAmount().ifPresent(amount -> amount("the rounding amount", amount));
    for (TaxAmount tax : externalTaxAmounts()) {
      amount("the external tax amount for " + tax.taxCode(), tax.amount());
    }
  }

  /** Refuses totals no database column holds: the lines' inputs are bounded, their products not. */
  private static void checkTotals(InvoiceTotals totals) {
    List<LineTotals> lines = totals.lines();
    for (int i = 0; i < lines.size(); i++) {
      amount("line " + (i + 1) + "'s net amount", lines.get(i).netAmount());
    }
    amount("the subtotal", totals.subtotal());
    amount("the total without tax", totals.totalWithoutTax());
    amount("the tax total", totals.taxTotal());
    amount("the total", totals.total());
    amount("the amount paid", totals.amountPaid());
    amount("the amount due", totals.amountDue());
  }

  private static void amount(String what, Money amount) {
    String problem = Inputs.amountProblem(amount);
    if (problem != null) {
      throw new InvalidInvoiceException(what + " " + problem);
    }
  }
}
