package dev.invoicekit.benchmarks.baseline;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The outbox payload of an event, written by hand with a {@code StringBuilder}: the JSON text
 * InvoiceKit's outbox stores (its format 1, keys in the same order, absent values left out), so
 * that the hand-written baselines of P3 and P7 write the same rows as the service. Setup compares
 * the texts.
 *
 * <p>Thread-safe (no state).
 */
public final class EventPayloads {

  private EventPayloads() {}

  /**
   * A payment made on an invoice, as a hand-written application would describe it.
   *
   * @param id the payment id
   * @param amount the amount, at the currency's scale
   * @param date the payment date, ISO-8601
   * @param method the method, or null
   * @param reference the reference, or null
   */
  public record PaymentPart(String id, BigDecimal amount, String date, String method,
      String reference) {}

  /**
   * The payload of an event.
   *
   * @param eventId the event id
   * @param type the event type name, such as "PAYMENT_RECORDED"
   * @param tenant the tenant id
   * @param invoiceId the invoice id
   * @param number the invoice number, or null
   * @param version the invoice version the event describes
   * @param occurredAt when it occurred
   * @param status the invoice's status name after the event
   * @param currency the currency code
   * @param total the total, at the currency's scale
   * @param paid the amount paid, at the currency's scale
   * @param due the amount due, at the currency's scale
   * @param payment the payment, or null
   * @return the JSON text
   */
  public static String of(String eventId, String type, String tenant, String invoiceId,
      String number, long version, Instant occurredAt, String status, String currency,
      BigDecimal total, BigDecimal paid, BigDecimal due, PaymentPart payment) {
    StringBuilder out = new StringBuilder(400);
    out.append('{');
    field(out, "v", "1", true);
    field(out, "eventId", eventId, false);
    field(out, "type", type, false);
    field(out, "tenant", tenant, false);
    field(out, "invoiceId", invoiceId, false);
    field(out, "number", number, false);
    field(out, "version", Long.toString(version), false);
    field(out, "occurredAt", occurredAt.toString(), false);
    field(out, "status", status, false);
    field(out, "currency", currency, false);
    field(out, "total", total.toPlainString(), false);
    field(out, "amountPaid", paid.toPlainString(), false);
    field(out, "amountDue", due.toPlainString(), false);
    if (payment != null) {
      out.append(",\"payment\":{");
      field(out, "id", payment.id(), true);
      field(out, "kind", "PAYMENT", false);
      field(out, "amount", payment.amount().toPlainString(), false);
      field(out, "date", payment.date(), false);
      field(out, "method", payment.method(), false);
      field(out, "reference", payment.reference(), false);
      out.append('}');
    }
    return out.append('}').toString();
  }

  private static void field(StringBuilder out, String key, String value, boolean first) {
    if (value == null) {
      return;
    }
    if (!first) {
      out.append(',');
    }
    out.append('"').append(key).append("\":");
    string(out, value);
  }

  private static void string(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
