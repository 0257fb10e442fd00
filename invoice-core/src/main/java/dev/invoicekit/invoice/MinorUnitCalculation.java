package dev.invoicekit.invoice;

import dev.invoicekit.internal.MinorUnits;
import dev.invoicekit.money.Percentage;
import dev.invoicekit.money.RoundingPolicy;
import dev.invoicekit.money.TaxRounding;
import dev.invoicekit.tax.TaxCode;
import dev.invoicekit.totals.InvoiceTotals;
import dev.invoicekit.totals.LineTotals;
import dev.invoicekit.totals.TaxBreakdown;
import dev.invoicekit.totals.TaxableGroup;
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
 * {@code Money} objects made only for the results. {@link Calculation} stays the reference. Which
 * content this class covers is decided before it runs ({@link #supports}: net prices, tax per
 * group,
 * and inputs whose digits keep every step inside a {@code long}), so an {@code ArithmeticException}
 * here is a bug, never a signal. The one case decided while running is an overall discount over
 * group nets that cancel or differ in sign, which it hands to the reference by name. It refuses
 * what the reference refuses, with the same exception.
 *
 * <p>Why it is safe to skip what the reference builds: with tax rounded per group, the per-line
 * shares of the overall discount and the {@link TaxableGroup} item lists change no reported amount;
 * the line shares of a group always add up to the group's share, so its taxable amount is line nets
 * minus that share plus its document charges minus its allowances.
 */
final class MinorUnitCalculation {

  /** The last zero made (why: docs/BENCHMARKS.md, "Why the code is shaped this way"). */
  private static volatile Money lastZero;

  private final InvoiceContent invoice;
  private final CurrencyUnit currency;
  private final RoundingPolicy policy;
  private final RoundingMode mode;
  private final int scale;
  private final Money zero;

  // The tax groups in breakdown order (TaxCode order), grown by sorted insertion (why:
  // docs/BENCHMARKS.md, "Why the code is shaped this way").
  private TaxCode[] groupCodes = new TaxCode[4];
  private long[] groupLineSums = new long[4];
  private long[] groupDocumentEffects = new long[4];
  private int groupCount;

  private MinorUnitCalculation(InvoiceContent invoice, RoundingPolicy policy) {
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
   * Whether this calculation gives the totals of the content: net prices, tax from the rates
   * rounded once per group, and every quantity, price, percentage and amount small enough that no
   * product or sum of the calculation can leave a {@code long} (bounded from the numbers' digits,
   * before anything is computed). The caller runs the reference {@link Calculation} otherwise.
   *
   * @param content the content, whose tax comes from the built-in rate strategy, not null
   * @return true if {@link #calculate} may be called
   */
  static boolean supports(InvoiceContent content) {
    RoundingPolicy policy = content.roundingPolicy();
    if (content.pricesIncludeTax() || policy.taxRounding() != TaxRounding.PER_GROUP) {
      return false;
    }
    return MagnitudeBound.covers(content, content.currency().getDecimalPlaces());
  }

  /**
   * The totals of a content that {@link #supports} covers.
   *
   * @param content the content, not null
   * @return the totals, not null
   * @throws InvalidInvoiceException if the content cannot be totalled, as the reference refuses it
   */
  static InvoiceTotals calculate(InvoiceContent content) {
    return new MinorUnitCalculation(content, content.roundingPolicy()).run();
  }

  private InvoiceTotals run() {
    List<LineItem> lines = invoice.lines();
    int lineCount = lines.size();
    InvoiceTotals.Builder totals = new InvoiceTotals.Builder().currency(currency);

    // The rule steps in Calculation.run's order. 1. line amounts, allowances, charges, nets, and
    // 3. the line's tax group (grouping is folded into the line loop).
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
          LineTotals.of(
              line.taxCode(),
              amountMoney,
              money(allowances),
              money(charges),
              // The common line without allowances or charges: its net is its amount.
              net == amount ? amountMoney : money(net),
              Optional.empty()));
    }

    // 2. document allowances and charges, into their groups.
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

    // 4. the overall discount and its split over the groups.
    if (invoice.overallDiscount().isPresent() && !splitsInProportion(subtotal)) {
      // Group nets that cancel or differ in sign have no plain proportion to split a discount by;
      // the reference's rule for them (Calculation.split) is the one the totals must follow.
      return new Calculation(invoice, TaxStrategy.rates()).run();
    }
    long discount = overallDiscount(subtotal);
    long[] shares = discount == 0 ? new long[groupCount] : split(discount, subtotal);
    // 5. each group's taxable amount and tax.
    long taxTotal = 0;
    for (int g = 0; g < groupCount; g++) {
      TaxCode code = groupCodes[g];
      long taxable =
          Math.addExact(Math.subtractExact(groupLineSums[g], shares[g]), groupDocumentEffects[g]);
      long tax = code.carriesNoTax() ? 0 : MinorUnits.percentOf(taxable, code.rate(), mode);
      taxTotal = Math.addExact(taxTotal, tax);
      totals.addTaxBreakdown(
          TaxBreakdown.of(code, money(taxable), money(tax), money(shares[g])));
    }

    // 6. the document totals.
    long allowanceTotal = Math.addExact(documentAllowances, discount);
    long totalWithoutTax =
        Math.addExact(Math.subtractExact(subtotal, allowanceTotal), documentCharges);
    long total = Math.addExact(totalWithoutTax, taxTotal);
    // Before any payment is recorded: the invoice adds its payments (InvoiceCalculator.settle).
    long paid = invoice.prepaidAmount().isPresent() ? minor(invoice.prepaidAmount().get()) : 0;
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

  /** The overall discount in minor units, refused as the reference refuses it. */
  private long overallDiscount(long subtotal) {
    if (invoice.overallDiscount().isEmpty()) {
      return 0;
    }
    OverallDiscount discount = invoice.overallDiscount().get();
    if (discount.percentage().isPresent()) {
      return MinorUnits.percentOf(subtotal, discount.percentage().get().value(), mode);
    }
    Money fixed = discount.fixedAmount().orElseThrow();
    long amount = minor(fixed);
    if (amount != 0 && subtotal <= 0) {
      throw Calculation.fixedDiscountNeedsPositiveSubtotal(fixed, money(subtotal));
    }
    if (amount > subtotal) {
      throw Calculation.fixedDiscountAboveSubtotal(fixed, money(subtotal));
    }
    return amount;
  }

  /** Whether every group's net has the subtotal's sign (or is zero), so a split is proportional. */
  private boolean splitsInProportion(long subtotal) {
    if (subtotal == 0) {
      return false;
    }
    long sign = Long.signum(subtotal);
    for (int g = 0; g < groupCount; g++) {
      if (groupLineSums[g] != 0 && Long.signum(groupLineSums[g]) != sign) {
        return false;
      }
    }
    return true;
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
      // Weights of one sign leave 0 to n-1 units after flooring; anything else is a bug here.
      throw new IllegalStateException("largest-remainder split left " + left + " units for " + n
          + " groups");
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
    // By identity first (why: docs/BENCHMARKS.md, "Why the code is shaped this way").
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

  /**
   * An upper bound of every magnitude the calculation meets, from the digits of its inputs, so that
   * {@link #supports} can promise that no {@code Math.*Exact} step overflows: each product is
   * bounded by the digits of its factors, each sum by the sum of the bounds (saturated).
   */
  private static final class MagnitudeBound {

    /** Products and sums stay below this; {@code Long.MAX_VALUE} is about 9.2 x 10^18. */
    private static final long LIMIT = MinorUnits.pow10(18);

    private MagnitudeBound() {}

    static boolean covers(InvoiceContent content, int scale) {
      // Indexed loops and the previous line's tax code: this pass runs before every fast
      // calculation (why: docs/BENCHMARKS.md, "Why the code is shaped this way").
      long subtotal = 0;
      int ratePrecision = 0;
      TaxCode previousCode = null;
      List<LineItem> lines = content.lines();
      for (int i = 0; i < lines.size(); i++) {
        LineItem line = lines.get(i);
        long amount = lineAmount(line, scale);
        long net = amount;
        List<LineAllowanceCharge> parts = line.allowanceCharges();
        for (int k = 0; k < parts.size(); k++) {
          net = add(net, part(parts.get(k), amount));
        }
        subtotal = add(subtotal, net);
        if (line.taxCode() != previousCode) {
          previousCode = line.taxCode();
          ratePrecision = Math.max(ratePrecision, ratePrecision(previousCode));
        }
      }
      long total = subtotal;
      List<DocumentAllowanceCharge> documentParts = content.documentAllowanceCharges();
      for (int j = 0; j < documentParts.size(); j++) {
        DocumentAllowanceCharge part = documentParts.get(j);
        total = add(total, part(part, 0));
        ratePrecision = Math.max(ratePrecision, ratePrecision(part.taxCode()));
      }
      Optional<OverallDiscount> overallDiscount = content.overallDiscount();
      if (overallDiscount.isPresent()) {
        Optional<Percentage> percentage = overallDiscount.get().percentage();
        long amount = percentage.isPresent()
            ? percentOf(subtotal, percentage.get().value())
            : digits(overallDiscount.get().fixedAmount().orElseThrow().getAmount().precision());
        // The split multiplies the discount by each group's net.
        if (amount != 0 && subtotal > LIMIT / amount) {
          return false;
        }
        total = add(total, amount);
      }
      // Each group's taxable amount, at most the total, is multiplied by its rate's digits.
      long rateFactor = digits(ratePrecision);
      if (total != 0 && rateFactor > LIMIT / total) {
        return false;
      }
      Optional<Money> prepaid = content.prepaidAmount();
      if (prepaid.isPresent()) {
        total = add(total, digits(prepaid.get().getAmount().precision()));
      }
      Optional<Money> rounding = content.roundingAmount();
      if (rounding.isPresent()) {
        total = add(total, digits(rounding.get().getAmount().precision()));
      }
      return total < LIMIT;
    }

    /** The digits of a rate's unscaled value; beyond 18 when its scale is negative. */
    private static int ratePrecision(TaxCode code) {
      BigDecimal rate = code.rate();
      return rate.scale() < 0 ? 18 : rate.precision();
    }

    /** A bound of quantity x price / base in minor units; LIMIT when a step could overflow. */
    private static long lineAmount(LineItem line, int scale) {
      BigDecimal quantity = line.quantity();
      BigDecimal price = line.unitPrice().getAmount();
      BigDecimal base = line.baseQuantity();
      int product = quantity.precision() + price.precision();
      int exponent = scale + base.scale() - quantity.scale() - price.scale();
      // The unscaled product, and the divisor or multiplier the exponent makes, must fit.
      if (product > 18 || base.precision() > 18
          || (exponent >= 0 && product + exponent > 18)
          || (exponent < 0 && base.precision() - exponent > 18)) {
        return LIMIT;
      }
      // unscaled product x 10^exponent / unscaled base (at least 1): below 10^(product + exponent),
      // at most 1 when that is below 1 (rounded up).
      return digits(Math.max(product + exponent, 1));
    }

    /** A bound of an allowance's or charge's amount. */
    private static long part(AllowanceCharge part, long lineAmount) {
      Optional<Money> amount = part.amount();
      if (amount.isPresent()) {
        return digits(amount.get().getAmount().precision());
      }
      Optional<Money> baseAmount = part.baseAmount();
      long base = baseAmount.isPresent() ? digits(baseAmount.get().getAmount().precision())
          : lineAmount;
      return percentOf(base, part.percentage().orElseThrow().value());
    }

    /** A bound of amount x percentage / 100; LIMIT when the product could overflow. */
    private static long percentOf(long amount, BigDecimal percentage) {
      if (percentage.scale() < 0 || percentage.precision() > 18) {
        return LIMIT; // MinorUnits.percentOf takes scales of 0 or more and a long unscaled value
      }
      long factor = digits(percentage.precision());
      return amount != 0 && factor > LIMIT / amount ? LIMIT : amount;
    }

    /** 10^digits, saturated at LIMIT. */
    private static long digits(int digits) {
      return digits >= 18 ? LIMIT : MinorUnits.pow10(digits);
    }

    private static long add(long a, long b) {
      return a >= LIMIT - b ? LIMIT : a + b;
    }
  }
}
