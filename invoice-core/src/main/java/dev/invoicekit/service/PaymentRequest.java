package dev.invoicekit.service;

import dev.invoicekit.internal.Inputs;
import dev.invoicekit.invoice.InputLimits;
import dev.invoicekit.invoice.InvalidInvoiceException;
import java.time.LocalDate;
import java.util.Optional;
import org.immutables.value.Value;
import org.joda.money.BigMoney;
import org.joda.money.BigMoneyProvider;
import org.joda.money.Money;

/**
 * A payment or refund to record: the amount and, optionally, the day the money moved (today when
 * absent), the method and the bank's reference. The payment id comes from the service's id source.
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
public abstract class PaymentRequest implements WithPaymentRequest {

  // Implemented by the generated value class only: hosts build one, they do not subclass.
  PaymentRequest() {}

  /** Builds a request; the amount is required. */
  public static class Builder extends ImmutablePaymentRequest.Builder {

    /** An empty builder. */
    public Builder() {}

    /**
     * Sets the amount from any Joda-Money amount, such as a {@code BigMoney} parsed from a request.
     *
     * @param amount the amount, with at most its currency's decimals, not null
     * @return this builder
     * @throws InvalidInvoiceException if the amount has more decimals than its currency or more
     *     digits than {@link InputLimits#AMOUNT_INTEGER_DIGITS}
     */
    public final Builder amount(BigMoneyProvider amount) {
      amount(exactMoney(amount));
      return this;
    }
  }

  /**
   * A request for an amount, dated today.
   *
   * @param amount the amount, positive, not null
   * @return the request, not null
   */
  public static PaymentRequest of(Money amount) {
    return new Builder().amount(amount).build();
  }

  /**
   * A request for an amount given as any Joda-Money amount, dated today.
   *
   * @param amount the amount, positive, with at most its currency's decimals, not null
   * @return the request, not null
   * @throws InvalidInvoiceException if the amount has more decimals than its currency
   */
  public static PaymentRequest of(BigMoneyProvider amount) {
    return of(exactMoney(amount));
  }

  /** The amount, positive, in the invoice's currency. */
  public abstract Money amount();

  /** The day the money moved; today in the business's zone when absent. */
  public abstract Optional<LocalDate> date();

  /** How, such as "bank transfer". */
  public abstract Optional<String> method();

  /** The bank's or processor's reference. */
  public abstract Optional<String> reference();

  /**
   * Whether a payment above the balance is accepted, its excess becoming the account's credit in
   * the invoice's currency (the invoice records a payment of the balance). False by default: a
   * payment above the balance is refused.
   */
  @Value.Default
  public boolean excessToAccountCredit() {
    return false;
  }

  @Value.Check
  protected void check() {
    String problem = Inputs.amountProblem(amount());
    if (problem != null) {
      throw new InvalidInvoiceException("The payment amount " + problem);
    }
    date().map(Inputs::dateProblem).ifPresent(p -> {
      throw new InvalidInvoiceException("The payment date " + p);
    });
    method().map(m -> Inputs.textProblem(m, InputLimits.PAYMENT_METHOD_LENGTH)).ifPresent(p -> {
      throw new InvalidInvoiceException("The payment method " + p);
    });
    reference().map(r -> Inputs.textProblem(r, InputLimits.PAYMENT_REFERENCE_LENGTH))
        .ifPresent(p -> {
          throw new InvalidInvoiceException("The payment reference " + p);
        });
  }

  private static Money exactMoney(BigMoneyProvider amount) {
    String problem = Inputs.exactMoneyProblem(amount);
    if (problem != null) {
      throw new InvalidInvoiceException("The payment amount " + problem);
    }
    return BigMoney.of(amount).toMoney();
  }
}
