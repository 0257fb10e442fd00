package dev.invoicekit.service;

import dev.invoicekit.credit.CreditNoteId;
import dev.invoicekit.credit.CreditNoteRequest;
import dev.invoicekit.credit.ExcessCredit;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.AllowanceCharge;
import dev.invoicekit.invoice.DocumentAllowanceCharge;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.OverallDiscount;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.money.Percentage;
import dev.invoicekit.money.RoundingPolicy;
import dev.invoicekit.opportunity.Opportunity;
import dev.invoicekit.opportunity.OpportunityProduct;
import dev.invoicekit.tax.TaxAmount;
import dev.invoicekit.tax.TaxCode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.joda.money.BigMoneyProvider;
import org.joda.money.Money;

/**
 * The fingerprint of a keyed command, stored with its idempotency key: the same command with the
 * same payload gives the same fingerprint in every release that keeps {@link #VERSION}, so an
 * honest retry across an upgrade replays instead of conflicting.
 *
 * <p>The encoding is written out here, field by field in a fixed order, and uses no
 * {@code toString()} of any value (whose text a library upgrade may change). It is a sequence of
 * tokens, each written as its length in UTF-8 bytes in decimal, a colon and the UTF-8 bytes: first
 * {@link #VERSION}, then the command's name, then per field its name and its value. Values are
 * written as:
 *
 * <ul>
 *   <li>text and ids: the text itself; an enum: its constant name; numbers: plain decimal
 *       ({@link BigDecimal#toPlainString()}, scale kept, so {@code 12.5} and {@code 12.50} differ
 *       as the values do); booleans {@code true}/{@code false};
 *   <li>an amount: two tokens, the ISO 4217 currency code and the plain decimal amount;
 *   <li>a date: ISO-8601 ({@code 2026-11-24});
 *   <li>a tax code: its category's constant name and its plain decimal rate;
 *   <li>an optional value: {@code 0} when absent, {@code 1} and the value when present;
 *   <li>a list: the number of elements, then each element; a map: the number of entries, then
 *       each key and value in ascending key order.
 * </ul>
 *
 * <p>The fingerprint is the SHA-256 of those bytes, as 64 lower-case hexadecimal characters. A
 * change to the encoding changes {@link #VERSION} and the golden values in the tests.
 *
 * <p>Not thread-safe; one instance per fingerprint, made by {@link #of}.
 */
final class CommandFingerprint {

  /** The first token of every encoding; a new encoding gets a new version. */
  static final String VERSION = "invoicekit-command-fingerprint-1";

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);

  private CommandFingerprint(String command) {
    token(VERSION);
    token(command);
  }

  /**
   * The fingerprint of a command.
   *
   * @param command the command's name, such as "payment", not null
   * @param payload writes the command's fields, not null
   * @return 64 lower-case hexadecimal characters, not null
   */
  static String of(String command, Consumer<CommandFingerprint> payload) {
    CommandFingerprint fingerprint = new CommandFingerprint(command);
    payload.accept(fingerprint);
    return fingerprint.hex();
  }

  // ---- command payloads ------------------------------------------------------------------------

  /** The invoice a command acts on. */
  CommandFingerprint invoice(InvoiceId id) {
    return field("invoice").token(id.value());
  }

  /** The version an edit was based on. */
  CommandFingerprint basedOnVersion(long version) {
    return field("based on version").token(Long.toString(version));
  }

  /** A payment or refund asked for. */
  CommandFingerprint payment(Payment.Kind kind, PaymentRequest request) {
    field("kind").token(kind.name());
    field("amount").amount(request.amount());
    field("date").optional(request.date(), CommandFingerprint::date);
    field("method").optional(request.method(), CommandFingerprint::token);
    field("reference").optional(request.reference(), CommandFingerprint::token);
    if (request.excessToAccountCredit()) {
      // Written only when set, so a key recorded before the option existed still matches.
      field("excess to account credit").token("true");
    }
    return this;
  }

  /** A credit note asked for: what it credits and why. */
  CommandFingerprint creditNote(CreditNoteRequest request) {
    field("credit kind").token(request.kind().name());
    field("reason").token(request.reason());
    for (Map.Entry<Integer, BigDecimal> line : request.lineQuantities().entrySet()) {
      field("line").token(Integer.toString(line.getKey())).decimal(line.getValue());
    }
    for (Map.Entry<TaxCode, Money> group : request.groupAmounts().entrySet()) {
      field("group").taxCode(group.getKey()).amount(group.getValue());
    }
    return this;
  }

  /** The credit note a command acts on. */
  CommandFingerprint creditNoteId(CreditNoteId id) {
    return field("credit note").token(id.value());
  }

  /** What to do with a credit note's excess. */
  CommandFingerprint excess(ExcessCredit excess) {
    field("excess").token(excess.toString());
    return this;
  }

  /** An account, an amount and a text: account credit applied or refunded. */
  CommandFingerprint accountCredit(AccountId account, Money amount, Optional<String> text) {
    field("account").token(account.value());
    field("amount").amount(amount);
    field("text").optional(text, CommandFingerprint::token);
    return this;
  }

  /** Why, for a write-off. */
  CommandFingerprint reason(String reason) {
    return field("reason").token(reason);
  }

  /** A CRM opportunity, every field. */
  CommandFingerprint opportunity(Opportunity opportunity) {
    field("opportunity").token(opportunity.id().value());
    field("account").token(opportunity.account().value());
    field("contact").optional(opportunity.contact(), (f, c) -> f.token(c.value()));
    field("currency").token(opportunity.currency().getCode());
    field("products").list(opportunity.products(), CommandFingerprint::product);
    field("value").amount(opportunity.value());
    field("name").optional(opportunity.name(), CommandFingerprint::token);
    return this;
  }

  /**
   * A new draft, every field but its id (a retry may come with a freshly built draft under a new
   * id); the totals are derived from what is written, so they are not.
   */
  CommandFingerprint draft(Invoice draft) {
    field("tenant").token(draft.tenant().value());
    field("number").optional(draft.number(), (f, n) -> f.token(n.value()));
    field("status").token(draft.status().name());
    field("version").token(Long.toString(draft.version()));
    field("currency").token(draft.currency().getCode());
    field("invoice date").date(draft.invoiceDate());
    field("due date").optional(draft.dueDate(), CommandFingerprint::date);
    field("payment terms").optional(draft.paymentTerms(), CommandFingerprint::paymentTerms);
    field("account").token(draft.account().value());
    field("contact").optional(draft.contact(), (f, c) -> f.token(c.value()));
    field("opportunity").optional(draft.opportunity(), (f, o) -> f.token(o.value()));
    field("lines").list(draft.lines(), CommandFingerprint::line);
    field("document allowances and charges")
        .list(draft.documentAllowanceCharges(), CommandFingerprint::documentAllowanceCharge);
    field("overall discount").optional(draft.overallDiscount(), CommandFingerprint::discount);
    field("prices include tax").token(Boolean.toString(draft.pricesIncludeTax()));
    field("external tax amounts").list(draft.externalTaxAmounts(), CommandFingerprint::taxAmount);
    field("prepaid amount").optional(draft.prepaidAmount(), CommandFingerprint::amount);
    field("rounding amount").optional(draft.roundingAmount(), CommandFingerprint::amount);
    field("payments").list(draft.payments(), CommandFingerprint::recordedPayment);
    field("notes").optional(draft.notes(), CommandFingerprint::token);
    field("terms").optional(draft.terms(), CommandFingerprint::token);
    field("review notes").list(draft.reviewNotes(), CommandFingerprint::token);
    field("external references").map(draft.externalReferences());
    field("rounding policy").roundingPolicy(draft.roundingPolicy());
    return this;
  }

  // ---- parts -----------------------------------------------------------------------------------

  private CommandFingerprint line(LineItem line) {
    field("description").token(line.description());
    field("product").optional(line.product(), (f, p) -> f.token(p.value()));
    field("quantity").decimal(line.quantity());
    field("unit price").amount(line.unitPrice());
    field("base quantity").decimal(line.baseQuantity());
    field("allowances and charges")
        .list(line.allowanceCharges(), CommandFingerprint::allowanceCharge);
    return field("tax code").taxCode(line.taxCode());
  }

  private CommandFingerprint documentAllowanceCharge(DocumentAllowanceCharge allowanceCharge) {
    return allowanceCharge(allowanceCharge).field("tax code").taxCode(allowanceCharge.taxCode());
  }

  private CommandFingerprint allowanceCharge(AllowanceCharge allowanceCharge) {
    field("kind").token(allowanceCharge.kind().name());
    field("amount").optional(allowanceCharge.amount(), CommandFingerprint::amount);
    field("base amount").optional(allowanceCharge.baseAmount(), CommandFingerprint::amount);
    field("percentage").optional(allowanceCharge.percentage(), CommandFingerprint::percentage);
    field("reason").optional(allowanceCharge.reason(), CommandFingerprint::token);
    return field("reason code").optional(allowanceCharge.reasonCode(), CommandFingerprint::token);
  }

  private CommandFingerprint discount(OverallDiscount discount) {
    field("percentage").optional(discount.percentage(), CommandFingerprint::percentage);
    return field("fixed amount").optional(discount.fixedAmount(), CommandFingerprint::amount);
  }

  private CommandFingerprint paymentTerms(PaymentTerms terms) {
    field("net days").token(Integer.toString(terms.netDays()));
    return field("description").optional(terms.description(), CommandFingerprint::token);
  }

  private CommandFingerprint taxAmount(TaxAmount taxAmount) {
    field("tax code").taxCode(taxAmount.taxCode());
    return field("amount").amount(taxAmount.amount());
  }

  private CommandFingerprint recordedPayment(Payment payment) {
    field("id").token(payment.id().value());
    field("kind").token(payment.kind().name());
    field("amount").amount(payment.amount());
    field("date").date(payment.date());
    field("method").optional(payment.method(), CommandFingerprint::token);
    return field("reference").optional(payment.reference(), CommandFingerprint::token);
  }

  private CommandFingerprint product(OpportunityProduct product) {
    field("product").optional(product.product(), (f, p) -> f.token(p.value()));
    field("name").token(product.name());
    field("quantity").decimal(product.quantity());
    field("unit price").amount(product.unitPrice());
    field("discount percentage")
        .optional(product.discountPercentage(), CommandFingerprint::percentage);
    field("discount amount").optional(product.discountAmount(), CommandFingerprint::amount);
    return field("tax code").optional(product.taxCode(), CommandFingerprint::taxCode);
  }

  private CommandFingerprint roundingPolicy(RoundingPolicy policy) {
    field("mode").token(policy.mode().name());
    field("tax rounding").token(policy.taxRounding().name());
    return field("cash rounding increment")
        .optional(policy.cashRoundingIncrement(), CommandFingerprint::decimal);
  }

  // ---- values ----------------------------------------------------------------------------------

  private CommandFingerprint field(String name) {
    return token(name);
  }

  private CommandFingerprint amount(BigMoneyProvider amount) {
    return token(amount.toBigMoney().getCurrencyUnit().getCode())
        .decimal(amount.toBigMoney().getAmount());
  }

  private CommandFingerprint decimal(BigDecimal value) {
    return token(value.toPlainString());
  }

  private CommandFingerprint percentage(Percentage percentage) {
    return decimal(percentage.value());
  }

  private CommandFingerprint taxCode(TaxCode code) {
    return token(code.category().name()).decimal(code.rate());
  }

  private CommandFingerprint date(LocalDate date) {
    return token(DateTimeFormatter.ISO_LOCAL_DATE.format(date));
  }

  private <T> CommandFingerprint optional(
      Optional<T> value, BiConsumer<CommandFingerprint, T> writer) {
    if (value.isEmpty()) {
      return token("0");
    }
    token("1");
    writer.accept(this, value.get());
    return this;
  }

  private <T> CommandFingerprint list(
      List<T> values, BiConsumer<CommandFingerprint, T> writer) {
    token(Integer.toString(values.size()));
    for (T value : values) {
      writer.accept(this, value);
    }
    return this;
  }

  private CommandFingerprint map(Map<String, String> entries) {
    token(Integer.toString(entries.size()));
    new TreeMap<>(entries).forEach((key, value) -> token(key).token(value));
    return this;
  }

  private CommandFingerprint token(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    bytes.writeBytes(Integer.toString(utf8.length).getBytes(StandardCharsets.US_ASCII));
    bytes.write(':');
    bytes.writeBytes(utf8);
    return this;
  }

  private String hex() {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
