package dev.invoicekit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

class ApportionmentTest {

  private static Money eur(long cents) {
    return Money.ofMinor(CurrencyUnit.EUR, cents);
  }

  private static List<Money> eur(List<Long> cents) {
    return cents.stream().map(ApportionmentTest::eur).collect(Collectors.toList());
  }

  @Test
  void splitsTenCentsIntoThreeEqualPartsGivingTheExtraCentToTheFirst() {
    assertThat(Apportionment.proportional(eur(10), eur(List.of(1L, 1L, 1L))))
        .containsExactly(eur(4), eur(3), eur(3));
  }

  @Test
  void nothingToSplitOverZeroWeightsGivesZeros() {
    assertThat(Apportionment.proportional(eur(0), eur(List.of(5L, -5L))))
        .containsExactly(eur(0), eur(0));
  }

  @Test
  void somethingToSplitOverWeightsAddingUpToZeroIsRefused() {
    assertThatThrownBy(() -> Apportionment.proportional(eur(1), eur(List.of(5L, -5L))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("add up to zero");
  }

  @Property(tries = 3000)
  void proportionalPartsAddUpExactlyAndStayWithinOneCentOfTheirShare(
      @ForAll @LongRange(min = -1_000_000, max = 1_000_000) long total,
      @ForAll @Size(min = 1, max = 12)
          List<@LongRange(min = -100_000, max = 1_000_000) Long> weights) {
    long weightSum = weights.stream().mapToLong(Long::longValue).sum();
    if (weightSum == 0) {
      return;
    }
    List<Money> parts = Apportionment.proportional(eur(total), eur(weights));

    assertThat(parts.stream().mapToLong(Money::getAmountMinorLong).sum()).isEqualTo(total);
    for (int i = 0; i < parts.size(); i++) {
      // |part * W - total * w| < |W|, i.e. the part is within one cent of the exact share.
      BigInteger scaledPart = BigInteger.valueOf(parts.get(i).getAmountMinorLong())
          .multiply(BigInteger.valueOf(weightSum));
      BigInteger exact = BigInteger.valueOf(total).multiply(BigInteger.valueOf(weights.get(i)));
      assertThat(scaledPart.subtract(exact).abs()).isLessThan(BigInteger.valueOf(weightSum).abs());
    }
  }

  @Property(tries = 3000)
  void scaledPartsTakeTaxOutOfAGrossAmountExactly(
      @ForAll @Size(min = 1, max = 12) List<@LongRange(min = -100_000, max = 1_000_000) Long> gross,
      @ForAll @IntRange(min = 0, max = 2500) int rateInHundredths) {
    // net factor 100 / (100 + rate) with rate in hundredths of a percent: 10000 / (10000 + r).
    BigInteger numerator = BigInteger.valueOf(10_000);
    BigInteger denominator = BigInteger.valueOf(10_000L + rateInHundredths);
    long grossSum = gross.stream().mapToLong(Long::longValue).sum();
    // The group's net: gross minus its tax rounded half up, any rounding works.
    long netSum = BigInteger.valueOf(grossSum).multiply(numerator)
        .add(denominator.shiftRight(1)).divide(denominator).longValue();
    if (grossSum < 0) {
      netSum = -BigInteger.valueOf(-grossSum).multiply(numerator)
          .add(denominator.shiftRight(1)).divide(denominator).longValue();
    }

    List<Money> nets = Apportionment.scaled(eur(netSum), eur(gross), numerator, denominator);

    assertThat(nets.stream().mapToLong(Money::getAmountMinorLong).sum()).isEqualTo(netSum);
  }
}
