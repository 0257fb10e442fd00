package dev.invoicekit.invoice;

import dev.invoicekit.totals.InvoiceTotals;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.joda.money.Money;

/**
 * Turns an invoice into its {@link InvoiceTotals}, following EN 16931 to the letter under the
 * invoice's rounding policy:
 *
 * <ol>
 *   <li>each line amount is {@code quantity x price / base quantity}, rounded once; each allowance
 *       or charge from a percentage is rounded on its own; the line net is their exact sum;
 *   <li>the overall discount is a percentage of the subtotal (rounded once) or a fixed amount, and
 *       is split across the tax groups in proportion to their line nets, largest remainder first;
 *   <li>each (category, rate) group's taxable amount is an exact sum; its tax is rounded once per
 *       group (or per item, if the policy says so) by the {@link TaxStrategy};
 *   <li>every document total is an exact sum or difference of those rounded amounts.
 * </ol>
 *
 * <p>When the invoice's prices include tax, each group's gross amount is computed first, the tax is
 * taken out of it once ({@code gross x rate / (100 + rate)}, rounded), and the net is spread back
 * over the group's lines, allowances and charges so that nets and tax add up to the gross exactly.
 *
 * <p>Two calculations follow these rules, step by step in the same order: the reference, in
 * {@code Money}, and a faster one in {@code long} minor units for the common invoice (net prices,
 * tax
 * from the rates rounded per group, amounts whose every product fits a {@code long}). Which one
 * runs
 * is decided before it starts, from the content alone; both give the same totals (a property test
 * compares them). docs/BENCHMARKS.md says why there are two.
 *
 * <p>Immutable and thread-safe.
 */
public final class InvoiceCalculator {

  private static final InvoiceCalculator STANDARD = new InvoiceCalculator(Optional.empty());

  /** The strategy given by the host; empty to choose per content (see {@link #standard()}). */
  private final Optional<TaxStrategy> givenStrategy;

  private InvoiceCalculator(Optional<TaxStrategy> givenStrategy) {
    this.givenStrategy = givenStrategy;
  }

  /**
   * The calculator {@link InvoiceContent#totals()} uses: tax from the amounts an external engine
   * put
   * on the invoice when it has any, otherwise from the rates.
   *
   * @return the calculator, not null
   */
  public static InvoiceCalculator standard() {
    return STANDARD;
  }

  /**
   * A calculator whose tax step is the given strategy, such as a host's external tax engine.
   *
   * @param taxStrategy the strategy, not null
   * @return the calculator, not null
   */
  public static InvoiceCalculator withTaxStrategy(TaxStrategy taxStrategy) {
    return new InvoiceCalculator(Optional.of(Objects.requireNonNull(taxStrategy, "taxStrategy")));
  }

  /**
   * Computes the totals of an invoice: those of its content, with its payments added to the amount
   * paid and the amount due.
   *
   * @param invoice the invoice, not null
   * @return the totals, not null
   * @throws InvalidInvoiceException if the content cannot be totalled: a fixed discount above the
   * subtotal, tax-inclusive prices with an external tax strategy, or a strategy whose amounts do
   *     not match the groups
   */
  public InvoiceTotals calculate(Invoice invoice) {
    Objects.requireNonNull(invoice, "invoice");
    InvoiceContent content = invoice.content();
    InvoiceTotals totals;
    try {
      totals = calculate(content);
    } catch (InvalidInvoiceException refused) {
      throw refused.forInvoice(invoice.id());
    }
    return settle(totals, content, invoice.payments(), invoice.settlements());
  }

  /**
   * Computes the totals of an invoice's content, before any payment is recorded: the amount paid
   * is the prepaid amount.
   *
   * @param content the content, not null
   * @return the totals, not null
   * @throws InvalidInvoiceException if the content cannot be totalled, as for
   *     {@link #calculate(Invoice)}
   */
  public InvoiceTotals calculate(InvoiceContent content) {
    Objects.requireNonNull(content, "content");
    TaxStrategy strategy;
    if (givenStrategy.isPresent()) {
      strategy = givenStrategy.get();
    } else if (content.externalTaxAmounts().isEmpty()) {
      strategy = TaxStrategy.rates();
    } else {
      strategy = TaxStrategy.externalAmountsOnInvoice();
    }
    if (strategy == RateTaxStrategy.INSTANCE && MinorUnitCalculation.supports(content)) {
      return MinorUnitCalculation.calculate(content);
    }
    return new Calculation(content, strategy).run();
  }

  /**
   * The totals of a content with recorded payments, refunds and settlements added (EN 16931 BT-113
   * and BT-115): the amount paid is the prepaid amount plus payments minus refunds; credits,
   * applied account credit and write-offs reduce what is left; the policy's cash rounding, unless a
   * rounding amount is given, applies to what is then left to pay.
   *
   * @param contentTotals the content's totals, not null
   * @param content the content, not null
   * @param payments the payments and refunds, in the invoice's currency, not null
   * @param settlements the settlements, in the invoice's currency, not null
   * @return the totals, the very {@code contentTotals} when there are neither
   */
  static InvoiceTotals settle(
      InvoiceTotals contentTotals,
      InvoiceContent content,
      List<Payment> payments,
      List<Settlement> settlements) {
    if (payments.isEmpty() && settlements.isEmpty()) {
      return contentTotals;
    }
    Money paid = contentTotals.amountPaid();
    for (Payment payment : payments) {
      paid = paid.plus(payment.signedAmount());
    }
    Money zero = Money.zero(contentTotals.currency());
    Money credited = zero;
    Money accountCredit = zero;
    Money writtenOff = zero;
    for (Settlement settlement : settlements) {
      switch (settlement.kind()) {
        case CREDIT_NOTE -> credited = credited.plus(settlement.amount());
        case ACCOUNT_CREDIT -> accountCredit = accountCredit.plus(settlement.amount());
        case WRITE_OFF -> writtenOff = writtenOff.plus(settlement.amount());
        case WRITE_OFF_REVERSAL -> writtenOff = writtenOff.minus(settlement.amount());
        default -> throw new IllegalStateException("unknown settlement " + settlement.kind());
      }
    }
    Money unrounded = contentTotals.total().minus(paid).minus(credited).minus(accountCredit)
        .minus(writtenOff);
    Money rounding = content.roundingAmount()
        .orElseGet(() -> content.roundingPolicy().cashRoundingAdjustment(unrounded));
    return contentTotals
        .withAmountPaid(paid)
        .withAmountCredited(credited)
        .withAccountCreditApplied(accountCredit)
        .withAmountWrittenOff(writtenOff)
        .withRoundingAmount(rounding)
        .withAmountDue(unrounded.plus(rounding));
  }
}
