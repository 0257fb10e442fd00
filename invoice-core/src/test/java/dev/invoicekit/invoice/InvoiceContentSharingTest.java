package dev.invoicekit.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.tax.TaxCode;
import java.time.LocalDate;
import java.util.List;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/** A copy of an invoice shares what it did not change: the same content object, the same totals. */
class InvoiceContentSharingTest {

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
  void aCopyWithANewStatusKeepsTheContentAndItsTotals() {
    Invoice sent = invoice.withStatus(InvoiceStatus.SENT).withVersion(3);

    assertThat(sent.content()).isSameAs(invoice.content());
    assertThat(sent.totals()).isSameAs(invoice.totals());
  }

  @Test
  void aBuilderFilledFromAnInvoiceKeepsItsContentObject() {
    Invoice copy = new Invoice.Builder().from(invoice).status(InvoiceStatus.SENT).build();

    assertThat(copy.content()).isSameAs(invoice.content());
  }

  @Test
  void aCopyWithNewLinesComputesItsOwnTotals() {
    Invoice edited = invoice.withLines(List.of(line("3", "EUR 10.00")));

    assertThat(edited.content()).isNotSameAs(invoice.content());
    assertThat(edited.totals()).isEqualTo(InvoiceCalculator.standard().calculate(edited));
    assertThat(edited.totals().total()).isEqualTo(Money.parse("EUR 35.70"));
  }

  @Test
  void aCopyWithNewContentIsStillCheckedAndNamesTheInvoice() {
    assertThatThrownBy(() -> invoice.withLines(List.of(line("1", "USD 10.00"))))
        .isInstanceOf(CurrencyMismatchException.class)
        .hasMessageStartingWith("Invoice i-1: ");
  }

  @Test
  void paymentsAreAddedToTheContentsTotalsWithoutRecomputingThem() {
    Invoice paid = invoice.withPayments(new Payment.Builder()
        .id(PaymentId.of("p-1"))
        .amount(Money.parse("EUR 5.00"))
        .date(LocalDate.of(2026, 11, 25))
        .build());

    assertThat(paid.content()).isSameAs(invoice.content());
    assertThat(paid.totals().lines()).isSameAs(invoice.totals().lines());
    assertThat(paid.totals().amountPaid()).isEqualTo(Money.parse("EUR 5.00"));
    assertThat(paid.totals().amountDue()).isEqualTo(Money.parse("EUR 18.80"));
    assertThat(paid.totals()).isEqualTo(InvoiceCalculator.standard().calculate(paid));
  }
}
