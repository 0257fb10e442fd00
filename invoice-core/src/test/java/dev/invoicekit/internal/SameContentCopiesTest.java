package dev.invoicekit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.CurrencyMismatchException;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.tax.TaxCode;
import dev.invoicekit.totals.InvoiceCalculator;
import java.time.LocalDate;
import java.util.List;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

class SameContentCopiesTest {

  private static LineItem line(String quantity, String price) {
    return new LineItem.Builder()
        .description("Consulting")
        .quantity(quantity)
        .unitPrice(price)
        .taxCode(TaxCode.standard("19"))
        .build();
  }

  private final Invoice invoice =
      new Invoice.Builder()
          .id(InvoiceId.of("i-1"))
          .account(AccountId.of("acme"))
          .currency("EUR")
          .invoiceDate(LocalDate.of(2026, 11, 24))
          .addLine(line("2", "EUR 10.00"))
          .build();

  @Test
  void aCopyWithANewStatusTakesTheSourcesTotals() {
    Invoice sent = SameContentCopies.copy(invoice, i -> i.withStatus(InvoiceStatus.SENT));

    assertThat(sent.totals()).isSameAs(invoice.totals());
  }

  @Test
  void aCopyWithNewLinesComputesItsOwnTotals() {
    Invoice edited =
        SameContentCopies.copy(invoice, i -> i.withLines(List.of(line("3", "EUR 10.00"))));

    assertThat(edited.totals()).isEqualTo(InvoiceCalculator.standard().calculate(edited));
    assertThat(edited.totals().total()).isEqualTo(Money.parse("EUR 35.70"));
  }

  @Test
  void aCopyWithNewContentIsStillChecked() {
    assertThatThrownBy(
            () ->
                SameContentCopies.copy(
                    invoice, i -> i.withLines(List.of(line("1", "USD 10.00")))))
        .isInstanceOf(CurrencyMismatchException.class);
  }

  @Test
  void nothingIsHandedOverOutsideACopy() {
    SameContentCopies.copy(invoice, i -> i.withStatus(InvoiceStatus.SENT));

    assertThat(SameContentCopies.isCopyWithSameContent(invoice.withStatus(InvoiceStatus.PAID)))
        .isFalse();
  }
}
