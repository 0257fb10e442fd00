package dev.invoicekit.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.ports.InvoicePersistenceException.Kind;
import org.junit.jupiter.api.Test;

class InvoicePersistenceExceptionTest {

  @Test
  void theConstructorsWithoutAKindMakeAPermanentFailure() {
    IllegalStateException cause = new IllegalStateException("underlying");

    InvoicePersistenceException withCause = new InvoicePersistenceException("failed", cause);
    InvoicePersistenceException withoutCause = new InvoicePersistenceException("failed");

    assertThat(withCause.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(withCause.getCause()).isSameAs(cause);
    assertThat(withoutCause.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(withoutCause.isRetryable()).isFalse();
    assertThat(withoutCause.isOutcomeUnknown()).isFalse();
  }

  @Test
  void aTransientFailureIsRetryableAndItsOutcomeIsKnown() {
    InvoicePersistenceException e = new InvoicePersistenceException("failed", Kind.TRANSIENT);

    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.isOutcomeUnknown()).isFalse();
  }

  @Test
  void anOutcomeUnknownFailureIsRetryableAndSaysItsOutcomeIsUnknown() {
    IllegalStateException cause = new IllegalStateException("underlying");
    InvoicePersistenceException e =
        new InvoicePersistenceException("failed", cause, Kind.OUTCOME_UNKNOWN);

    assertThat(e.kind()).isEqualTo(Kind.OUTCOME_UNKNOWN);
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.isOutcomeUnknown()).isTrue();
    assertThat(e.getCause()).isSameAs(cause);
  }

  @Test
  void aFailureMadeWithoutACauseTakesOneLater() {
    IllegalStateException cause = new IllegalStateException("underlying");

    DuplicateInvoiceException duplicate = new DuplicateInvoiceException("number taken");
    duplicate.initCause(cause);
    InvoicePersistenceException transientOne =
        new InvoicePersistenceException("failed", Kind.TRANSIENT);
    transientOne.initCause(cause);

    assertThat(duplicate.getCause()).isSameAs(cause);
    assertThat(transientOne.getCause()).isSameAs(cause);
  }

  @Test
  void aKindIsRequired() {
    assertThatThrownBy(() -> new InvoicePersistenceException("failed", (Kind) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("kind");
  }

  @Test
  void aStaleWriteAndATakenIdempotencyKeyAreTransientAndADuplicateIsPermanent() {
    assertThat(new StaleInvoiceException(InvoiceId.of("inv-1"), 1, 2).kind())
        .isEqualTo(Kind.TRANSIENT);
    assertThat(new IdempotencyKeyTakenException("key k taken").kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(new DuplicateInvoiceException("number taken").kind()).isEqualTo(Kind.PERMANENT);
    assertThat(new DuplicateInvoiceException("number taken").isRetryable()).isFalse();
  }
}
