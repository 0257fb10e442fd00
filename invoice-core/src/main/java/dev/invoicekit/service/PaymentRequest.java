package dev.invoicekit.service;

import java.time.LocalDate;
import java.util.Optional;
import org.immutables.value.Value;
import org.joda.money.Money;

/**
 * A payment or refund to record: the amount and, optionally, the day the money moved (today when
 * absent), the method and the bank's reference. The payment id comes from the service's id source.
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
public abstract class PaymentRequest implements WithPaymentRequest {

  /** Builds a request; the amount is required. */
  public static class Builder extends ImmutablePaymentRequest.Builder {}

  /**
   * A request for an amount, dated today.
   *
   * @param amount the amount, positive, not null
   * @return the request, not null
   */
  public static PaymentRequest of(Money amount) {
    return new Builder().amount(amount).build();
  }

  /** The amount, positive, in the invoice's currency. */
  public abstract Money amount();

  /** The day the money moved; today in the business's zone when absent. */
  public abstract Optional<LocalDate> date();

  /** How, such as "bank transfer". */
  public abstract Optional<String> method();

  /** The bank's or processor's reference. */
  public abstract Optional<String> reference();
}
