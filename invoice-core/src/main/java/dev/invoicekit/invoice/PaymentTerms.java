package dev.invoicekit.invoice;

import dev.invoicekit.internal.Inputs;
import java.time.LocalDate;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * When payment is due, in days after the invoice date ("net 30"), with optional wording for the
 * document. An invoice without an explicit due date derives it from its terms.
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
public abstract class PaymentTerms implements WithPaymentTerms {

  // Implemented by the generated value class only: hosts build one, they do not subclass.
  PaymentTerms() {}

  /** Builds payment terms; {@code netDays} is required. */
  public static class Builder extends ImmutablePaymentTerms.Builder {
    /** An empty builder. */
    public Builder() {}
  }

  /**
   * Terms of the given number of days.
   *
   * @param days days after the invoice date, zero or more
   * @return the terms, not null
   */
  public static PaymentTerms net(int days) {
    return new Builder().netDays(days).build();
  }

  /** Days after the invoice date that payment is due; 0 means due on receipt. */
  public abstract int netDays();

  /** The terms in words for the document, such as "2 % 10, net 30". */
  public abstract Optional<String> description();

  /**
   * The due date for an invoice dated {@code invoiceDate}.
   *
   * @param invoiceDate the invoice date, not null
   * @return the due date, not null
   */
  public LocalDate dueDateFor(LocalDate invoiceDate) {
    return invoiceDate.plusDays(netDays());
  }

  @Value.Check
  protected void check() {
    if (netDays() < 0 || netDays() > 3650) {
      throw new InvalidInvoiceException(
          "Payment terms must be between 0 and 3650 days, were " + netDays());
    }
    description().map(d -> Inputs.textProblem(d, InputLimits.REASON_LENGTH)).ifPresent(p -> {
      throw new InvalidInvoiceException("The payment terms' wording " + p);
    });
  }
}
