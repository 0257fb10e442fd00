package dev.invoicekit.credit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.lifecycle.CreditRejectedException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A quantity at the extremes of BigDecimal is refused before any arithmetic or printing: the
 * message of "more than is left" would otherwise print a billion digits.
 */
class CreditNoteHostileQuantityTest {

  private final ServiceFixture fixture = new ServiceFixture();

  @Test
  void aHugeExponentIsRefusedByTheBoundNotPrinted() {
    Invoice sent = fixture.service.send(ServiceFixture.TENANT, fixture.draft().id());

    for (String hostile : List.of("1E+999999999", "1E-999999999", "0E-999999999",
        "12345678901234567", "0.0000001")) {
      assertThatThrownBy(() -> CreditNoteLifecycle.draft(CreditNoteId.of("cn-1"), sent,
              List.of(), CreditNoteRequest.lineQuantity("Returned", 1, new BigDecimal(hostile)),
              LocalDate.of(2026, 11, 3)))
          .as(hostile)
          .isInstanceOf(CreditRejectedException.class)
          .hasMessageStartingWith("Cannot credit invoice INV-2026-00001 by credit note cn-1:"
              + " the quantity credited of line 1 ")
          .message().hasSizeLessThan(300);
    }
  }
}
