package dev.invoicekit.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.invoicekit.internal.MinorUnits;
import dev.invoicekit.money.Percentage;
import dev.invoicekit.money.RoundingPolicy;
import dev.invoicekit.money.TaxRounding;
import dev.invoicekit.tax.TaxCategory;
import dev.invoicekit.tax.TaxCode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.joda.money.BigMoney;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The calculator's fast path ({@link MinorUnitCalculation}, {@code long} minor units) gives exactly
 * the totals of the reference ({@link Calculation}, {@code Money} and {@code BigDecimal}) for every
 * content it {@linkplain MinorUnitCalculation#supports supports}, including amounts near the edge
 * of a {@code long}, which it must leave to the reference before it starts rather than overflow;
 * and where the reference refuses a content, the fast path refuses it with the same exception.
 *
 * <p>Invoices are drawn from a seed, so that one draw can mix every feature with the weights below
 * (mostly ordinary amounts, some huge ones) and a failure names the seed that reproduces it.
 */
class MinorUnitCalculationProperties {

  private static final List<CurrencyUnit> CURRENCIES =
      List.of(CurrencyUnit.EUR, CurrencyUnit.JPY, CurrencyUnit.of("BHD"));
  private static final List<TaxCode> TAX_CODES =
      List.of(
          TaxCode.standard("19"),
          TaxCode.standard("7"),
          TaxCode.standard("7.0"),
          TaxCode.standard("5.5"),
          TaxCode.standard("12.345"),
          TaxCode.of(TaxCategory.Z, "0"),
          TaxCode.untaxed(TaxCategory.E));
  private static final List<RoundingMode> MODES =
      List.of(
          RoundingMode.HALF_UP,
          RoundingMode.HALF_UP,
          RoundingMode.HALF_EVEN,
          RoundingMode.HALF_DOWN,
          RoundingMode.UP,
          RoundingMode.DOWN,
          RoundingMode.CEILING,
          RoundingMode.FLOOR);

  @Property(tries = 3000)
  void theFastPathGivesTheReferenceTotalsOrRefusalForEveryContentItSupports(@ForAll long seed) {
    Optional<InvoiceContent> drawn = content(seed);
    if (drawn.isEmpty()) {
      return;
    }
    InvoiceContent content = drawn.get();
    boolean supported = MinorUnitCalculation.supports(content);
    Statistics.collect(supported ? "fast path" : "left to the reference");
    Throwable refusal = catchThrowable(() -> new Calculation(content, TaxStrategy.rates()).run());
    if (supported) {
      Throwable fastRefusal = catchThrowable(() -> MinorUnitCalculation.calculate(content));
      if (refusal != null) {
        assertThat(fastRefusal).as("seed %d", seed).isInstanceOf(refusal.getClass())
            .hasMessage(refusal.getMessage());
        return;
      }
      assertThat(fastRefusal).as("seed %d", seed).isNull();
      assertThat(MinorUnitCalculation.calculate(content)).as("seed %d", seed)
          .isEqualTo(new Calculation(content, TaxStrategy.rates()).run());
    }
    if (refusal == null) {
      assertThat(InvoiceCalculator.standard().calculate(content))
          .isEqualTo(new Calculation(content, TaxStrategy.rates()).run());
    }
  }

  @Property(tries = 1000)
  void contentWithTaxInclusivePricesOrTaxPerLineIsLeftToTheReference(@ForAll long seed) {
    Optional<InvoiceContent> drawn = content(seed);
    if (drawn.isEmpty()) {
      return;
    }
    InvoiceContent content = drawn.get();
    if (content.pricesIncludeTax()
        || content.roundingPolicy().taxRounding() != dev.invoicekit.money.TaxRounding.PER_GROUP) {
      assertThat(MinorUnitCalculation.supports(content)).isFalse();
    }
  }

  /** The content of the invoice drawn from the seed; empty when building it refused it. */
  private static Optional<InvoiceContent> content(long seed) {
    try {
      return Optional.of(invoice(new Random(seed)).content());
    } catch (InvalidInvoiceException refusedWhenBuilt) {
      // Built through the standard calculator: refused content never reaches the comparison.
      return Optional.empty();
    }
  }

  @Property(tries = 2000)
  void minorUnitDivisionRoundsAsBigDecimalDoes(
      @ForAll long numerator, @ForAll long denominator, @ForAll @IntRange(max = 6) int modeIndex) {
    if (denominator == 0) {
      return;
    }
    RoundingMode mode = RoundingMode.values()[modeIndex];
    BigDecimal expected =
        new BigDecimal(numerator).divide(new BigDecimal(denominator), 0, mode);
    long actual;
    try {
      actual = MinorUnits.divide(numerator, denominator, mode);
    } catch (ArithmeticException overflow) {
      // Only a sign flip of Long.MIN_VALUE overflows; BigDecimal's answer is then out of range.
      assertThat(denominator == Long.MIN_VALUE || (numerator == Long.MIN_VALUE && denominator < 0))
          .isTrue();
      return;
    }
    assertThat(BigDecimal.valueOf(actual)).isEqualByComparingTo(expected);
  }

  @Property(tries = 2000)
  void minorUnitDivisionRoundsExactHalvesAsBigDecimalDoes(
      @ForAll @IntRange(min = -1000, max = 1000) int halves,
      @ForAll @IntRange(max = 6) int modeIndex) {
    RoundingMode mode = RoundingMode.values()[modeIndex];
    long numerator = halves * 5L;
    BigDecimal expected = BigDecimal.valueOf(numerator).divide(BigDecimal.TEN, 0, mode);
    assertThat(MinorUnits.divide(numerator, 10, mode)).isEqualTo(expected.longValueExact());
  }

  // ---- drawing invoices ----------------------------------------------------------------------

  private static Invoice invoice(Random random) {
    CurrencyUnit currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
    boolean huge = random.nextInt(8) == 0;
    RoundingPolicy.Builder policy =
        new RoundingPolicy.Builder()
            .mode(MODES.get(random.nextInt(MODES.size())))
            .taxRounding(random.nextInt(10) == 0 ? TaxRounding.PER_LINE : TaxRounding.PER_GROUP);
    if (random.nextInt(6) == 0) {
      policy.cashRoundingIncrement(
          List.of(new BigDecimal("0.05"), BigDecimal.ONE, new BigDecimal("0.5"))
              .get(random.nextInt(3)));
    }
    Invoice.Builder invoice =
        new Invoice.Builder()
            .id(InvoiceId.of("p"))
            .account(AccountId.of("acme"))
            .currency(currency)
            .invoiceDate(LocalDate.of(2026, 11, 24))
            .roundingPolicy(policy.build());
    int lines = random.nextInt(8);
    for (int i = 0; i < lines; i++) {
      invoice.addLine(line(random, currency, huge, i));
    }
    int parts = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
    for (int j = 0; j < parts; j++) {
      invoice.addDocumentAllowanceCharge(documentPart(random, currency, huge));
    }
    switch (random.nextInt(4)) {
      case 0:
        invoice.overallDiscount(OverallDiscount.percent(percentage(random)));
        break;
      case 1:
        invoice.overallDiscount(OverallDiscount.fixed(Money.ofMinor(currency,
            random.nextInt(3) == 0 ? 0 : amountMinor(random, huge, false))));
        break;
      default:
        break;
    }
    if (random.nextInt(5) == 0) {
      invoice.prepaidAmount(Money.ofMinor(currency, amountMinor(random, huge, true)));
    }
    if (random.nextInt(8) == 0) {
      invoice.roundingAmount(Money.ofMinor(currency, random.nextInt(101) - 50));
    }
    int payments = random.nextInt(3);
    for (int k = 0; k < payments; k++) {
      invoice.addPayment(
          new Payment.Builder()
              .id(PaymentId.of("pay-" + k))
              .kind(random.nextInt(4) == 0 ? Payment.Kind.REFUND : Payment.Kind.PAYMENT)
              .amount(Money.ofMinor(currency, 1 + amountMinor(random, huge, false) / 2))
              .date(LocalDate.of(2026, 11, 25))
              .build());
    }
    return invoice.build();
  }

  private static LineItem line(Random random, CurrencyUnit currency, boolean huge, int i) {
    int priceScale = currency.getDecimalPlaces() + random.nextInt(4);
    long priceUnscaled = huge && random.nextBoolean()
        ? Long.MAX_VALUE / (1 + random.nextInt(1000))
        : random.nextInt(1_000_000);
    long quantityUnscaled = huge && random.nextBoolean()
        ? Long.MAX_VALUE / (1 + random.nextInt(1_000_000_000))
        : random.nextInt(2000) - (random.nextInt(6) == 0 ? 2000 : 0);
    LineItem.Builder line =
        new LineItem.Builder()
            .description("line " + i)
            .quantity(BigDecimal.valueOf(quantityUnscaled, random.nextInt(4)))
            .unitPrice(BigMoney.of(currency, BigDecimal.valueOf(priceUnscaled, priceScale)))
            .taxCode(TAX_CODES.get(random.nextInt(TAX_CODES.size())));
    if (random.nextInt(4) == 0) {
      line.baseQuantity(BigDecimal.valueOf(1 + random.nextInt(1000), random.nextInt(3)));
    }
    int parts = random.nextInt(3);
    for (int k = 0; k < parts; k++) {
      boolean allowance = random.nextInt(3) != 0;
      if (random.nextBoolean()) {
        Percentage percentage = percentage(random);
        line.addAllowanceCharge(allowance ? LineAllowanceCharge.allowance(percentage)
            : LineAllowanceCharge.charge(percentage));
      } else {
        Money amount = Money.ofMinor(currency, amountMinor(random, huge, true));
        line.addAllowanceCharge(allowance ? LineAllowanceCharge.allowance(amount)
            : LineAllowanceCharge.charge(amount));
      }
    }
    return line.build();
  }

  private static DocumentAllowanceCharge documentPart(
      Random random, CurrencyUnit currency, boolean huge) {
    boolean allowance = random.nextBoolean();
    TaxCode code = TAX_CODES.get(random.nextInt(TAX_CODES.size()));
    if (random.nextBoolean()) {
      Money base = Money.ofMinor(currency, amountMinor(random, huge, true));
      Percentage percentage = percentage(random);
      return allowance ? DocumentAllowanceCharge.allowance(percentage, base, code)
          : DocumentAllowanceCharge.charge(percentage, base, code);
    }
    Money amount = Money.ofMinor(currency, amountMinor(random, huge, true));
    return allowance ? DocumentAllowanceCharge.allowance(amount, code)
        : DocumentAllowanceCharge.charge(amount, code);
  }

  /** Mostly small amounts; with {@code huge}, some close to the largest {@code long}. */
  private static long amountMinor(Random random, boolean huge, boolean signed) {
    long amount = huge && random.nextBoolean()
        ? Long.MAX_VALUE - random.nextInt(1000)
        : random.nextInt(100_000);
    return signed && random.nextInt(5) == 0 ? -amount : amount;
  }

  /** From 0 to 100, with up to two decimals. */
  private static Percentage percentage(Random random) {
    int scale = random.nextInt(3);
    return Percentage.of(
        BigDecimal.valueOf(random.nextInt(100 * (int) MinorUnits.pow10(scale) + 1), scale));
  }
}
