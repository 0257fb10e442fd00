package dev.invoicekit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/** The examples a newcomer runs first actually run, and say what they claim. */
class ExamplesTest {

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

  private String printed() {
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theStoryRunsFromOpportunityToPaidAndPrintsEveryEventOnce() {
    Invoice paid = OpportunityToPaidStory.run(out);

    assertThat(paid.status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(paid.number())
        .hasValueSatisfying(n -> assertThat(n.value()).isEqualTo("INV-2026-00001"));
    assertThat(paid.totals().amountDue().isZero()).isTrue();
    assertThat(printed())
        .containsOnlyOnce("event delivered: CREATED")
        .containsOnlyOnce("event delivered: EDITED")
        .containsOnlyOnce("event delivered: SENT")
        .containsOnlyOnce("event delivered: PAYMENT_RECORDED")
        .containsOnlyOnce("event delivered: OVERDUE")
        .containsOnlyOnce("event delivered: PAID")
        .contains("status as of today, before any sweep: OVERDUE")
        .contains("Balance due");
  }

  @Test
  void twoNodesWithOneIdempotencyKeyRecordThePaymentOnce() {
    Invoice stored = TwoInstancesOnePaymentExample.run(out);

    assertThat(stored.payments()).hasSize(1);
    assertThat(stored.totals().amountPaid()).isEqualTo(Money.parse("EUR 1190.00"));
    assertThat(stored.status()).isEqualTo(InvoiceStatus.PAID);
  }

  @Test
  void badInputIsRefusedWithItsMessageAndChangesNothing() {
    BadInputExample.run(out);

    assertThat(printed())
        .contains("refused, IllegalTransitionException: Cannot edit invoice INV-2026-00001: it is"
            + " SENT")
        .contains("refused, PaymentRejectedException: Invoice INV-2026-00001: a payment of"
            + " EUR 2000.00 is more than the balance due of EUR 1130.50")
        .contains("refused, InvalidInvoiceException")
        .doesNotContain("accepted?!")
        .doesNotContain("unchanged: false");
  }

  @Test
  void theCorrectionsStoryCreditsKeepsCreditAppliesItAndWritesOff() {
    CorrectionsStory.Outcome outcome = CorrectionsStory.run(out);

    // 2427.50 - 297.50 credited = 2130.00 due; 2200.00 paid leaves 70.00 credit; the 42.80
    // reduction after payment is credit too: 112.80, applied to the next invoice's 119.00.
    assertThat(outcome.first().status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(outcome.first().totals().amountCredited()).isEqualTo(Money.parse("EUR 297.50"));
    assertThat(outcome.next().totals().accountCreditApplied())
        .isEqualTo(Money.parse("EUR 112.80"));
    assertThat(outcome.next().totals().amountDue()).isEqualTo(Money.parse("EUR 6.20"));
    assertThat(outcome.creditLeft()).isEqualTo(Money.parse("EUR 0.00"));
    assertThat(outcome.writtenOff().status()).isEqualTo(InvoiceStatus.UNCOLLECTIBLE);
    assertThat(printed())
        .contains("CN-2026-00001 credits EUR 297.50 of INV-2026-00001; still due EUR 2130.00")
        .contains("account credit: EUR 70.00")
        .contains("account credit: EUR 112.80")
        .contains("group S 19: net EUR 500.00, VAT EUR 95.00")
        .containsOnlyOnce("event delivered: CREDIT_NOTE_ISSUED      credit note CN-2026-00001")
        .contains("event delivered: CREDITED")
        .contains("event delivered: ACCOUNT_CREDITED")
        .containsOnlyOnce("event delivered: ACCOUNT_CREDIT_APPLIED")
        .containsOnlyOnce("event delivered: CREDIT_APPLIED")
        .containsOnlyOnce("event delivered: WRITTEN_OFF");
  }
}
