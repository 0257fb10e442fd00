package dev.invoicekit.totals;

import dev.invoicekit.internal.MinorUnits;
import dev.invoicekit.invoice.AllowanceCharge;
import dev.invoicekit.invoice.DocumentAllowanceCharge;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.LineAllowanceCharge;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.OverallDiscount;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.money.RoundingPolicy;
import dev.invoicekit.money.TaxRounding;
import dev.invoicekit.tax.TaxCode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The calculator's fast path: the same rules as {@link Calculation}, for the common invoice (net
 * prices, tax from the rates rounded once per group), computed in {@code long} minor units with
 * {@code Money} objects made only for the results. {@link Calculation} stays the reference: this
 * class answers {@code null} whenever it cannot be sure to give exactly what the reference gives
 * (an amount that overflows a {@code long}, a discount the reference would refuse, a split over
 * weights that cancel), and the caller then runs the reference.
 *
 * <p>Why it is safe to skip what the reference builds: with tax rounded per group, the per-line
 * shares of the overall discount and the {@link TaxableGroup} item lists change no reported amount;
 * the line shares of a group always add up to the group's share, so its taxable amount is line nets
 * minus that share plus its document charges minus its allowances.
 */
final class MinorUnitCalculation {

  /** The last zero made: invoices of one currency share it instead of making one per run. */
  private static volatile Money lastZero;

  private final Invoice invoice;
  private final CurrencyUnit currency;
  private final RoundingPolicy policy;
  private final RoundingMode mode;
  private final int scale;
  private final Money zero;

  // The tax groups in breakdown order (TaxCode order), grown by sorted insertion: invoices have a
  // handful of groups, for which this beats a TreeMap and boxed index lists.
  private TaxCode[] groupCodes = new TaxCode[4];
  private long[] groupLineSums = new long[4];
  private long[] groupDocumentEffects = new long[4];
  private int groupCount;

  private MinorUnitCalculation(Invoice invoice, RoundingPolicy policy) {
    this.invoice = invoice;
    this.currency = invoice.currency();
    this.policy = policy;
    this.mode = policy.mode();
    this.scale = currency.getDecimalPlaces();
    this.zero = zero(currency);
  }

  private static Money zero(CurrencyUnit currency) {
    Money zero = lastZero;
    if (zero == null || !zero.getCurrencyUnit().equals(currency)) {
      zero = Money.zero(currency);
      lastZero = zero;
    }
    return zero;
  }

  /**
   * The totals, or null when the invoice needs the reference {@link Calculation}.
   *
   * @param invoice the invoice, whose tax comes from the built-in rate strategy
   * @return the totals, or null
   */
  static InvoiceTotals calculate(Invoice invoice) {
    RoundingPolicy policy = invoice.roundingPolicy();
    if (invoice.pricesIncludeTax() || policy.taxRounding() != TaxRounding.PER_GROUP) {
      return null;
    }
    try {
      return new MinorUnitCalculation(invoice, policy).run();
    } catch (ArithmeticException overflowOrNotCovered) {
      return null;
    }
  }

  private InvoiceTotals run() {
    List<LineItem> lines = invoice.lines();
    int lineCount = lines.size();
    InvoiceTotals.Builder totals = new InvoiceTotals.Builder().currency(currency);

    long subtotal = 0;
    for (int i = 0; i < lineCount; i++) {
      LineItem line = lines.get(i);
      long amount = lineAmount(line);
      long allowances = 0;
      long charges = 0;
      List<LineAllowanceCharge> lineParts = line.allowanceCharges();
      for (int k = 0; k < lineParts.size(); k++) {
        LineAllowanceCharge part = lineParts.get(k);
        long partAmount = partAmount(part, amount);
        if (part.isAllowance()) {
          allowances = Math.addExact(allowances, partAmount);
        } else {
          charges = Math.addExact(charges, partAmount);
        }
      }
      long net = Math.addExact(Math.subtractExact(amount, allowances), charges);
      subtotal = Math.addExact(subtotal, net);
      int g = group(line.taxCode());
      groupLineSums[g] = Math.addExact(groupLineSums[g], net);
      Money amountMoney = money(amount);
      totals.addLine(
          ImmutableLineTotals.of(
              line.taxCode(),
              amountMoney,
              money(allowances),
              money(charges),
              // The common line without allowances or charges: its net is its amount.
              net == amount ? amountMoney : money(net),
              Optional.empty()));
    }

    List<DocumentAllowanceCharge> parts = invoice.documentAllowanceCharges();
    Money[] documentAmounts = new Money[parts.size()];
    long documentAllowances = 0;
    long documentCharges = 0;
    for (int j = 0; j < parts.size(); j++) {
      DocumentAllowanceCharge part = parts.get(j);
      long amount = partAmount(part, 0);
      documentAmounts[j] = money(amount);
      int g = group(part.taxCode());
      if (part.isAllowance()) {
        documentAllowances = Math.addExact(documentAllowances, amount);
        groupDocumentEffects[g] = Math.subtractExact(groupDocumentEffects[g], amount);
      } else {
        documentCharges = Math.addExact(documentCharges, amount);
        groupDocumentEffects[g] = Math.addExact(groupDocumentEffects[g], amount);
      }
    }
    totals.documentAllowanceChargeAmounts(
        documentAmounts.length == 0 ? List.of() : Arrays.asList(documentAmounts));

    long discount = overallDiscount(subtotal);
    long[] shares = discount == 0 ? new long[groupCount] : split(discount, subtotal);
    long taxTotal = 0;
    for (int g = 0; g < groupCount; g++) {
      TaxCode code = groupCodes[g];
      long taxable =
          Math.addExact(Math.subtractExact(groupLineSums[g], shares[g]), groupDocumentEffects[g]);
      long tax = code.carriesNoTax() ? 0 : MinorUnits.percentOf(taxable, code.rate(), mode);
      taxTotal = Math.addExact(taxTotal, tax);
      totals.addTaxBreakdown(
          ImmutableTaxBreakdown.of(code, money(taxable), money(tax), money(shares[g])));
    }

    long allowanceTotal = Math.addExact(documentAllowances, discount);
    long totalWithoutTax =
        Math.addExact(Math.subtractExact(subtotal, allowanceTotal), documentCharges);
    long total = Math.addExact(totalWithoutTax, taxTotal);
    long paid = invoice.prepaidAmount().isPresent() ? minor(invoice.prepaidAmount().get()) : 0;
    for (Payment payment : invoice.payments()) {
      long amount = minor(payment.amount());
      paid =
          payment.kind() == Payment.Kind.PAYMENT
              ? Math.addExact(paid, amount)
              : Math.subtractExact(paid, amount);
    }
    long unrounded = Math.subtractExact(total, paid);
    Money rounding;
    if (invoice.roundingAmount().isPresent()) {
      rounding = invoice.roundingAmount().get();
    } else if (policy.cashRoundingIncrement().isPresent()) {
      rounding = policy.cashRoundingAdjustment(money(unrounded));
    } else {
      rounding = zero;
    }
    long due = Math.addExact(unrounded, minor(rounding));

    Money totalMoney = money(total);
    return totals
        .subtotal(money(subtotal))
        .overallDiscount(money(discount))
        .allowanceTotal(money(allowanceTotal))
        .chargeTotal(money(documentCharges))
        .totalWithoutTax(money(totalWithoutTax))
        .taxTotal(money(taxTotal))
        .total(totalMoney)
        .amountPaid(money(paid))
        .roundingAmount(rounding)
        // The usual case, nothing paid yet and no rounding: the amount due is the total.
        .amountDue(due == total ? totalMoney : money(due))
        .build();
  }

  /** quantity x unit price / base quantity, rounded once to the currency's scale. */
  private long lineAmount(LineItem line) {
    BigDecimal quantity = line.quantity();
    BigDecimal price = line.unitPrice().getAmount();
    BigDecimal base = line.baseQuantity();
    long product = Math.multiplyExact(MinorUnits.unscaled(quantity), MinorUnits.unscaled(price));
    long baseUnscaled = MinorUnits.unscaled(base);
    // product / 10^(sq + sp) / (base / 10^sb), brought to the currency's scale s.
    int exponent = scale + base.scale() - quantity.scale() - price.scale();
    if (exponent >= 0) {
      return MinorUnits.divide(
          Math.multiplyExact(product, MinorUnits.pow10(exponent)), baseUnscaled, mode);
    }
    return MinorUnits.divide(
        product, Math.multiplyExact(baseUnscaled, MinorUnits.pow10(-exponent)), mode);
  }

  /** The amount as given, or base x percentage / 100 rounded once. */
  private long partAmount(AllowanceCharge part, long defaultBase) {
    if (part.amount().isPresent()) {
      return minor(part.amount().get());
    }
    long base = part.baseAmount().isPresent() ? minor(part.baseAmount().get()) : defaultBase;
    return MinorUnits.percentOf(base, part.percentage().orElseThrow().value(), mode);
  }

  /**
   * The overall discount in minor units. Anything the reference refuses or treats specially (a
   * fixed discount above the subtotal, or a subtotal of zero, where the split has no proportion) is
   * left to it.
   */
  private long overallDiscount(long subtotal) {
    if (invoice.overallDiscount().isEmpty()) {
      return 0;
    }
    if (subtotal == 0) {
      // The reference then splits by the percentage itself, which may give groups nonzero shares
      // of a zero discount.
      throw notCovered();
    }
    OverallDiscount discount = invoice.overallDiscount().get();
    long amount;
    if (discount.percentage().isPresent()) {
      amount = MinorUnits.percentOf(subtotal, discount.percentage().get().value(), mode);
    } else {
      amount = minor(discount.fixedAmount().orElseThrow());
      if (amount != 0 && (subtotal <= 0 || amount > subtotal)) {
        throw notCovered();
      }
    }
    return amount;
  }

  /**
   * Splits the discount over the groups in proportion to their line nets, largest remainder first
   * (ties to the larger weight, then the earlier group), as {@code Apportionment.proportional}.
   */
  private long[] split(long total, long weightSum) {
    int n = groupCount;
    long[] parts = new long[n];
    long[] remainders = new long[n];
    long sign = Long.signum(weightSum);
    long denominator = Math.absExact(weightSum);
    long assigned = 0;
    for (int g = 0; g < n; g++) {
      long numerator = Math.multiplyExact(Math.multiplyExact(total, groupLineSums[g]), sign);
      parts[g] = Math.floorDiv(numerator, denominator);
      remainders[g] = Math.floorMod(numerator, denominator);
      assigned = Math.addExact(assigned, parts[g]);
    }
    long left = Math.subtractExact(total, assigned);
    if (left < 0 || left > n) {
      throw notCovered();
    }
    boolean[] taken = new boolean[n];
    for (long k = 0; k < left; k++) {
      int best = -1;
      for (int g = 0; g < n; g++) {
        if (!taken[g]
            && (best < 0
                || remainders[g] > remainders[best]
                || (remainders[g] == remainders[best]
                    && groupLineSums[g] > groupLineSums[best]))) {
          best = g;
        }
      }
      taken[best] = true;
      parts[best]++;
    }
    return parts;
  }

  /** The index of the code's group, adding it in breakdown order if new. */
  private int group(TaxCode code) {
    // Lines mostly share their TaxCode objects: find the group by identity before comparing.
    for (int g = 0; g < groupCount; g++) {
      if (groupCodes[g] == code) {
        return g;
      }
    }
    int at = 0;
    while (at < groupCount) {
      int order = groupCodes[at].compareTo(code);
      if (order == 0) {
        return at; // the first code seen stands for the group, as in the reference's TreeMap
      }
      if (order > 0) {
        break;
      }
      at++;
    }
    if (groupCount == groupCodes.length) {
      groupCodes = Arrays.copyOf(groupCodes, groupCount * 2);
      groupLineSums = Arrays.copyOf(groupLineSums, groupCount * 2);
      groupDocumentEffects = Arrays.copyOf(groupDocumentEffects, groupCount * 2);
    }
    int moved = groupCount - at;
    System.arraycopy(groupCodes, at, groupCodes, at + 1, moved);
    System.arraycopy(groupLineSums, at, groupLineSums, at + 1, moved);
    System.arraycopy(groupDocumentEffects, at, groupDocumentEffects, at + 1, moved);
    groupCodes[at] = code;
    groupLineSums[at] = 0;
    groupDocumentEffects[at] = 0;
    groupCount++;
    return at;
  }

  private Money money(long minor) {
    return minor == 0 ? zero : Money.ofMinor(currency, minor);
  }

  private static long minor(Money amount) {
    return MinorUnits.unscaled(amount.getAmount());
  }

  private static ArithmeticException notCovered() {
    return new ArithmeticException("left to the reference calculation");
  }
}
