package dev.invoicekit.credit;

import dev.invoicekit.internal.Apportionment;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.tax.TaxCode;
import dev.invoicekit.totals.TaxBreakdown;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.joda.money.Money;

/**
 * The written-off amount of an invoice split by tax group, for bad-debt relief: hosts reclaim the
 * VAT part. The amount is split over the groups in proportion to their amounts with tax, and each
 * share into net and tax in proportion to the group's taxable amount and tax, both by the largest
 * remainder, so every part is within a cent of its exact share and the parts add up to the
 * written-off amount exactly.
 *
 * <p>Stateless and thread-safe.
 */
public final class BadDebt {

  private BadDebt() {}

  /**
   * One group's share of a written-off amount.
   *
   * @param taxCode the group, not null
   * @param net the share without tax, not null
   * @param tax the share of tax, not null
   */
  public record GroupShare(TaxCode taxCode, Money net, Money tax) {

    /** Checks the parts. */
    public GroupShare {
      Objects.requireNonNull(taxCode, "taxCode");
      Objects.requireNonNull(net, "net");
      Objects.requireNonNull(tax, "tax");
    }

    /** The share with tax. @return net plus tax, not null */
    public Money gross() {
      return net.plus(tax);
    }
  }

  /**
   * The invoice's written-off amount ({@code totals().amountWrittenOff()}) by tax group.
   *
   * @param invoice the invoice, not null
   * @return one share per tax group in the breakdown's order, adding up to the written-off
   *     amount; all zero when nothing is written off
   */
  public static List<GroupShare> writtenOffByTaxGroup(Invoice invoice) {
    Objects.requireNonNull(invoice, "invoice");
    return split(invoice.totals().amountWrittenOff(), invoice.totals().taxBreakdown());
  }

  /**
   * Splits an amount over tax groups as {@link #writtenOffByTaxGroup} does.
   *
   * @param amount the amount, not null
   * @param groups the tax groups, not empty
   * @return one share per group, adding up to the amount, not null
   */
  public static List<GroupShare> split(Money amount, List<TaxBreakdown> groups) {
    Objects.requireNonNull(amount, "amount");
    List<Money> grossWeights = new ArrayList<>();
    for (TaxBreakdown group : groups) {
      grossWeights.add(group.taxableAmount().plus(group.taxAmount()));
    }
    boolean noWeight = grossWeights.stream().allMatch(Money::isZero);
    List<Money> shares = noWeight && amount.isZero()
        ? grossWeights
        : Apportionment.proportional(amount, grossWeights);
    List<GroupShare> result = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      TaxBreakdown group = groups.get(i);
      Money share = shares.get(i);
      List<Money> parts = group.taxAmount().isZero() || share.isZero()
          ? List.of(share, share.withAmount(0))
          : Apportionment.proportional(share, List.of(group.taxableAmount(), group.taxAmount()));
      result.add(new GroupShare(group.taxCode(), parts.get(0), parts.get(1)));
    }
    return result;
  }
}
