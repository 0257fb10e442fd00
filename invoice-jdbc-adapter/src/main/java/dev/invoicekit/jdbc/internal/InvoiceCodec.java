package dev.invoicekit.jdbc.internal;

import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.events.InvoiceEventType;
import dev.invoicekit.invoice.AllowanceCharge;
import dev.invoicekit.invoice.DocumentAllowanceCharge;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.LineAllowanceCharge;
import dev.invoicekit.invoice.OverallDiscount;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.money.Percentage;
import dev.invoicekit.money.RoundingPolicy;
import dev.invoicekit.money.TaxRounding;
import dev.invoicekit.tax.TaxAmount;
import dev.invoicekit.tax.TaxCode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * Turns the parts of an invoice that have no columns of their own (document allowances and
 * charges, discount, external tax, policy, references, ...) and events into the JSON the adapter
 * stores, and back. Amounts are stored without currency: the invoice row carries it.
 */
public final class InvoiceCodec {

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
    invoice.dueDate().ifPresent(d -> json.put("dueDate", d.toString()));
    invoice.paymentTerms().ifPresent(t -> {
      Map<String, Object> terms = new LinkedHashMap<>();
      terms.put("netDays", Integer.toString(t.netDays()));
      terms.put("description", t.description().orElse(null));
      json.put("paymentTerms", terms);
    });
    List<Object> parts = new ArrayList<>();
    for (DocumentAllowanceCharge part : invoice.documentAllowanceCharges()) {
      Map<String, Object> map = allowanceCharge(part);
      map.put("tax", part.taxCode().toString());
      parts.add(map);
    }
    json.put("documentAllowanceCharges", parts);
    invoice.overallDiscount().ifPresent(d -> json.put("overallDiscount",
        d.percentage().map(p -> (Object) Map.of("percent", p.toString()))
            .orElseGet(() -> Map.of("fixed", amount(d.fixedAmount().orElseThrow())))));
    json.put("pricesIncludeTax", invoice.pricesIncludeTax());
    List<Object> taxes = new ArrayList<>();
    for (TaxAmount tax : invoice.externalTaxAmounts()) {
      taxes.add(Map.of("tax", tax.taxCode().toString(), "amount", amount(tax.amount())));
    }
    json.put("externalTaxAmounts", taxes);
    invoice.prepaidAmount().ifPresent(m -> json.put("prepaidAmount", amount(m)));
    invoice.roundingAmount().ifPresent(m -> json.put("roundingAmount", amount(m)));
    invoice.notes().ifPresent(n -> json.put("notes", n));
    invoice.terms().ifPresent(t -> json.put("terms", t));
    json.put("externalReferences", new LinkedHashMap<>(invoice.externalReferences()));
    json.put("reviewNotes", new ArrayList<>(invoice.reviewNotes()));
    RoundingPolicy policy = invoice.roundingPolicy();
    Map<String, Object> rounding = new LinkedHashMap<>();
    rounding.put("mode", policy.mode().name());
    rounding.put("taxRounding", policy.taxRounding().name());
    rounding.put("cashIncrement", policy.cashRoundingIncrement().map(BigDecimal::toPlainString)
        .orElse(null));
    json.put("roundingPolicy", rounding);
    return Json.write(json);
  }

  /**
   * Fills a builder with the content {@link #content(Invoice)} wrote.
   *
   * @param builder the builder
   * @param text the JSON text
   * @param currency the invoice's currency
   */
  @SuppressWarnings("unchecked")
  public static void readContent(Invoice.Builder builder, String text, CurrencyUnit currency) {
    Map<String, Object> json = (Map<String, Object>) Json.read(text);
    string(json, "dueDate").map(LocalDate::parse).ifPresent(builder::dueDate);
    Optional.ofNullable((Map<String, Object>) json.get("paymentTerms")).ifPresent(t ->
        builder.paymentTerms(new PaymentTerms.Builder()
            .netDays(Integer.parseInt((String) t.get("netDays")))
            .description(string(t, "description"))
            .build()));
    for (Object part : (List<Object>) json.getOrDefault("documentAllowanceCharges", List.of())) {
      Map<String, Object> map = (Map<String, Object>) part;
      // The shared fields are read once, as a line allowance; the document one adds its tax code.
      builder.addDocumentAllowanceCharge(new DocumentAllowanceCharge.Builder()
          .from(readAllowanceCharge(map, currency))
          .taxCode(TaxCode.parse((String) map.get("tax")))
          .build());
    }
    Optional.ofNullable((Map<String, Object>) json.get("overallDiscount")).ifPresent(d ->
        builder.overallDiscount(d.containsKey("percent")
            ? OverallDiscount.percent((String) d.get("percent"))
            : OverallDiscount.fixed(money((String) d.get("fixed"), currency))));
    builder.pricesIncludeTax(Boolean.TRUE.equals(json.get("pricesIncludeTax")));
    for (Object tax : (List<Object>) json.getOrDefault("externalTaxAmounts", List.of())) {
      Map<String, Object> map = (Map<String, Object>) tax;
      builder.addExternalTaxAmount(TaxAmount.of(TaxCode.parse((String) map.get("tax")),
          money((String) map.get("amount"), currency)));
    }
    string(json, "prepaidAmount").map(a -> money(a, currency)).ifPresent(builder::prepaidAmount);
    string(json, "roundingAmount").map(a -> money(a, currency)).ifPresent(builder::roundingAmount);
    string(json, "notes").ifPresent(builder::notes);
    string(json, "terms").ifPresent(builder::terms);
    ((Map<String, Object>) json.getOrDefault("externalReferences", Map.of()))
        .forEach((k, v) -> builder.putExternalReference(k, (String) v));
    for (Object note : (List<Object>) json.getOrDefault("reviewNotes", List.of())) {
      builder.addReviewNote((String) note);
    }
    Map<String, Object> rounding = (Map<String, Object>) json.get("roundingPolicy");
    if (rounding != null) {
      RoundingPolicy.Builder policy = new RoundingPolicy.Builder()
          .mode(RoundingMode.valueOf((String) rounding.get("mode")))
          .taxRounding(TaxRounding.valueOf((String) rounding.get("taxRounding")));
      string(rounding, "cashIncrement").map(BigDecimal::new)
          .ifPresent(policy::cashRoundingIncrement);
      builder.roundingPolicy(policy.build());
    }
  }

  // ---- line allowances and charges ---------------------------------------------------------------

  /** What {@link #lineAllowanceCharges(List)} writes for a line without any. */
  private static final String NONE = "[]";

  /**
   * A line's allowances and charges as JSON.
   *
   * @param parts the allowances and charges
   * @return the JSON text
   */
  public static String lineAllowanceCharges(List<LineAllowanceCharge> parts) {
    if (parts.isEmpty()) {
      return NONE; // most lines have none
    }
    List<Object> list = new ArrayList<>();
    parts.forEach(p -> list.add(allowanceCharge(p)));
    return Json.write(list);
  }

  /**
   * Reads what {@link #lineAllowanceCharges(List)} wrote.
   *
   * @param text the JSON text
   * @param currency the invoice's currency
   * @return the allowances and charges
   */
  @SuppressWarnings("unchecked")
  public static List<LineAllowanceCharge> readLineAllowanceCharges(String text,
      CurrencyUnit currency) {
    if (NONE.equals(text)) {
      return List.of();
    }
    List<LineAllowanceCharge> parts = new ArrayList<>();
    for (Object part : (List<Object>) Json.read(text)) {
      parts.add(readAllowanceCharge((Map<String, Object>) part, currency));
    }
    return parts;
  }

  /** Reads the fields every allowance and charge has, as written by allowanceCharge(...). */
  private static LineAllowanceCharge readAllowanceCharge(Map<String, Object> map,
      CurrencyUnit currency) {
    LineAllowanceCharge.Builder b = new LineAllowanceCharge.Builder();
    b.kind(AllowanceCharge.Kind.valueOf((String) map.get("kind")));
    string(map, "amount").map(a -> money(a, currency)).ifPresent(b::amount);
    string(map, "base").map(a -> money(a, currency)).ifPresent(b::baseAmount);
    string(map, "percent").map(Percentage::parse).ifPresent(b::percentage);
    string(map, "reason").ifPresent(b::reason);
    string(map, "reasonCode").ifPresent(b::reasonCode);
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
    return Json.write(json);
  }

  /**
   * Reads what {@link #event(InvoiceEvent)} wrote.
   *
   * @param text the JSON text
   * @return the event
   */
  @SuppressWarnings("unchecked")
  public static InvoiceEvent readEvent(String text) {
    Map<String, Object> json = (Map<String, Object>) Json.read(text);
    CurrencyUnit currency = CurrencyUnit.of((String) json.get("currency"));
    InvoiceEvent.Builder event = new InvoiceEvent.Builder()
        .eventId((String) json.get("eventId"))
        .type(InvoiceEventType.valueOf((String) json.get("type")))
        .tenant(TenantId.of((String) json.get("tenant")))
        .invoiceId(InvoiceId.of((String) json.get("invoiceId")))
        .number(string(json, "number").map(InvoiceNumber::of))
        .version(Long.parseLong((String) json.get("version")))
        .occurredAt(Instant.parse((String) json.get("occurredAt")))
        .status(InvoiceStatus.valueOf((String) json.get("status")))
        .total(money((String) json.get("total"), currency))
        .amountPaid(money((String) json.get("amountPaid"), currency))
        .amountDue(money((String) json.get("amountDue"), currency));
    Map<String, Object> payment = (Map<String, Object>) json.get("payment");
    if (payment != null) {
      event.payment(new Payment.Builder()
          .id(PaymentId.of((String) payment.get("id")))
          .kind(Payment.Kind.valueOf((String) payment.get("kind")))
          .amount(money((String) payment.get("amount"), currency))
          .date(LocalDate.parse((String) payment.get("date")))
          .method(string(payment, "method"))
          .reference(string(payment, "reference"))
          .build());
    }
    return event.build();
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static String amount(Money money) {
    return money.getAmount().toPlainString();
  }

  private static Money money(String amount, CurrencyUnit currency) {
    return Money.of(currency, new BigDecimal(amount));
  }

  private static Optional<String> string(Map<String, Object> map, String key) {
    return Optional.ofNullable((String) map.get(key));
  }
}
