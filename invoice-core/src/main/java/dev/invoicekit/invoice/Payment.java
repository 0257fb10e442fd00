package dev.invoicekit.invoice;

import dev.invoicekit.internal.Inputs;
import java.time.LocalDate;
import java.util.Optional;
import org.immutables.value.Value;
import org.joda.money.Money;

/**
 * Money received for an invoice, or given back. The amount is always positive; the
 * {@link #kind()} says which way it went.
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
public abstract class Payment implements WithPayment {

  // Implemented by the generated value class only: hosts build one, they do not subclass.
  Payment() {}

  /** Which way the money went. */
  public enum Kind {
    /** Received from the customer. */
    PAYMENT,
    /** Given back to the customer, or a received payment reversed. */
    REFUND
  }

  /** Builds a payment; id, amount and date are required. */
  public static class Builder extends ImmutablePayment.Builder {
    /** An empty builder. */
    public Builder() {}
  }

  /** The payment's id, unique within its invoice. */
  public abstract PaymentId id();

  /** Received or refunded. */
  @Value.Default
  public Kind kind() {
    return Kind.PAYMENT;
  }

  /** The amount, greater than zero, in the invoice's currency. */
  public abstract Money amount();

  /** The day the money moved. */
  public abstract LocalDate date();

  /** How, such as "bank transfer" or "card". */
  public abstract Optional<String> method();

  /** The bank's or processor's reference. */
  public abstract Optional<String> reference();

  /**
   * The amount's effect on the amount paid: positive for a payment, negative for a refund.
   *
   * @return the signed amount, not null
   */
  public Money signedAmount() {
    return kind() == Kind.PAYMENT ? amount() : amount().negated();
  }

  @Value.Check
  protected void check() {
    String payment = "Payment " + id();
    String problem = Inputs.amountProblem(amount());
    if (problem != null) {
      throw new InvalidInvoiceException(payment + ": the amount " + problem);
    }
    problem = Inputs.dateProblem(date());
    if (problem != null) {
      throw new InvalidInvoiceException(payment + ": the date " + problem);
    }
    method().map(m -> Inputs.textProblem(m, InputLimits.PAYMENT_METHOD_LENGTH)).ifPresent(p -> {
      throw new InvalidInvoiceException(payment + ": the method " + p);
    });
    reference().map(r -> Inputs.textProblem(r, InputLimits.PAYMENT_REFERENCE_LENGTH))
        .ifPresent(p -> {
          throw new InvalidInvoiceException(payment + ": the reference " + p);
        });
    if (!amount().isPositive()) {
      throw new InvalidInvoiceException(
          "Payment "
              + id()
              + ": the amount must be greater than zero, was "
              + amount()
              + (amount().isNegative() ? "; record money given back as a refund" : ""));
    }
  }
}
