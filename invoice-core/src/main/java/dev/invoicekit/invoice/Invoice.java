package dev.invoicekit.invoice;

import dev.invoicekit.internal.HandWrittenBuilderStyle;
import dev.invoicekit.internal.Inputs;
import dev.invoicekit.money.RoundingPolicy;
import dev.invoicekit.tax.TaxAmount;
import dev.invoicekit.totals.InvoiceTotals;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.immutables.value.Value;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * An invoice: who is billed, for what, in which currency, with which discounts and taxes, in which
 * status. It is its financial {@link #content()} (an {@link InvoiceContent}, whose totals are
 * derived once, by {@link InvoiceCalculator}, following EN 16931 exactly) plus its state: status,
 * number, version, dates, parties, payments and texts. A copy with another state keeps the very
 * same content object, so it checks and computes nothing of the content again.
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
@HandWrittenBuilderStyle
public abstract class Invoice implements WithInvoice {

  // Implemented by the generated value class only: hosts build one, they do not subclass.
  Invoice() {}

  /**
   * Builds an invoice; id, account, currency and invoice date are required. Takes the state and
   * the content's fields alike; {@link #content(InvoiceContent)} sets a whole content at once.
   *
   * <p>Not thread-safe; use one builder per thread.
   */
  public static final class Builder {

    private InvoiceId id;
    private TenantId tenant = TenantId.DEFAULT;
    private Optional<InvoiceNumber> number = Optional.empty();
    private InvoiceStatus status = InvoiceStatus.DRAFT;
    private long version;
    private LocalDate invoiceDate;
    private Optional<LocalDate> dueDate = Optional.empty();
    private Optional<PaymentTerms> paymentTerms = Optional.empty();
    private AccountId account;
    private Optional<ContactId> contact = Optional.empty();
    private Optional<OpportunityId> opportunity = Optional.empty();
    private final List<Payment> payments = new ArrayList<>();
    private final List<Settlement> settlements = new ArrayList<>();
    private Optional<String> notes = Optional.empty();
    private Optional<String> terms = Optional.empty();
    private final List<String> reviewNotes = new ArrayList<>();
    private final Map<String, String> externalReferences = new LinkedHashMap<>();
    // The content as given whole (by from or content), and the field changes made since: a builder
    // that changes no content field hands the very same content object to the invoice it builds.
    private InvoiceContent content;
    private InvoiceContent.Builder contentChanges;
    private boolean currencySet;

    /** An empty builder. */
    public Builder() {}

    /**
     * Fills the builder from an invoice: its state and its very content object.
     *
     * @param invoice the invoice, not null
     * @return this builder
     */
    public final Builder from(Invoice invoice) {
      id = invoice.id();
      tenant = invoice.tenant();
      number = invoice.number();
      status = invoice.status();
      version = invoice.version();
      invoiceDate = invoice.invoiceDate();
      dueDate = invoice.dueDate();
      paymentTerms = invoice.paymentTerms();
      account = invoice.account();
      contact = invoice.contact();
      opportunity = invoice.opportunity();
      payments(invoice.payments());
      settlements(invoice.settlements());
      notes = invoice.notes();
      terms = invoice.terms();
      reviewNotes(invoice.reviewNotes());
      externalReferences(invoice.externalReferences());
      return content(invoice.content());
    }

    /**
     * Sets the stable technical id (required).
     *
     * @param id the id, not null
     * @return this builder
     */
    public final Builder id(InvoiceId id) {
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    /**
     * Sets the tenant; {@link TenantId#DEFAULT} unless set.
     *
     * @param tenant the tenant, not null
     * @return this builder
     */
    public final Builder tenant(TenantId tenant) {
      this.tenant = Objects.requireNonNull(tenant, "tenant");
      return this;
    }

    /**
     * Sets the status; {@link InvoiceStatus#DRAFT} unless set.
     *
     * @param status the status, not null
     * @return this builder
     */
    public final Builder status(InvoiceStatus status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    /**
     * Sets the version; 0 unless set.
     *
     * @param version the version
     * @return this builder
     */
    public final Builder version(long version) {
      this.version = version;
      return this;
    }

    /**
     * Sets the invoice date (required).
     *
     * @param invoiceDate the date, not null
     * @return this builder
     */
    public final Builder invoiceDate(LocalDate invoiceDate) {
      this.invoiceDate = Objects.requireNonNull(invoiceDate, "invoiceDate");
      return this;
    }

    /**
     * Sets the account billed (required).
     *
     * @param account the account, not null
     * @return this builder
     */
    public final Builder account(AccountId account) {
      this.account = Objects.requireNonNull(account, "account");
      return this;
    }

    /**
     * Sets the {@link Invoice#number()}.
     *
     * @param number the value, not null
     * @return this builder
     */
    public final Builder number(InvoiceNumber number) {
      this.number = Optional.of(number);
      return this;
    }

    /**
     * Sets or clears the {@link Invoice#number()}.
     *
     * @param number the value or empty, not null
     * @return this builder
     */
    public final Builder number(Optional<? extends InvoiceNumber> number) {
      this.number = Optional.ofNullable(number.orElse(null));
      return this;
    }

    /**
     * Sets the {@link Invoice#dueDate()}.
     *
     * @param dueDate the value, not null
     * @return this builder
     */
    public final Builder dueDate(LocalDate dueDate) {
      this.dueDate = Optional.of(dueDate);
      return this;
    }

    /**
     * Sets or clears the {@link Invoice#dueDate()}.
     *
     * @param dueDate the value or empty, not null
     * @return this builder
     */
    public final Builder dueDate(Optional<? extends LocalDate> dueDate) {
      this.dueDate = Optional.ofNullable(dueDate.orElse(null));
      return this;
    }

    /**
     * Sets the {@link Invoice#paymentTerms()}.
     *
     * @param paymentTerms the value, not null
     * @return this builder
     */
    public final Builder paymentTerms(PaymentTerms paymentTerms) {
      this.paymentTerms = Optional.of(paymentTerms);
      return this;
    }

    /**
     * Sets or clears the {@link Invoice#paymentTerms()}.
     *
     * @param paymentTerms the value or empty, not null
     * @return this builder
     */
    public final Builder paymentTerms(Optional<? extends PaymentTerms> paymentTerms) {
      this.paymentTerms = Optional.ofNullable(paymentTerms.orElse(null));
      return this;
    }

    /**
     * Sets the {@link Invoice#contact()}.
     *
     * @param contact the value, not null
     * @return this builder
     */
    public final Builder contact(ContactId contact) {
      this.contact = Optional.of(contact);
      return this;
    }

    /**
     * Sets or clears the {@link Invoice#contact()}.
     *
     * @param contact the value or empty, not null
     * @return this builder
     */
    public final Builder contact(Optional<? extends ContactId> contact) {
      this.contact = Optional.ofNullable(contact.orElse(null));
      return this;
    }

    /**
     * Sets the {@link Invoice#opportunity()}.
     *
     * @param opportunity the value, not null
     * @return this builder
     */
    public final Builder opportunity(OpportunityId opportunity) {
      this.opportunity = Optional.of(opportunity);
      return this;
    }

    /**
     * Sets or clears the {@link Invoice#opportunity()}.
     *
     * @param opportunity the value or empty, not null
     * @return this builder
     */
    public final Builder opportunity(Optional<? extends OpportunityId> opportunity) {
      this.opportunity = Optional.ofNullable(opportunity.orElse(null));
      return this;
    }

    /**
     * Sets the {@link Invoice#notes()}.
     *
     * @param notes the value, not null
     * @return this builder
     */
    public final Builder notes(String notes) {
      this.notes = Optional.of(notes);
      return this;
    }

    /**
     * Sets or clears the {@link Invoice#notes()}.
     *
     * @param notes the value or empty, not null
     * @return this builder
     */
    public final Builder notes(Optional<? extends String> notes) {
      this.notes = Optional.ofNullable(notes.orElse(null));
      return this;
    }

    /**
     * Sets the {@link Invoice#terms()}.
     *
     * @param terms the value, not null
     * @return this builder
     */
    public final Builder terms(String terms) {
      this.terms = Optional.of(terms);
      return this;
    }

    /**
     * Sets or clears the {@link Invoice#terms()}.
     *
     * @param terms the value or empty, not null
     * @return this builder
     */
    public final Builder terms(Optional<? extends String> terms) {
      this.terms = Optional.ofNullable(terms.orElse(null));
      return this;
    }

    /**
     * Adds a payment.
     *
     * @param payment the payment, not null
     * @return this builder
     */
    public final Builder addPayment(Payment payment) {
      payments.add(Objects.requireNonNull(payment, "payment"));
      return this;
    }

    /**
     * Adds payments.
     *
     * @param payments the payments, not null
     * @return this builder
     */
    public final Builder addPayments(Payment... payments) {
      addAllPayments(Arrays.asList(payments));
      return this;
    }

    /**
     * Adds payments.
     *
     * @param payments the payments, not null
     * @return this builder
     */
    public final Builder addAllPayments(Iterable<? extends Payment> payments) {
      payments.forEach(this::addPayment);
      return this;
    }

    /**
     * Replaces the payments.
     *
     * @param payments the payments, not null
     * @return this builder
     */
    public final Builder payments(Iterable<? extends Payment> payments) {
      this.payments.clear();
      addAllPayments(payments);
      return this;
    }

    /**
     * Adds a settlement (a credit, applied account credit, a write-off or its reversal).
     *
     * @param settlement the settlement, not null
     * @return this builder
     */
    public final Builder addSettlement(Settlement settlement) {
      settlements.add(Objects.requireNonNull(settlement, "settlement"));
      return this;
    }

    /**
     * Replaces the settlements.
     *
     * @param settlements the settlements, not null
     * @return this builder
     */
    public final Builder settlements(Iterable<? extends Settlement> settlements) {
      this.settlements.clear();
      settlements.forEach(this::addSettlement);
      return this;
    }

    /**
     * Adds a review note.
     *
     * @param note the note, not null
     * @return this builder
     */
    public final Builder addReviewNote(String note) {
      reviewNotes.add(Objects.requireNonNull(note, "note"));
      return this;
    }

    /**
     * Adds review notes.
     *
     * @param notes the notes, not null
     * @return this builder
     */
    public final Builder addReviewNotes(String... notes) {
      addAllReviewNotes(Arrays.asList(notes));
      return this;
    }

    /**
     * Adds review notes.
     *
     * @param notes the notes, not null
     * @return this builder
     */
    public final Builder addAllReviewNotes(Iterable<String> notes) {
      notes.forEach(this::addReviewNote);
      return this;
    }

    /**
     * Replaces the review notes.
     *
     * @param notes the notes, not null
     * @return this builder
     */
    public final Builder reviewNotes(Iterable<String> notes) {
      this.reviewNotes.clear();
      addAllReviewNotes(notes);
      return this;
    }

    /**
     * Adds an id of this invoice in another system.
     *
     * @param system the system's name, not null
     * @param id the id there, not null
     * @return this builder
     */
    public final Builder putExternalReference(String system, String id) {
      externalReferences.put(
          Objects.requireNonNull(system, "system"), Objects.requireNonNull(id, "id"));
      return this;
    }

    /**
     * Adds ids of this invoice in other systems.
     *
     * @param references the ids by system name, not null
     * @return this builder
     */
    public final Builder putAllExternalReferences(Map<String, ? extends String> references) {
      references.forEach(this::putExternalReference);
      return this;
    }

    /**
     * Replaces the ids of this invoice in other systems.
     *
     * @param references the ids by system name, not null
     * @return this builder
     */
    public final Builder externalReferences(Map<String, ? extends String> references) {
      this.externalReferences.clear();
      putAllExternalReferences(references);
      return this;
    }

    /**
     * Sets the whole financial content, replacing any content field set before.
     *
     * @param content the content, not null
     * @return this builder
     */
    public final Builder content(InvoiceContent content) {
      this.content = Objects.requireNonNull(content, "content");
      this.contentChanges = null;
      return this;
    }

    /**
     * Sets the currency (required).
     *
     * @param currency the currency, not null
     * @return this builder
     */
    public final Builder currency(CurrencyUnit currency) {
      contentChanges().currency(currency);
      currencySet = true;
      return this;
    }

    /**
     * Sets the currency by its ISO 4217 code, such as {@code "EUR"}.
     *
     * @param currencyCode the code, not null
     * @return this builder
     */
    public final Builder currency(String currencyCode) {
      return currency(CurrencyUnit.of(currencyCode));
    }

    /**
     * Adds one of the {@link InvoiceContent#lines()}.
     *
     * @param element the element, not null
     * @return this builder
     */
    public final Builder addLine(LineItem element) {
      contentChanges().addLine(element);
      return this;
    }

    /**
     * Adds {@link InvoiceContent#lines()}.
     *
     * @param elements the elements, not null
     * @return this builder
     */
    public final Builder addLines(LineItem... elements) {
      contentChanges().addLines(elements);
      return this;
    }

    /**
     * Adds {@link InvoiceContent#lines()}.
     *
     * @param elements the elements, not null
     * @return this builder
     */
    public final Builder addAllLines(Iterable<? extends LineItem> elements) {
      contentChanges().addAllLines(elements);
      return this;
    }

    /**
     * Replaces the {@link InvoiceContent#lines()}.
     *
     * @param elements the elements, not null
     * @return this builder
     */
    public final Builder lines(Iterable<? extends LineItem> elements) {
      contentChanges().lines(elements);
      return this;
    }

    /**
     * Adds one of the {@link InvoiceContent#documentAllowanceCharges()}.
     *
     * @param element the element, not null
     * @return this builder
     */
    public final Builder addDocumentAllowanceCharge(DocumentAllowanceCharge element) {
      contentChanges().addDocumentAllowanceCharge(element);
      return this;
    }

    /**
     * Adds {@link InvoiceContent#documentAllowanceCharges()}.
     *
     * @param elements the elements, not null
     * @return this builder
     */
    public final Builder addDocumentAllowanceCharges(DocumentAllowanceCharge... elements) {
      contentChanges().addDocumentAllowanceCharges(elements);
      return this;
    }

    /**
     * Adds {@link InvoiceContent#documentAllowanceCharges()}.
     *
     * @param elements the elements, not null
     * @return this builder
     */
    public final Builder addAllDocumentAllowanceCharges(
        Iterable<? extends DocumentAllowanceCharge> elements) {
      contentChanges().addAllDocumentAllowanceCharges(elements);
      return this;
    }

    /**
     * Replaces the {@link InvoiceContent#documentAllowanceCharges()}.
     *
     * @param elements the elements, not null
     * @return this builder
     */
    public final Builder documentAllowanceCharges(
        Iterable<? extends DocumentAllowanceCharge> elements) {
      contentChanges().documentAllowanceCharges(elements);
      return this;
    }

    /**
     * Adds one of the {@link InvoiceContent#externalTaxAmounts()}.
     *
     * @param element the element, not null
     * @return this builder
     */
    public final Builder addExternalTaxAmount(TaxAmount element) {
      contentChanges().addExternalTaxAmount(element);
      return this;
    }

    /**
     * Adds {@link InvoiceContent#externalTaxAmounts()}.
     *
     * @param elements the elements, not null
     * @return this builder
     */
    public final Builder addExternalTaxAmounts(TaxAmount... elements) {
      contentChanges().addExternalTaxAmounts(elements);
      return this;
    }

    /**
     * Adds {@link InvoiceContent#externalTaxAmounts()}.
     *
     * @param elements the elements, not null
     * @return this builder
     */
    public final Builder addAllExternalTaxAmounts(Iterable<? extends TaxAmount> elements) {
      contentChanges().addAllExternalTaxAmounts(elements);
      return this;
    }

    /**
     * Replaces the {@link InvoiceContent#externalTaxAmounts()}.
     *
     * @param elements the elements, not null
     * @return this builder
     */
    public final Builder externalTaxAmounts(Iterable<? extends TaxAmount> elements) {
      contentChanges().externalTaxAmounts(elements);
      return this;
    }

    /**
     * Sets the {@link InvoiceContent#overallDiscount()}.
     *
     * @param overallDiscount the value, not null
     * @return this builder
     */
    public final Builder overallDiscount(OverallDiscount overallDiscount) {
      contentChanges().overallDiscount(overallDiscount);
      return this;
    }

    /**
     * Sets or clears the {@link InvoiceContent#overallDiscount()}.
     *
     * @param overallDiscount the value or empty, not null
     * @return this builder
     */
    public final Builder overallDiscount(Optional<? extends OverallDiscount> overallDiscount) {
      contentChanges().overallDiscount(overallDiscount);
      return this;
    }

    /**
     * Sets the {@link InvoiceContent#prepaidAmount()}.
     *
     * @param prepaidAmount the value, not null
     * @return this builder
     */
    public final Builder prepaidAmount(Money prepaidAmount) {
      contentChanges().prepaidAmount(prepaidAmount);
      return this;
    }

    /**
     * Sets or clears the {@link InvoiceContent#prepaidAmount()}.
     *
     * @param prepaidAmount the value or empty, not null
     * @return this builder
     */
    public final Builder prepaidAmount(Optional<? extends Money> prepaidAmount) {
      contentChanges().prepaidAmount(prepaidAmount);
      return this;
    }

    /**
     * Sets the {@link InvoiceContent#roundingAmount()}.
     *
     * @param roundingAmount the value, not null
     * @return this builder
     */
    public final Builder roundingAmount(Money roundingAmount) {
      contentChanges().roundingAmount(roundingAmount);
      return this;
    }

    /**
     * Sets or clears the {@link InvoiceContent#roundingAmount()}.
     *
     * @param roundingAmount the value or empty, not null
     * @return this builder
     */
    public final Builder roundingAmount(Optional<? extends Money> roundingAmount) {
      contentChanges().roundingAmount(roundingAmount);
      return this;
    }

    /**
     * Sets whether prices include tax; false unless set.
     *
     * @param pricesIncludeTax true for tax-inclusive prices
     * @return this builder
     */
    public final Builder pricesIncludeTax(boolean pricesIncludeTax) {
      contentChanges().pricesIncludeTax(pricesIncludeTax);
      return this;
    }

    /**
     * Sets the rounding policy; EN 16931's unless set.
     *
     * @param roundingPolicy the policy, not null
     * @return this builder
     */
    public final Builder roundingPolicy(RoundingPolicy roundingPolicy) {
      contentChanges().roundingPolicy(roundingPolicy);
      return this;
    }

    private InvoiceContent.Builder contentChanges() {
      if (contentChanges == null) {
        contentChanges = new InvoiceContent.Builder();
        if (content != null) {
          contentChanges.from(content);
          currencySet = true;
        }
      }
      return contentChanges;
    }

    /**
     * Builds the invoice.
     *
     * @return the invoice, not null
     * @throws IllegalStateException if a required attribute (id, account, currency, invoice date)
     *     is not set
     * @throws InvalidInvoiceException if the invoice or its content breaks a rule
     */
    public Invoice build() {
      List<String> missing = new ArrayList<>();
      if (id == null) {
        missing.add("id");
      }
      if (content == null && !currencySet) {
        missing.add("currency");
      }
      if (invoiceDate == null) {
        missing.add("invoiceDate");
      }
      if (account == null) {
        missing.add("account");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException(
            "Cannot build Invoice, some of required attributes are not set " + missing);
      }
      InvoiceContent built = content;
      if (contentChanges != null) {
        try {
          built = contentChanges.build();
        } catch (InvalidInvoiceException refused) {
          throw refused.forInvoice(id);
        }
      }
      return ImmutableInvoice.of(id, tenant, number, status, version, invoiceDate, dueDate,
          paymentTerms, account, contact, opportunity, built, payments, settlements, notes, terms,
          reviewNotes,
          externalReferences);
    }
  }

  /** The stable technical id. */
  @Value.Parameter
  public abstract InvoiceId id();

  /** The tenant the invoice belongs to; {@link TenantId#DEFAULT} for a single-tenant host. */
  @Value.Parameter
  public abstract TenantId tenant();

  /** The legal number; empty for a draft until it is sent, unless given by hand. */
  @Value.Parameter
  public abstract Optional<InvoiceNumber> number();

  /** The status; {@link InvoiceStatus#DRAFT} for a new invoice. */
  @Value.Parameter
  public abstract InvoiceStatus status();

  /** The version for optimistic locking; 0 for an invoice never saved. */
  @Value.Parameter
  public abstract long version();

  /** The invoice date (issue date). */
  @Value.Parameter
  public abstract LocalDate invoiceDate();

  /** The due date when given outright; see {@link #effectiveDueDate()}. */
  @Value.Parameter
  public abstract Optional<LocalDate> dueDate();

  /** Payment terms, from which the due date is derived when none is given. */
  @Value.Parameter
  public abstract Optional<PaymentTerms> paymentTerms();

  /** The account (organization) billed. */
  @Value.Parameter
  public abstract AccountId account();

  /** The billing contact at the account. */
  @Value.Parameter
  public abstract Optional<ContactId> contact();

  /** The opportunity the invoice was created from. */
  @Value.Parameter
  public abstract Optional<OpportunityId> opportunity();

  /**
   * The financial content: currency, lines, allowances and charges, discount, tax inputs, prepaid
   * and rounding amounts, rounding policy; frozen once the invoice is sent.
   */
  @Value.Parameter
  public abstract InvoiceContent content();

  /** Payments and refunds recorded against the invoice, in the order recorded. */
  @Value.Parameter
  public abstract List<Payment> payments();

  /**
   * Credits, applied account credit, write-offs and their reversals, in the order recorded; each
   * changes the balance without money moving on this invoice.
   */
  @Value.Parameter
  public abstract List<Settlement> settlements();

  /** Free-text notes for the customer. */
  @Value.Parameter
  public abstract Optional<String> notes();

  /** Terms and conditions text. */
  @Value.Parameter
  public abstract Optional<String> terms();

  /**
   * Notes for whoever reviews the draft before sending, such as a warning that the lines do not add
   * up to the opportunity the draft was made from; never printed on the document.
   */
  @Value.Parameter
  public abstract List<String> reviewNotes();

  /** Ids of this invoice in other systems, by system name, such as {@code "ledger" -> "4711"}. */
  @Value.Parameter
  public abstract Map<String, String> externalReferences();

  /**
   * The one currency of every amount on the invoice. Part of the {@link #content()}.
   *
   * @return the value, not null
   */
  public final CurrencyUnit currency() {
    return content().currency();
  }

  /**
   * The lines, in document order. Part of the {@link #content()}.
   *
   * @return the value, not null
   */
  public final List<LineItem> lines() {
    return content().lines();
  }

  /**
   * Allowances and charges on the whole invoice, each with its own tax code. Part of the {@link
   * #content()}.
   *
   * @return the value, not null
   */
  public final List<DocumentAllowanceCharge> documentAllowanceCharges() {
    return content().documentAllowanceCharges();
  }

  /**
   * The product's overall discount, split across the tax groups. Part of the {@link #content()}.
   *
   * @return the value, not null
   */
  public final Optional<OverallDiscount> overallDiscount() {
    return content().overallDiscount();
  }

  /**
   * True when prices include tax; see {@link InvoiceContent#pricesIncludeTax()}. Part of the {@link
   * #content()}.
   *
   * @return the value, not null
   */
  public final boolean pricesIncludeTax() {
    return content().pricesIncludeTax();
  }

  /**
   * Tax amounts supplied by an external tax engine; see {@link
   * InvoiceContent#externalTaxAmounts()}. Part of the {@link #content()}.
   *
   * @return the value, not null
   */
  public final List<TaxAmount> externalTaxAmounts() {
    return content().externalTaxAmounts();
  }

  /**
   * An amount paid before the invoice was issued (EN 16931 BT-113). Part of the {@link #content()}.
   *
   * @return the value, not null
   */
  public final Optional<Money> prepaidAmount() {
    return content().prepaidAmount();
  }

  /**
   * A rounding amount given outright (EN 16931 BT-114). Part of the {@link #content()}.
   *
   * @return the value, not null
   */
  public final Optional<Money> roundingAmount() {
    return content().roundingAmount();
  }

  /**
   * How amounts are rounded. Part of the {@link #content()}.
   *
   * @return the value, not null
   */
  public final RoundingPolicy roundingPolicy() {
    return content().roundingPolicy();
  }

  /**
   * A copy with another currency of the content.
   *
   * @param currency the currency, not null
   * @return the copy, or this invoice if nothing changed
   * @throws InvalidInvoiceException if the changed content breaks a rule
   */
  public final Invoice withCurrency(CurrencyUnit currency) {
    return withContentChange(content -> content.withCurrency(currency));
  }

  /**
   * A copy with another {@link InvoiceContent#lines()} of the content.
   *
   * @param elements the elements, not null
   * @return the copy, or this invoice if nothing changed
   * @throws InvalidInvoiceException if the changed content breaks a rule
   */
  public final Invoice withLines(Iterable<? extends LineItem> elements) {
    return withContentChange(content -> content.withLines(elements));
  }

  /**
   * A copy with another {@link InvoiceContent#lines()} of the content.
   *
   * @param elements the elements, not null
   * @return the copy, or this invoice if nothing changed
   * @throws InvalidInvoiceException if the changed content breaks a rule
   */
  public final Invoice withLines(LineItem... elements) {
    return withContentChange(content -> content.withLines(elements));
  }

  /**
   * A copy with another {@link InvoiceContent#documentAllowanceCharges()} of the content.
   *
   * @param elements the elements, not null
   * @return the copy, or this invoice if nothing changed
   * @throws InvalidInvoiceException if the changed content breaks a rule
   */
  public final Invoice withDocumentAllowanceCharges(
      Iterable<? extends DocumentAllowanceCharge> elements) {
    return withContentChange(content -> content.withDocumentAllowanceCharges(elements));
  }

  /**
   * A copy with another {@link InvoiceContent#documentAllowanceCharges()} of the content.
   *
   * @param elements the elements, not null
   * @return the copy, or this invoice if nothing changed
   * @throws InvalidInvoiceException if the changed content breaks a rule
   */
  public final Invoice withDocumentAllowanceCharges(DocumentAllowanceCharge... elements) {
    return withContentChange(content -> content.withDocumentAllowanceCharges(elements));
  }

  /**
   * A copy with another {@link InvoiceContent#externalTaxAmounts()} of the content.
   *
   * @param elements the elements, not null
   * @return the copy, or this invoice if nothing changed
   * @throws InvalidInvoiceException if the changed content breaks a rule
   */
  public final Invoice withExternalTaxAmounts(Iterable<? extends TaxAmount> elements) {
    return withContentChange(content -> content.withExternalTaxAmounts(elements));
  }

  /**
   * A copy with another {@link InvoiceContent#externalTaxAmounts()} of the content.
   *
   * @param elements the elements, not null
   * @return the copy, or this invoice if nothing changed
   * @throws InvalidInvoiceException if the changed content breaks a rule
   */
  public final Invoice withExternalTaxAmounts(TaxAmount... elements) {
    return withContentChange(content -> content.withExternalTaxAmounts(elements));
  }

  /**
   * A copy with another {@link InvoiceContent#overallDiscount()} of the content.
   *
   * @param value the value, not null
   * @return the copy, or this invoice if nothing changed
   * @throws InvalidInvoiceException if the changed content breaks a rule
   */
  public final Invoice withOverallDiscount(OverallDiscount value) {
    return withContentChange(content -> content.withOverallDiscount(value));
  }

  /**
   * A copy with another {@link InvoiceContent#overallDiscount()} of the content.
   *
   * @param value the value or empty, not null
   * @return the copy, or this invoice if nothing changed
   * @throws InvalidInvoiceException if the changed content breaks a rule
   */
  public final Invoice withOverallDiscount(Optional<? extends OverallDiscount> value) {
    return withContentChange(content -> content.withOverallDiscount(value));
  }

  /**
   * A copy with another {@link InvoiceContent#prepaidAmount()} of the content.
   *
   * @param value the value, not null
   * @return the copy, or this invoice if nothing changed
   * @throws InvalidInvoiceException if the changed content breaks a rule
   */
  public final Invoice withPrepaidAmount(Money value) {
    return withContentChange(content -> content.withPrepaidAmount(value));
  }

  /**
   * A copy with another {@link InvoiceContent#prepaidAmount()} of the content.
   *
   * @param value the value or empty, not null
   * @return the copy, or this invoice if nothing changed
   * @throws InvalidInvoiceException if the changed content breaks a rule
   */
  public final Invoice withPrepaidAmount(Optional<? extends Money> value) {
    return withContentChange(content -> content.withPrepaidAmount(value));
  }

  /**
   * A copy with another {@link InvoiceContent#roundingAmount()} of the content.
   *
   * @param value the value, not null
   * @return the copy, or this invoice if nothing changed
   * @throws InvalidInvoiceException if the changed content breaks a rule
   */
  public final Invoice withRoundingAmount(Money value) {
    return withContentChange(content -> content.withRoundingAmount(value));
  }

  /**
   * A copy with another {@link InvoiceContent#roundingAmount()} of the content.
   *
   * @param value the value or empty, not null
   * @return the copy, or this invoice if nothing changed
   * @throws InvalidInvoiceException if the changed content breaks a rule
   */
  public final Invoice withRoundingAmount(Optional<? extends Money> value) {
    return withContentChange(content -> content.withRoundingAmount(value));
  }

  /**
   * A copy with another {@link InvoiceContent#pricesIncludeTax()} of the content.
   *
   * @param value true for tax-inclusive prices
   * @return the copy, or this invoice if nothing changed
   * @throws InvalidInvoiceException if the changed content breaks a rule
   */
  public final Invoice withPricesIncludeTax(boolean value) {
    return withContentChange(content -> content.withPricesIncludeTax(value));
  }

  /**
   * A copy with another {@link InvoiceContent#roundingPolicy()} of the content.
   *
   * @param value the policy, not null
   * @return the copy, or this invoice if nothing changed
   * @throws InvalidInvoiceException if the changed content breaks a rule
   */
  public final Invoice withRoundingPolicy(RoundingPolicy value) {
    return withContentChange(content -> content.withRoundingPolicy(value));
  }

  private Invoice withContentChange(UnaryOperator<InvoiceContent> change) {
    InvoiceContent changed;
    try {
      changed = change.apply(content());
    } catch (InvalidInvoiceException refused) {
      throw refused.forInvoice(id());
    }
    return withContent(changed);
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
   * The totals: the content's, computed once when the content was built, with the payments
   * recorded added to the amount paid and the amount due.
   *
   * @return the totals, not null
   */
  @Value.Lazy
  public InvoiceTotals totals() {
    return InvoiceCalculator.settle(content().totals(), content(), payments(), settlements());
  }

  @Value.Check
  protected void check() {
    // Dates and text first: nothing below may compute with a date or print a text out of bounds.
    checkDates();
    checkTexts();
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
    checkPayments();
    checkSettlements();
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

  private void amount(String what, Money amount) {
    String problem = Inputs.amountProblem(amount);
    if (problem != null) {
      throw new InvalidInvoiceException(id(), what + " " + problem);
    }
  }

  /** One currency, distinct ids, and an amount paid and due that a database column holds. */
  private void checkPayments() {
    List<Payment> payments = payments();
    if (payments.isEmpty()) {
      return;
    }
    CurrencyUnit currency = currency();
    for (Payment payment : payments) {
      if (!payment.amount().getCurrencyUnit().equals(currency)) {
        throw new CurrencyMismatchException(
            id(), "payment " + payment.id(), currency, payment.amount().getCurrencyUnit());
      }
    }
    if (payments.size() > 1) {
      Set<PaymentId> paymentIds = new HashSet<>();
      for (Payment payment : payments) {
        if (!paymentIds.add(payment.id())) {
          throw new InvalidInvoiceException(id(), "payment id " + payment.id()
              + " is recorded twice; every payment needs its own id");
        }
      }
    }
    InvoiceTotals totals = totals();
    amount("the amount paid", totals.amountPaid());
    amount("the amount due", totals.amountDue());
  }

  /** One currency and distinct ids; the balance is checked with the payments. */
  private void checkSettlements() {
    List<Settlement> settlements = settlements();
    if (settlements.isEmpty()) {
      return;
    }
    CurrencyUnit currency = currency();
    Set<SettlementId> ids = new HashSet<>();
    for (Settlement settlement : settlements) {
      if (!settlement.amount().getCurrencyUnit().equals(currency)) {
        throw new CurrencyMismatchException(
            id(), "settlement " + settlement.id(), currency, settlement.amount().getCurrencyUnit());
      }
      if (!ids.add(settlement.id())) {
        throw new InvalidInvoiceException(id(), "settlement id " + settlement.id()
            + " is recorded twice; every settlement needs its own id");
      }
    }
    InvoiceTotals totals = totals();
    amount("the amount due", totals.amountDue());
  }
}
