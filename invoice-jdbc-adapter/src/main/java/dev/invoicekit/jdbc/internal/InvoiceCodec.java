package dev.invoicekit.jdbc.internal;

import dev.invoicekit.credit.AccountCreditEntry;
import dev.invoicekit.credit.AccountCreditEntryId;
import dev.invoicekit.credit.CreditAllocation;
import dev.invoicekit.credit.CreditEvent;
import dev.invoicekit.credit.CreditEventType;
import dev.invoicekit.credit.CreditNoteId;
import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.events.InvoiceEventType;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.AllowanceCharge;
import dev.invoicekit.invoice.DocumentAllowanceCharge;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceContent;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.LineAllowanceCharge;
import dev.invoicekit.invoice.OverallDiscount;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.Settlement;
import dev.invoicekit.invoice.SettlementId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.money.Percentage;
import dev.invoicekit.money.RoundingPolicy;
import dev.invoicekit.money.TaxRounding;
import dev.invoicekit.tax.TaxAmount;
import dev.invoicekit.tax.TaxCode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * Turns the parts of an invoice that have no columns of their own (document allowances and
 * charges, discount, external tax, policy, references, ...) and events into the JSON the adapter
 * stores, and back. Amounts are stored without currency: the invoice row carries it. A credit
 * note's content is stored the same way, in the invoice content's format without the invoice's own
 * fields; invoice events carry their settlement, and credit-note and ledger events their
 * allocation and ledger entry, in the event's currency.
 *
 * <h2>Format version</h2>
 *
 * <p>Everything written carries the version of its encoding, so that a later release can change
 * it and still tell old rows from new ones. The invoice content and the event payload are JSON
 * objects and carry it under the key {@code "v"} (the event's {@code "version"} is the
 * invoice's version, not the format's). A line's allowances and charges were written by the first
 * release as a bare array; they are now written as {@code {"v":"1","parts":[...]}}. The tag is
 * kept in the line's own column rather than taken from the invoice row because the two are not
 * rewritten together: the lines of a sent invoice stay as first written while its content is
 * rewritten on every save, so after an upgrade the content can be of a newer format than its
 * lines. A line without allowances or charges (most lines) is still written as {@code []}: an
 * empty list means the same in every format, and the short text keeps the column small.
 *
 * <p>Readers take text without a tag (as written by the first release, and a bare array for the
 * allowances and charges) as format 1, and refuse a newer format with a message asking for an
 * upgrade. Every way stored text can fail to decode (not JSON, a value of the wrong shape, a
 * missing field, a value the library refuses, a newer format) is a {@link MalformedJsonException}
 * whose message names the field and the problem but none of the stored values.
 */
public final class InvoiceCodec {

  /** The key of the format version in the objects written. */
  static final String FORMAT_KEY = "v";

  /** The format version this release writes. */
  static final String FORMAT = "1";

  private static final String CONTENT = "invoice content";
  private static final String LINE_PARTS = "list of line allowances and charges";
  private static final String EVENT = "event payload";
  private static final String NOTE_CONTENT = "credit note content";
  private static final String CREDIT_EVENT = "credit event payload";

  private InvoiceCodec() {}

  // ---- invoice content -------------------------------------------------------------------------

  /**
   * The invoice's content that is not in columns, as JSON.
   *
   * @param invoice the invoice
   * @return the JSON text
   */
  public static String content(Invoice invoice) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(FORMAT_KEY, FORMAT);
    invoice.dueDate().ifPresent(d -> json.put("dueDate", d.toString()));
    invoice.paymentTerms().ifPresent(t -> {
      Map<String, Object> terms = new LinkedHashMap<>();
      terms.put("netDays", Integer.toString(t.netDays()));
      terms.put("description", t.description().orElse(null));
      json.put("paymentTerms", terms);
    });
    putCalculationInputs(json, invoice.content());
    invoice.notes().ifPresent(n -> json.put("notes", n));
    invoice.terms().ifPresent(t -> json.put("terms", t));
    json.put("externalReferences", new LinkedHashMap<>(invoice.externalReferences()));
    json.put("reviewNotes", new ArrayList<>(invoice.reviewNotes()));
    json.put("roundingPolicy", roundingPolicy(invoice.roundingPolicy()));
    return Json.write(json);
  }

  /** The inputs of the calculation besides the lines, in the order the invoice content has them. */
  private static void putCalculationInputs(Map<String, Object> json, InvoiceContent content) {
    List<Object> parts = new ArrayList<>();
    for (DocumentAllowanceCharge part : content.documentAllowanceCharges()) {
      Map<String, Object> map = allowanceCharge(part);
      map.put("tax", part.taxCode().toString());
      parts.add(map);
    }
    json.put("documentAllowanceCharges", parts);
    content.overallDiscount().ifPresent(d -> json.put("overallDiscount",
        d.percentage().map(p -> (Object) Map.of("percent", p.toString()))
            .orElseGet(() -> Map.of("fixed", amount(d.fixedAmount().orElseThrow())))));
    json.put("pricesIncludeTax", content.pricesIncludeTax());
    List<Object> taxes = new ArrayList<>();
    for (TaxAmount tax : content.externalTaxAmounts()) {
      taxes.add(Map.of("tax", tax.taxCode().toString(), "amount", amount(tax.amount())));
    }
    json.put("externalTaxAmounts", taxes);
    content.prepaidAmount().ifPresent(m -> json.put("prepaidAmount", amount(m)));
    content.roundingAmount().ifPresent(m -> json.put("roundingAmount", amount(m)));
  }

  private static Map<String, Object> roundingPolicy(RoundingPolicy policy) {
    Map<String, Object> rounding = new LinkedHashMap<>();
    rounding.put("mode", policy.mode().name());
    rounding.put("taxRounding", policy.taxRounding().name());
    rounding.put("cashIncrement", policy.cashRoundingIncrement().map(BigDecimal::toPlainString)
        .orElse(null));
    return rounding;
  }

  /**
   * Fills a builder with the content {@link #content(Invoice)} wrote, in this or an earlier
   * release.
   *
   * @param builder the builder
   * @param text the JSON text
   * @param currency the invoice's currency
   * @throws MalformedJsonException if the text cannot be decoded (see the class comment)
   */
  public static void readContent(Invoice.Builder builder, String text, CurrencyUnit currency) {
    Map<String, Object> json = versioned(Json.read(text), CONTENT);
    decoding(CONTENT, () -> {
      readContent(builder, json, currency);
      return null;
    });
  }

  private static void readContent(Invoice.Builder builder, Map<String, Object> json,
      CurrencyUnit currency) {
    string(json, "dueDate", CONTENT).map(d -> parse(d, LocalDate::parse, "dueDate", CONTENT))
        .ifPresent(builder::dueDate);
    Map<String, Object> terms = optionalObject(json, "paymentTerms", CONTENT);
    if (terms != null) {
      builder.paymentTerms(new PaymentTerms.Builder()
          .netDays(parse(required(terms, "netDays", CONTENT), Integer::parseInt, "netDays",
              CONTENT))
          .description(string(terms, "description", CONTENT))
          .build());
    }
    readCalculationInputs(json, currency, CONTENT, new CalculationInputs() {
      @Override
      public void documentAllowanceCharge(DocumentAllowanceCharge part) {
        builder.addDocumentAllowanceCharge(part);
      }

      @Override
      public void overallDiscount(OverallDiscount discount) {
        builder.overallDiscount(discount);
      }

      @Override
      public void pricesIncludeTax(boolean included) {
        builder.pricesIncludeTax(included);
      }

      @Override
      public void externalTaxAmount(TaxAmount tax) {
        builder.addExternalTaxAmount(tax);
      }

      @Override
      public void prepaidAmount(Money amount) {
        builder.prepaidAmount(amount);
      }

      @Override
      public void roundingAmount(Money amount) {
        builder.roundingAmount(amount);
      }

      @Override
      public void roundingPolicy(RoundingPolicy policy) {
        builder.roundingPolicy(policy);
      }
    });
    string(json, "notes", CONTENT).ifPresent(builder::notes);
    string(json, "terms", CONTENT).ifPresent(builder::terms);
    Map<String, Object> references = optionalObject(json, "externalReferences", CONTENT);
    if (references != null) {
      references.forEach((k, v) -> {
        if (!(v instanceof String value)) {
          // The key is the host's text: not named.
          throw shape(CONTENT, "an 'externalReferences' value is not a string");
        }
        builder.putExternalReference(k, value);
      });
    }
    for (Object note : list(json, "reviewNotes", CONTENT)) {
      if (!(note instanceof String text)) {
        throw shape(CONTENT, "a 'reviewNotes' entry is not a string");
      }
      builder.addReviewNote(text);
    }
  }

  /** Where {@link #readCalculationInputs} puts what it read: an invoice or a content builder. */
  private interface CalculationInputs {
    void documentAllowanceCharge(DocumentAllowanceCharge part);

    void overallDiscount(OverallDiscount discount);

    void pricesIncludeTax(boolean included);

    void externalTaxAmount(TaxAmount tax);

    void prepaidAmount(Money amount);

    void roundingAmount(Money amount);

    void roundingPolicy(RoundingPolicy policy);
  }

  /** Reads what {@link #putCalculationInputs} wrote, and the rounding policy. */
  private static void readCalculationInputs(Map<String, Object> json, CurrencyUnit currency,
      String what, CalculationInputs into) {
    for (Object part : list(json, "documentAllowanceCharges", what)) {
      Map<String, Object> map = asObject(part, "documentAllowanceCharges", what);
      // The shared fields are read once, as a line allowance; the document one adds its tax code.
      into.documentAllowanceCharge(new DocumentAllowanceCharge.Builder()
          .from(readAllowanceCharge(map, currency, what))
          .taxCode(taxCode(required(map, "tax", what), "tax", what))
          .build());
    }
    Map<String, Object> discount = optionalObject(json, "overallDiscount", what);
    if (discount != null) {
      into.overallDiscount(discount.containsKey("percent")
          ? OverallDiscount.percent(percentage(required(discount, "percent", what), "percent",
              what))
          : OverallDiscount.fixed(money(required(discount, "fixed", what), currency, "fixed",
              what)));
    }
    into.pricesIncludeTax(bool(json, "pricesIncludeTax", what));
    for (Object tax : list(json, "externalTaxAmounts", what)) {
      Map<String, Object> map = asObject(tax, "externalTaxAmounts", what);
      into.externalTaxAmount(TaxAmount.of(
          taxCode(required(map, "tax", what), "tax", what),
          money(required(map, "amount", what), currency, "amount", what)));
    }
    string(json, "prepaidAmount", what)
        .map(a -> money(a, currency, "prepaidAmount", what)).ifPresent(into::prepaidAmount);
    string(json, "roundingAmount", what)
        .map(a -> money(a, currency, "roundingAmount", what)).ifPresent(into::roundingAmount);
    Map<String, Object> rounding = optionalObject(json, "roundingPolicy", what);
    if (rounding != null) {
      RoundingPolicy.Builder policy = new RoundingPolicy.Builder()
          .mode(parse(required(rounding, "mode", what), RoundingMode::valueOf, "mode", what))
          .taxRounding(parse(required(rounding, "taxRounding", what), TaxRounding::valueOf,
              "taxRounding", what));
      string(rounding, "cashIncrement", what)
          .map(i -> decimal(i, "cashIncrement", what))
          .ifPresent(policy::cashRoundingIncrement);
      into.roundingPolicy(policy.build());
    }
  }

  // ---- credit note content ---------------------------------------------------------------------

  /**
   * The parts of a credit note's content that are not in columns or line rows (document
   * allowances and charges, discount, tax inputs, prepaid and rounding amounts, rounding policy),
   * as JSON in the invoice content's format.
   *
   * @param content the credit note's content
   * @return the JSON text
   */
  public static String creditNoteContent(InvoiceContent content) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(FORMAT_KEY, FORMAT);
    putCalculationInputs(json, content);
    json.put("roundingPolicy", roundingPolicy(content.roundingPolicy()));
    return Json.write(json);
  }

  /**
   * Fills a content builder, which holds the currency and lines, with what
   * {@link #creditNoteContent(InvoiceContent)} wrote.
   *
   * @param builder the builder
   * @param text the JSON text
   * @param currency the credit note's currency
   * @throws MalformedJsonException if the text cannot be decoded (see the class comment)
   */
  public static void readCreditNoteContent(InvoiceContent.Builder builder, String text,
      CurrencyUnit currency) {
    Map<String, Object> json = versioned(Json.read(text), NOTE_CONTENT);
    decoding(NOTE_CONTENT, () -> {
      readCalculationInputs(json, currency, NOTE_CONTENT, new CalculationInputs() {
        @Override
        public void documentAllowanceCharge(DocumentAllowanceCharge part) {
          builder.addDocumentAllowanceCharges(part);
        }

        @Override
        public void overallDiscount(OverallDiscount discount) {
          builder.overallDiscount(discount);
        }

        @Override
        public void pricesIncludeTax(boolean included) {
          builder.pricesIncludeTax(included);
        }

        @Override
        public void externalTaxAmount(TaxAmount tax) {
          builder.addExternalTaxAmounts(tax);
        }

        @Override
        public void prepaidAmount(Money amount) {
          builder.prepaidAmount(amount);
        }

        @Override
        public void roundingAmount(Money amount) {
          builder.roundingAmount(amount);
        }

        @Override
        public void roundingPolicy(RoundingPolicy policy) {
          builder.roundingPolicy(policy);
        }
      });
      return null;
    });
  }

  // ---- line allowances and charges
  // ---------------------------------------------------------------

  /** What {@link #lineAllowanceCharges(List)} writes for a line without any, in every format. */
  private static final String NONE = "[]";

  /**
   * A line's allowances and charges as JSON: {@code []} if none, else an object with the format
   * version and the list under {@code "parts"}.
   *
   * @param parts the allowances and charges
   * @return the JSON text
   */
  public static String lineAllowanceCharges(List<LineAllowanceCharge> parts) {
    if (parts.isEmpty()) {
      return NONE; // most lines have none
    }
    List<Object> list = new ArrayList<>(parts.size());
    parts.forEach(p -> list.add(allowanceCharge(p)));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(FORMAT_KEY, FORMAT);
    json.put("parts", list);
    return Json.write(json);
  }

  /**
   * Reads what {@link #lineAllowanceCharges(List)} wrote, in this release or as the bare array of
   * an earlier one.
   *
   * @param text the JSON text
   * @param currency the invoice's currency
   * @return the allowances and charges
   * @throws MalformedJsonException if the text cannot be decoded (see the class comment)
   */
  public static List<LineAllowanceCharge> readLineAllowanceCharges(String text,
      CurrencyUnit currency) {
    if (NONE.equals(text)) {
      return List.of();
    }
    Object json = Json.read(text);
    // A bare array is format 1 as the first release wrote it.
    List<Object> list = json instanceof List<?>
        ? asList(json, "parts", LINE_PARTS)
        : list(versioned(json, LINE_PARTS), "parts", LINE_PARTS, true);
    return decoding(LINE_PARTS, () -> {
      List<LineAllowanceCharge> parts = new ArrayList<>(list.size());
      for (Object part : list) {
        parts.add(readAllowanceCharge(asObject(part, "parts", LINE_PARTS), currency, LINE_PARTS));
      }
      return parts;
    });
  }

  /** Reads the fields every allowance and charge has, as written by allowanceCharge(...). */
  private static LineAllowanceCharge readAllowanceCharge(Map<String, Object> map,
      CurrencyUnit currency, String what) {
    LineAllowanceCharge.Builder b = new LineAllowanceCharge.Builder();
    b.kind(parse(required(map, "kind", what), AllowanceCharge.Kind::valueOf, "kind", what));
    string(map, "amount", what).map(a -> money(a, currency, "amount", what)).ifPresent(b::amount);
    string(map, "base", what).map(a -> money(a, currency, "base", what)).ifPresent(b::baseAmount);
    string(map, "percent", what).map(p -> percentage(p, "percent", what))
        .ifPresent(b::percentage);
    string(map, "reason", what).ifPresent(b::reason);
    string(map, "reasonCode", what).ifPresent(b::reasonCode);
    return b.build();
  }

  private static Map<String, Object> allowanceCharge(AllowanceCharge part) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("kind", part.kind().name());
    part.amount().ifPresent(m -> map.put("amount", amount(m)));
    part.baseAmount().ifPresent(m -> map.put("base", amount(m)));
    part.percentage().ifPresent(p -> map.put("percent", p.toString()));
    part.reason().ifPresent(r -> map.put("reason", r));
    part.reasonCode().ifPresent(r -> map.put("reasonCode", r));
    return map;
  }

  // ---- events ----------------------------------------------------------------------------------

  /**
   * An event as JSON, for the outbox.
   *
   * @param event the event
   * @return the JSON text
   */
  public static String event(InvoiceEvent event) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(FORMAT_KEY, FORMAT);
    json.put("eventId", event.eventId());
    json.put("type", event.type().name());
    json.put("tenant", event.tenant().value());
    json.put("invoiceId", event.invoiceId().value());
    json.put("number", event.number().map(InvoiceNumber::value).orElse(null));
    json.put("version", Long.toString(event.version()));
    json.put("occurredAt", event.occurredAt().toString());
    json.put("status", event.status().name());
    json.put("currency", event.total().getCurrencyUnit().getCode());
    json.put("total", amount(event.total()));
    json.put("amountPaid", amount(event.amountPaid()));
    json.put("amountDue", amount(event.amountDue()));
    event.payment().ifPresent(p -> {
      Map<String, Object> payment = new LinkedHashMap<>();
      payment.put("id", p.id().value());
      payment.put("kind", p.kind().name());
      payment.put("amount", amount(p.amount()));
      payment.put("date", p.date().toString());
      payment.put("method", p.method().orElse(null));
      payment.put("reference", p.reference().orElse(null));
      json.put("payment", payment);
    });
    event.settlement().ifPresent(settlement -> json.put("settlement", settlement(settlement)));
    event.creditNoteId().ifPresent(id -> json.put("creditNoteId", id));
    // Left out when zero, as in every event before credit notes: such text stays as it was.
    if (!event.amountCredited().isZero()) {
      json.put("amountCredited", amount(event.amountCredited()));
    }
    if (!event.amountWrittenOff().isZero()) {
      json.put("amountWrittenOff", amount(event.amountWrittenOff()));
    }
    return Json.write(json);
  }

  /**
   * Reads what {@link #event(InvoiceEvent)} wrote, in this or an earlier release.
   *
   * @param text the JSON text
   * @return the event
   * @throws MalformedJsonException if the text cannot be decoded (see the class comment)
   */
  public static InvoiceEvent readEvent(String text) {
    Map<String, Object> json = versioned(Json.read(text), EVENT);
    return decoding(EVENT, () -> readEvent(json));
  }

  private static InvoiceEvent readEvent(Map<String, Object> json) {
    CurrencyUnit currency = parse(required(json, "currency", EVENT), CurrencyUnit::of, "currency",
        EVENT);
    InvoiceEvent.Builder event = new InvoiceEvent.Builder()
        .eventId(required(json, "eventId", EVENT))
        .type(parse(required(json, "type", EVENT), InvoiceEventType::valueOf, "type", EVENT))
        .tenant(parse(required(json, "tenant", EVENT), TenantId::of, "tenant", EVENT))
        .invoiceId(parse(required(json, "invoiceId", EVENT), InvoiceId::of, "invoiceId", EVENT))
        .number(string(json, "number", EVENT)
            .map(n -> parse(n, InvoiceNumber::of, "number", EVENT)))
        .version(parse(required(json, "version", EVENT), Long::parseLong, "version", EVENT))
        .occurredAt(parse(required(json, "occurredAt", EVENT), Instant::parse, "occurredAt",
            EVENT))
        .status(parse(required(json, "status", EVENT), InvoiceStatus::valueOf, "status", EVENT))
        .total(money(required(json, "total", EVENT), currency, "total", EVENT))
        .amountPaid(money(required(json, "amountPaid", EVENT), currency, "amountPaid", EVENT))
        .amountDue(money(required(json, "amountDue", EVENT), currency, "amountDue", EVENT));
    Map<String, Object> payment = optionalObject(json, "payment", EVENT);
    if (payment != null) {
      event.payment(new Payment.Builder()
          .id(parse(required(payment, "id", EVENT), PaymentId::of, "id", EVENT))
          .kind(parse(required(payment, "kind", EVENT), Payment.Kind::valueOf, "kind", EVENT))
          .amount(money(required(payment, "amount", EVENT), currency, "amount", EVENT))
          .date(parse(required(payment, "date", EVENT), LocalDate::parse, "date", EVENT))
          .method(string(payment, "method", EVENT))
          .reference(string(payment, "reference", EVENT))
          .build());
    }
    Map<String, Object> settlement = optionalObject(json, "settlement", EVENT);
    if (settlement != null) {
      event.settlement(readSettlement(settlement, currency, EVENT));
    }
    event.creditNoteId(string(json, "creditNoteId", EVENT));
    string(json, "amountCredited", EVENT)
        .map(a -> money(a, currency, "amountCredited", EVENT)).ifPresent(event::amountCredited);
    string(json, "amountWrittenOff", EVENT)
        .map(a -> money(a, currency, "amountWrittenOff", EVENT))
        .ifPresent(event::amountWrittenOff);
    return event.build();
  }

  private static Map<String, Object> settlement(Settlement settlement) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", settlement.id().value());
    map.put("kind", settlement.kind().name());
    map.put("amount", amount(settlement.amount()));
    map.put("date", settlement.date().toString());
    map.put("reference", settlement.reference().orElse(null));
    map.put("reason", settlement.reason().orElse(null));
    return map;
  }

  private static Settlement readSettlement(Map<String, Object> map, CurrencyUnit currency,
      String what) {
    return new Settlement.Builder()
        .id(parse(required(map, "id", what), SettlementId::of, "id", what))
        .kind(parse(required(map, "kind", what), Settlement.Kind::valueOf, "kind", what))
        .amount(money(required(map, "amount", what), currency, "amount", what))
        .date(parse(required(map, "date", what), LocalDate::parse, "date", what))
        .reference(string(map, "reference", what))
        .reason(string(map, "reason", what))
        .build();
  }

  // ---- credit events ---------------------------------------------------------------------------

  /**
   * A credit-note or ledger event as JSON, for the outbox. Every amount is in the event's
   * currency, the currency of its {@link CreditEvent#amount()}.
   *
   * @param event the event
   * @return the JSON text
   */
  public static String creditEvent(CreditEvent event) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(FORMAT_KEY, FORMAT);
    json.put("eventId", event.eventId());
    json.put("type", event.type().name());
    json.put("subject", event.subject().name());
    json.put("subjectId", event.subjectId());
    json.put("version", Long.toString(event.version()));
    json.put("tenant", event.tenant().value());
    json.put("account", event.account().value());
    json.put("invoiceId", event.invoiceId().map(InvoiceId::value).orElse(null));
    json.put("creditNoteId", event.creditNoteId().map(CreditNoteId::value).orElse(null));
    json.put("creditNoteNumber", event.creditNoteNumber().map(InvoiceNumber::value).orElse(null));
    json.put("occurredAt", event.occurredAt().toString());
    json.put("currency", event.amount().getCurrencyUnit().getCode());
    json.put("amount", amount(event.amount()));
    event.allocation().ifPresent(parts -> {
      Map<String, Object> allocation = new LinkedHashMap<>();
      allocation.put("appliedToInvoice", amount(parts.appliedToInvoice()));
      allocation.put("refunded", amount(parts.refunded()));
      allocation.put("toAccountCredit", amount(parts.toAccountCredit()));
      json.put("allocation", allocation);
    });
    event.ledgerEntry().ifPresent(entry -> json.put("ledgerEntry", ledgerEntry(entry)));
    return Json.write(json);
  }

  /**
   * Reads what {@link #creditEvent(CreditEvent)} wrote.
   *
   * @param text the JSON text
   * @return the event
   * @throws MalformedJsonException if the text cannot be decoded (see the class comment)
   */
  public static CreditEvent readCreditEvent(String text) {
    Map<String, Object> json = versioned(Json.read(text), CREDIT_EVENT);
    return decoding(CREDIT_EVENT, () -> readCreditEvent(json));
  }

  private static CreditEvent readCreditEvent(Map<String, Object> json) {
    String what = CREDIT_EVENT;
    CurrencyUnit currency = parse(required(json, "currency", what), CurrencyUnit::of, "currency",
        what);
    CreditEvent.Builder event = new CreditEvent.Builder()
        .eventId(required(json, "eventId", what))
        .type(parse(required(json, "type", what), CreditEventType::valueOf, "type", what))
        .subject(parse(required(json, "subject", what), CreditEvent.Subject::valueOf, "subject",
            what))
        .subjectId(required(json, "subjectId", what))
        .version(parse(required(json, "version", what), Long::parseLong, "version", what))
        .tenant(parse(required(json, "tenant", what), TenantId::of, "tenant", what))
        .account(parse(required(json, "account", what), AccountId::of, "account", what))
        .invoiceId(string(json, "invoiceId", what)
            .map(id -> parse(id, InvoiceId::of, "invoiceId", what)))
        .creditNoteId(string(json, "creditNoteId", what)
            .map(id -> parse(id, CreditNoteId::of, "creditNoteId", what)))
        .creditNoteNumber(string(json, "creditNoteNumber", what)
            .map(n -> parse(n, InvoiceNumber::of, "creditNoteNumber", what)))
        .occurredAt(parse(required(json, "occurredAt", what), Instant::parse, "occurredAt",
            what))
        .amount(money(required(json, "amount", what), currency, "amount", what));
    Map<String, Object> allocation = optionalObject(json, "allocation", what);
    if (allocation != null) {
      event.allocation(new CreditAllocation(
          money(required(allocation, "appliedToInvoice", what), currency, "appliedToInvoice",
              what),
          money(required(allocation, "refunded", what), currency, "refunded", what),
          money(required(allocation, "toAccountCredit", what), currency, "toAccountCredit",
              what)));
    }
    Map<String, Object> entry = optionalObject(json, "ledgerEntry", what);
    if (entry != null) {
      event.ledgerEntry(readLedgerEntry(entry, currency, what));
    }
    return event.build();
  }

  private static Map<String, Object> ledgerEntry(AccountCreditEntry entry) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", entry.id().value());
    map.put("tenant", entry.tenant().value());
    map.put("account", entry.account().value());
    map.put("kind", entry.kind().name());
    map.put("amount", amount(entry.amount()));
    map.put("date", entry.date().toString());
    map.put("invoiceId", entry.invoiceId().map(InvoiceId::value).orElse(null));
    map.put("creditNoteId", entry.creditNoteId().map(CreditNoteId::value).orElse(null));
    map.put("reason", entry.reason().orElse(null));
    map.put("sequence", Long.toString(entry.sequence()));
    map.put("balanceAfter", amount(entry.balanceAfter()));
    return map;
  }

  private static AccountCreditEntry readLedgerEntry(Map<String, Object> map,
      CurrencyUnit currency, String what) {
    return new AccountCreditEntry(
        parse(required(map, "id", what), AccountCreditEntryId::of, "id", what),
        parse(required(map, "tenant", what), TenantId::of, "tenant", what),
        parse(required(map, "account", what), AccountId::of, "account", what),
        parse(required(map, "kind", what), AccountCreditEntry.Kind::valueOf, "kind", what),
        money(required(map, "amount", what), currency, "amount", what),
        parse(required(map, "date", what), LocalDate::parse, "date", what),
        string(map, "invoiceId", what).map(id -> parse(id, InvoiceId::of, "invoiceId", what)),
        string(map, "creditNoteId", what)
            .map(id -> parse(id, CreditNoteId::of, "creditNoteId", what)),
        string(map, "reason", what),
        parse(required(map, "sequence", what), Long::parseLong, "sequence", what),
        money(required(map, "balanceAfter", what), currency, "balanceAfter", what));
  }

  // ---- format version --------------------------------------------------------------------------

  /** The object {@code value}, checked to be of a format this release reads. */
  @SuppressWarnings("unchecked") // Json.read makes maps of String keys only
  private static Map<String, Object> versioned(Object value, String what) {
    if (!(value instanceof Map<?, ?> map)) {
      throw shape(what, "not a JSON object");
    }
    Map<String, Object> json = (Map<String, Object>) map;
    Object format = json.get(FORMAT_KEY);
    if (FORMAT.equals(format) || (format == null && !json.containsKey(FORMAT_KEY))) {
      return json; // untagged: written before the tag existed, which is format 1
    }
    if (format instanceof String version && isNewer(version)) {
      throw new MalformedJsonException("Stored " + what + " was written by a newer InvoiceKit "
          + "format " + version + "; upgrade the library");
    }
    throw shape(what, "an unknown format version");
  }

  /** True for a whole number above this release's format, without sign or leading zero. */
  private static boolean isNewer(String version) {
    int length = version.length();
    if (length == 0 || length > 9 || version.charAt(0) == '0') {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = version.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return Integer.parseInt(version) > Integer.parseInt(FORMAT);
  }

  // ---- typed access ----------------------------------------------------------------------------
  // The stored values are not named in messages: they may be customer data. Keys are the codec's.

  @SuppressWarnings("unchecked") // Json.read makes maps of String keys only
  private static Map<String, Object> asObject(Object value, String key, String what) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw shape(what, "'" + key + "' is not an object");
  }

  private static Map<String, Object> optionalObject(Map<String, Object> json, String key,
      String what) {
    Object value = json.get(key);
    return value == null ? null : asObject(value, key, what);
  }

  @SuppressWarnings("unchecked") // Json.read makes lists of Object
  private static List<Object> asList(Object value, String key, String what) {
    if (value instanceof List<?> list) {
      return (List<Object>) list;
    }
    throw shape(what, "'" + key + "' is not a list");
  }

  /** The list under {@code key}, empty if absent unless {@code required}. */
  private static List<Object> list(Map<String, Object> json, String key, String what,
      boolean required) {
    Object value = json.get(key);
    if (value == null) {
      if (required) {
        throw shape(what, "'" + key + "' is missing");
      }
      return List.of();
    }
    return asList(value, key, what);
  }

  private static List<Object> list(Map<String, Object> json, String key, String what) {
    return list(json, key, what, false);
  }

  private static Optional<String> string(Map<String, Object> map, String key, String what) {
    Object value = map.get(key);
    if (value == null || value instanceof String) {
      return Optional.ofNullable((String) value);
    }
    throw shape(what, "'" + key + "' is not a string");
  }

  private static String required(Map<String, Object> map, String key, String what) {
    Object value = map.get(key);
    if (value instanceof String text) {
      return text;
    }
    throw shape(what, "'" + key + (value == null ? "' is missing" : "' is not a string"));
  }

  private static boolean bool(Map<String, Object> map, String key, String what) {
    Object value = map.get(key);
    if (value == null || value instanceof Boolean) {
      return Boolean.TRUE.equals(value);
    }
    throw shape(what, "'" + key + "' is not true or false");
  }

  /** Parses a stored value; a refusal of the parser becomes a MalformedJsonException. */
  private static <S, T> T parse(S value, Function<S, T> parser, String key, String what) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
      // Not chained: parsers name the text they refuse.
      throw shape(what, "'" + key + "' is not valid (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static MalformedJsonException shape(String what, String problem) {
    return new MalformedJsonException("Stored " + what + " is damaged: " + problem);
  }

  /** Values that decode one by one but that the library refuses together. */
  /**
   * Runs a read of decoded JSON: its own refusals pass, and a value the library refuses (a
   * builder's check, a date or number out of range) becomes the codec's refusal of {@code what}.
   */
  private static <T> T decoding(String what, Supplier<T> read) {
    try {
      return read.get();
    } catch (MalformedJsonException e) {
      throw e;
    } catch (IllegalArgumentException | IllegalStateException | DateTimeException
        | ArithmeticException e) {
      throw refused(what, e);
    }
  }

  private static MalformedJsonException refused(String what, RuntimeException e) {
    // Not chained: validation messages name the values they refuse.
    return shape(what, "values the library refuses together (" + e.getClass().getSimpleName()
        + ")");
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static String amount(Money money) {
    return money.getAmount().toPlainString();
  }

  private static Money money(String amount, CurrencyUnit currency, String key, String what) {
    BigDecimal value = decimal(amount, key, what);
    try {
      return Money.of(currency, value);
    } catch (ArithmeticException e) {
      throw shape(what, "'" + key + "' has more decimals than the currency");
    }
  }

  private static Percentage percentage(String text, String key, String what) {
    BigDecimal value = decimal(text, key, what);
    return parse(value, Percentage::of, key, what);
  }

  /** A tax code as {@link TaxCode#toString()} writes it: the category, a space, a plain rate. */
  private static TaxCode taxCode(String text, String key, String what) {
    int space = text.indexOf(' ');
    if (space >= 0) {
      decimal(text.substring(space + 1), key, what);
    }
    return parse(text, TaxCode::parse, key, what);
  }

  /**
   * A decimal as {@link BigDecimal#toPlainString()} writes it. An exponent is refused: scaling
   * {@code 1E+999999999} to a currency's decimals, or writing it out in a message, would take
   * minutes and gigabytes.
   */
  private static BigDecimal decimal(String text, String key, String what) {
    int length = text.length();
    int i = length > 0 && text.charAt(0) == '-' ? 1 : 0;
    int digits = 0;
    boolean point = false;
    for (; i < length; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.' && !point && digits > 0 && i < length - 1) {
        point = true;
      } else {
        digits = 0;
        break;
      }
    }
    if (digits == 0) {
      throw shape(what, "'" + key + "' is not a decimal");
    }
    return new BigDecimal(text);
  }
}
