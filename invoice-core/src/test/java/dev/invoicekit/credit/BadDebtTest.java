package dev.invoicekit.credit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.SettlementId;
import dev.invoicekit.lifecycle.InvoiceLifecycle;
import dev.invoicekit.tax.TaxCategory;
import dev.invoicekit.tax.TaxCode;
import dev.invoicekit.totals.TaxBreakdown;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/** The written-off amount by tax group: worked by hand, adding up exactly, the VAT part. */
class BadDebtTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
  private static final TaxCode S19 = TaxCode.standard("19");
  private static final TaxCode S7 = TaxCode.standard("7");

  private static Money eur(String amount) {
    return Money.parse("EUR " + amount);
  }

  private static LineItem line(String quantity, String price, TaxCode code) {
    return new LineItem.Builder().description("Item").quantity(quantity)
        .unitPrice("EUR " + price).taxCode(code).build();
  }

  private static Invoice sent(LineItem... lines) {
    Invoice draft = new Invoice.Builder()
        .id(InvoiceId.of("inv-1"))
        .account(AccountId.of("acme"))
        .currency("EUR")
        .invoiceDate(LocalDate.of(2026, 11, 1))
        .paymentTerms(PaymentTerms.net(30))
        .lines(List.of(lines))
        .build();
    return InvoiceLifecycle.send(draft, () -> InvoiceNumber.of("INV-2026-00042")).invoice();
  }

  private static Invoice writtenOffAfterPaying(Invoice invoice, String paid) {
    Invoice partly = InvoiceLifecycle.recordPayment(invoice, new Payment.Builder()
        .id(PaymentId.of("p-1")).amount(eur(paid)).date(TODAY).build(), TODAY).invoice();
    return InvoiceLifecycle.writeOff(partly, SettlementId.of("w-1"), "Insolvent", TODAY)
        .invoice();
  }

  @Test
  void theWrittenOffAmountIsSplitByGrossGroupAndEachShareIntoNetAndVat() {
    // S 19: 1,100.00 + 209.00 = 1,309.00; S 7: 100.00 + 7.00 = 107.00; total 1,416.00.
    Invoice invoice = writtenOffAfterPaying(sent(line("11", "100.00", S19),
        line("5", "20.00", S7)), "416.00");

    List<BadDebt.GroupShare> shares = BadDebt.writtenOffByTaxGroup(invoice);

    // 1,000.00 x 1,309 / 1,416 = 924.435..., x 107 / 1,416 = 75.564...: the odd cent goes to the
    // larger remainder. 924.44 x 209 / 1,309 = 147.599... of VAT; 75.56 x 7 / 107 = 4.943...
    assertThat(shares).containsExactly(
        new BadDebt.GroupShare(S7, eur("70.62"), eur("4.94")),
        new BadDebt.GroupShare(S19, eur("776.84"), eur("147.60")));
    assertThat(shares.stream().map(BadDebt.GroupShare::gross).reduce(Money::plus))
        .contains(eur("1000.00"));
  }

  @Test
  void nothingWrittenOffGivesZeroSharesForEveryGroup() {
    Invoice invoice = sent(line("1", "100.00", S19), line("1", "10.00", S7));

    assertThat(BadDebt.writtenOffByTaxGroup(invoice)).containsExactly(
        new BadDebt.GroupShare(S7, eur("0.00"), eur("0.00")),
        new BadDebt.GroupShare(S19, eur("0.00"), eur("0.00")));
  }

  @Test
  void aWriteOffTakenBackByAPaymentLeavesNothingWrittenOff() {
    Invoice written = InvoiceLifecycle.writeOff(sent(line("1", "100.00", S19)),
        SettlementId.of("w-1"), "Insolvent", TODAY).invoice();
    Invoice paid = InvoiceLifecycle.recordPayment(written, new Payment.Builder()
        .id(PaymentId.of("p-1")).amount(eur("1.00")).date(TODAY).build(), TODAY).invoice();

    assertThat(BadDebt.writtenOffByTaxGroup(written)).containsExactly(
        new BadDebt.GroupShare(S19, eur("100.00"), eur("19.00")));
    assertThat(BadDebt.writtenOffByTaxGroup(paid)).containsExactly(
        new BadDebt.GroupShare(S19, eur("0.00"), eur("0.00")));
  }

  @Test
  void anUntaxedGroupHasNoVatPart() {
    TaxCode exempt = TaxCode.untaxed(TaxCategory.E);
    Invoice invoice = writtenOffAfterPaying(sent(line("1", "100.00", S19),
        line("1", "81.00", exempt)), "100.00");

    List<BadDebt.GroupShare> shares = BadDebt.writtenOffByTaxGroup(invoice);

    // 100.00 of 200.00: half of each group.
    assertThat(shares).containsExactlyInAnyOrder(
        new BadDebt.GroupShare(exempt, eur("40.50"), eur("0.00")),
        new BadDebt.GroupShare(S19, eur("50.00"), eur("9.50")));
  }

  @Test
  void everyPartIsWithinACentOfItsExactShareAndTheyAddUpExactly() {
    Invoice invoice = writtenOffAfterPaying(sent(line("3", "33.33", S19), line("7", "1.43", S7),
        line("1", "0.01", TaxCode.standard("25"))), "0.07");
    Money writtenOff = invoice.totals().amountWrittenOff();
    BigDecimal total = invoice.totals().total().getAmount();

    List<BadDebt.GroupShare> shares = BadDebt.writtenOffByTaxGroup(invoice);

    Money sum = Money.zero(invoice.currency());
    for (int i = 0; i < shares.size(); i++) {
      BadDebt.GroupShare share = shares.get(i);
      TaxBreakdown group = invoice.totals().taxBreakdown().get(i);
      BigDecimal gross = group.taxableAmount().plus(group.taxAmount()).getAmount();
      BigDecimal exact = writtenOff.getAmount().multiply(gross)
          .divide(total, 10, RoundingMode.HALF_EVEN);
      assertThat(share.gross().getAmount().subtract(exact).abs())
          .as("share of %s", share.taxCode()).isLessThan(new BigDecimal("0.01"));
      BigDecimal exactTax = share.gross().getAmount().multiply(group.taxAmount().getAmount())
          .divide(gross, 10, RoundingMode.HALF_EVEN);
      assertThat(share.tax().getAmount().subtract(exactTax).abs())
          .as("VAT of %s", share.taxCode()).isLessThan(new BigDecimal("0.01"));
      sum = sum.plus(share.gross());
    }
    assertThat(sum).isEqualTo(writtenOff);
  }
}
