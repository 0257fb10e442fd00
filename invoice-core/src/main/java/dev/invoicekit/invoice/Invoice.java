package dev.invoicekit.invoice;

import dev.invoicekit.internal.Inputs;
import dev.invoicekit.internal.SameContentCopies;
import dev.invoicekit.money.RoundingPolicy;
import dev.invoicekit.tax.TaxAmount;
import dev.invoicekit.totals.InvoiceCalculator;
import dev.invoicekit.totals.InvoiceTotals;
import dev.invoicekit.totals.LineTotals;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * An invoice: who is billed, for what, in which currency, with which discounts and taxes, in which
 * status. Totals are derived once, by {@link InvoiceCalculator}, following EN 16931 exactly under
 * the
 * invoice's {@link #roundingPolicy()}.
 *
 * <p>Build one with {@code new Invoice.Builder()}; change one with {@code with*}, which returns a
 * new invoice. A builder refuses an invoice that breaks a rule of its own content (an amount in
 * another currency, a due date before the invoice date, a fixed discount larger than the subtotal)
 * with an {@link InvalidInvoiceException}. Which status changes are allowed is the lifecycle's
 * business, not this type's.
 *
 * <pre>{@code
 * Invoice invoice = new Invoice.Builder()
 *     .id(InvoiceId.of("0b9e6c1e"))
 *     .account(AccountId.of("acme"))
 *     .currency(CurrencyUnit.EUR)
 *     .invoiceDate(LocalDate.of(2026, 11, 24))
 *     .paymentTerms(PaymentTerms.net(30))
 *     .addLine(new LineItem.Builder()
 *         .description("Consulting")
 *         .quantity("12.5")
 *         .unitPrice("EUR 96.00")
 *         .taxCode(TaxCode.standard("19"))
 *         .build())
 *     .overallDiscount(OverallDiscount.percent("10"))
 *     .build();
 * Money total = invoice.totals().total();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
public abstract class Invoice implements WithInvoice {

  // Implemented by the generated value class only: hosts build one, they do not subclass.
  Invoice() {}

  /**
   * Builds an invoice; id, account, currency and invoice date are required.
   *
   * <p>Not thread-safe; use one builder per thread.
   */
  public static class Builder extends ImmutableInvoice.Builder {

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

  /** The stable technical id. */
  public abstract InvoiceId id();

  /** The tenant the invoice belongs to; {@link TenantId#DEFAULT} for a single-tenant host. */
  @Value.Default
  public TenantId tenant() {
    return TenantId.DEFAULT;
  }

  /** The legal number; empty for a draft until it is sent, unless given by hand. */
  public abstract Optional<InvoiceNumber> number();

  /** The status; {@link InvoiceStatus#DRAFT} for a new invoice. */
  @Value.Default
  public InvoiceStatus status() {
    return InvoiceStatus.DRAFT;
  }

  /** The version for optimistic locking; 0 for an invoice never saved. */
  @Value.Default
  public long version() {
    return 0;
  }

  /** The one currency of every amount on the invoice. */
  public abstract CurrencyUnit currency();

  /** The invoice date (issue date). */
  public abstract LocalDate invoiceDate();

  /** The due date when given outright; see {@link #effectiveDueDate()}. */
  public abstract Optional<LocalDate> dueDate();

  /** Payment terms, from which the due date is derived when none is given. */
  public abstract Optional<PaymentTerms> paymentTerms();

  /** The account (organization) billed. */
  public abstract AccountId account();

  /** The billing contact at the account. */
  public abstract Optional<ContactId> contact();

  /** The opportunity the invoice was created from. */
  public abstract Optional<OpportunityId> opportunity();

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
   * rates. When given, there must be exactly one per tax group of the invoice.
   */
  public abstract List<TaxAmount> externalTaxAmounts();

  /**
   * An amount paid before the invoice was issued (EN 16931 BT-113, such as an advance payment); it
   * may be negative on a negative invoice. Payments recorded later are in {@link #payments()}.
   */
  public abstract Optional<Money> prepaidAmount();

  /**
   * A rounding amount given outright (EN 16931 BT-114); when empty, the rounding policy's cash
   * rounding, if any, derives it.
   */
  public abstract Optional<Money> roundingAmount();

  /** Payments and refunds recorded against the invoice, in the order recorded. */
  public abstract List<Payment> payments();

  /** Free-text notes for the customer. */
  public abstract Optional<String> notes();

  /** Terms and conditions text. */
  public abstract Optional<String> terms();

  /**
   * Notes for whoever reviews the draft before sending, such as a warning that the lines do not add
   * up to the opportunity the draft was made from; never printed on the document.
   */
  public abstract List<String> reviewNotes();

  /** Ids of this invoice in other systems, by system name, such as {@code "ledger" -> "4711"}. */
  public abstract Map<String, String> externalReferences();

  /** How amounts are rounded; EN 16931's policy by default. */
  @Value.Default
  public RoundingPolicy roundingPolicy() {
    return RoundingPolicy.en16931();
  }

  /**
   * The due date: the one given, or the invoice date plus the payment terms.
   *
   * @return the due date, or empty when neither a due date nor terms are set
   */
  public Optional<LocalDate> effectiveDueDate() {
    return dueDate().or(() -> paymentTerms().map(terms -> terms.dueDateFor(invoiceDate())));
  }

  /**
   * The totals, computed once by {@link InvoiceCalculator#standard()}.
   *
   * @return the totals, not null
   */
  @Value.Lazy
  public InvoiceTotals totals() {
    // A copy with a new status, version or number takes the totals of the invoice it came from.
    InvoiceTotals carried = SameContentCopies.carriedTotals(this);
    return carried != null ? carried : InvoiceCalculator.standard().calculate(this);
  }

  /**
   * Refuses the first amount in another currency than the invoice's, describing where it is ("line
   * 3 ('Consulting') unit price") for that amount only (why: docs/BENCHMARKS.md, "Why the code is
   * shaped this way").
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
        CurrencyUnit other = otherCurrency(part);
        if (other != null) {
          throw mismatch(lineLabel(i, line) + " allowance or charge", other);
        }
      }
    }
    for (DocumentAllowanceCharge part : documentAllowanceCharges()) {
      CurrencyUnit other = otherCurrency(part);
      if (other != null) {
        throw mismatch("the document " + part.label(), other);
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
    for (Payment payment : payments()) {
      if (!payment.amount().getCurrencyUnit().equals(currency)) {
        throw mismatch("payment " + payment.id(), payment.amount().getCurrencyUnit());
      }
    }
  }

  /** The currency of the part's amount or base amount when it is not the invoice's, else null. */
  private CurrencyUnit otherCurrency(AllowanceCharge part) {
    if (part.amount().isPresent() && !part.amount().get().getCurrencyUnit().equals(currency())) {
      return part.amount().get().getCurrencyUnit();
    }
    if (part.baseAmount().isPresent()
        && !part.baseAmount().get().getCurrencyUnit().equals(currency())) {
      return part.baseAmount().get().getCurrencyUnit();
    }
    return null;
  }

  private static String lineLabel(int index, LineItem line) {
    return "line " + (index + 1) + " ('" + line.description() + "')";
  }

  private CurrencyMismatchException mismatch(String where, CurrencyUnit found) {
    return new CurrencyMismatchException(id(), where, currency(), found);
  }

  @Value.Check
  protected void check() {
    // A copy with a new status, version or number has the very content its source passed these
    // checks with; only the dates and references, which a copy may change, are checked again.
    boolean contentChecked = SameContentCopies.isCopyWithSameContent(this);
    // Dates and text first: nothing below may compute with a date or print a text out of bounds.
    checkDates();
    checkTexts();
    if (!contentChecked) {
      checkAmounts();
      if (currency().getDecimalPlaces() < 0) {
        throw new InvalidInvoiceException(
            id(), "currency " + currency() + " has no decimal places defined; use a real currency");
      }
      checkCurrencies();
    }
    effectiveDueDate()
        .filter(due -> due.isBefore(invoiceDate()))
        .ifPresent(
            due -> {
              throw new InvalidInvoiceException(
                  id(),
                  "the due date "
                      + due
                      + " is before the invoice date "
                      + invoiceDate()
                      + "; give a due date on or after the invoice date");
            });
    if (!contentChecked) {
      checkPaymentIds();
    }
    // Compute the totals now, so that content the calculator cannot total (a fixed discount above
    // the subtotal, external tax amounts that miss a group) is refused when built, not later. A
    // copy with the same content takes its source's totals.
    InvoiceTotals totals = totals();
    if (!contentChecked) {
      checkTotals(totals);
    }
  }

  private void checkDates() {
    date("the invoice date", invoiceDate());
    dueDate().ifPresent(due -> date("the due date", due));
    if (dueDate().isEmpty() && paymentTerms().isPresent()) {
      date("the due date derived from the payment terms",
          paymentTerms().get().dueDateFor(invoiceDate()));
    }
  }

  private void date(String what, LocalDate date) {
    String problem = Inputs.dateProblem(date);
    if (problem != null) {
      throw new InvalidInvoiceException(id(), what + " " + problem);
    }
  }

  private void checkTexts() {
    notes().ifPresent(text -> text("the notes", text, InputLimits.DOCUMENT_TEXT_LENGTH));
    terms().ifPresent(text -> text("the terms", text, InputLimits.DOCUMENT_TEXT_LENGTH));
    List<String> reviewNotes = reviewNotes();
    if (reviewNotes.size() > InputLimits.REVIEW_NOTES) {
      throw new InvalidInvoiceException(id(), "it has " + reviewNotes.size()
          + " review notes, more than " + InputLimits.REVIEW_NOTES + "; merge some");
    }
    for (int i = 0; i < reviewNotes.size(); i++) {
      text("review note " + (i + 1), reviewNotes.get(i), InputLimits.REASON_LENGTH);
    }
    Map<String, String> references = externalReferences();
    if (references.size() > InputLimits.EXTERNAL_REFERENCES) {
      throw new InvalidInvoiceException(id(), "it has " + references.size()
          + " external references, more than " + InputLimits.EXTERNAL_REFERENCES);
    }
    for (Map.Entry<String, String> reference : references.entrySet()) {
      String system = reference.getKey();
      String problem = Inputs.textProblem(system, InputLimits.ID_LENGTH);
      if (problem != null) {
        throw new InvalidInvoiceException(id(), "an external reference's system name " + problem);
      }
      problem = Inputs.textProblem(reference.getValue(), InputLimits.ID_LENGTH);
      if (problem != null) {
        throw new InvalidInvoiceException(id(), "the external reference for " + system + " "
            + problem);
      }
      if (system.isBlank() || reference.getValue().isBlank()) {
        throw new InvalidInvoiceException(id(), "an external reference needs a system name and an"
            + " id, got '" + system + "' -> '" + reference.getValue() + "'");
      }
      problem = Inputs.idProblem(system);
      if (problem == null) {
        problem = Inputs.idProblem(reference.getValue());
      }
      if (problem != null) {
        throw new InvalidInvoiceException(id(), "the external reference for " + system + " "
            + problem);
      }
    }
  }

  private void text(String what, String text, int maxCodePoints) {
    String problem = Inputs.textProblem(text, maxCodePoints);
    if (problem != null) {
      throw new InvalidInvoiceException(id(), what + " " + problem);
    }
  }

  private void checkAmounts() {
    prepaidAmount().ifPresent(amount -> amount("the prepaid amount", amount));
    roundingAmount().ifPresent(amount -> amount("the rounding amount", amount));
    for (TaxAmount tax : externalTaxAmounts()) {
      amount("the external tax amount for " + tax.taxCode(), tax.amount());
    }
  }

  private void amount(String what, Money amount) {
    String problem = Inputs.amountProblem(amount);
    if (problem != null) {
      throw new InvalidInvoiceException(id(), what + " " + problem);
    }
  }

  /** Refuses totals no database column holds: the lines' inputs are bounded, their products not. */
  private void checkTotals(InvoiceTotals totals) {
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

  private void checkPaymentIds() {
    if (payments().size() < 2) {
      return;
    }
    Set<PaymentId> paymentIds = new HashSet<>();
    for (Payment payment : payments()) {
      if (!paymentIds.add(payment.id())) {
        throw new InvalidInvoiceException(
            id(), "payment id " + payment.id()
                + " is recorded twice; every payment needs its own id");
      }
    }
  }
}
