package dev.invoicekit.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A percentage: the range 0..100, its text form and numeric equality. */
class PercentageTest {

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.001", "12.5", "99.99", "100", "100.000"})
  void everyValueFromZeroToHundredInclusiveIsAccepted(String value) {
    assertThat(Percentage.parse(value).value()).isEqualByComparingTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-0.0001", "-1", "100.01", "100.0000001", "1000"})
  void aValueOutsideZeroToHundredIsRefusedShowingTheValue(String value) {
    assertThatThrownBy(() -> Percentage.parse(value))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("A percentage must be between 0 and 100, was " + value);
    assertThatThrownBy(() -> Percentage.of(new BigDecimal(value)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was " + value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "", "12,5", "10%"})
  void textThatIsNoNumberIsRefusedQuotingIt(String text) {
    assertThatThrownBy(() -> Percentage.parse(text))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Not a percentage: '" + text + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "12.5", "7.25", "0.001", "33.3333", "100"})
  void toStringIsReadBackByParse(String text) {
    Percentage percentage = Percentage.parse(text);

    assertThat(percentage).hasToString(text);
    assertThat(Percentage.parse(percentage.toString())).isEqualTo(percentage);
  }

  @Test
  void toStringIsPlainDecimalTextWithoutTrailingZerosOrExponent() {
    assertThat(Percentage.parse("10.00")).hasToString("10");
    assertThat(Percentage.parse("1E+2")).hasToString("100");
    assertThat(Percentage.parse("0.000")).hasToString("0");
    assertThat(Percentage.parse(" 12.50 ")).hasToString("12.5");
  }

  @Test
  void valuesThatAreNumericallyEqualAreEqualWithTheSameHashCode() {
    Percentage ten = Percentage.parse("10");

    assertThat(Percentage.parse("10.0")).isEqualTo(ten).hasSameHashCodeAs(ten);
    assertThat(Percentage.of(new BigDecimal("10.000"))).isEqualTo(ten).hasSameHashCodeAs(ten);
    assertThat(Percentage.parse("0.00")).isEqualTo(Percentage.ZERO);
    assertThat(Percentage.parse("100.0")).isEqualTo(Percentage.HUNDRED_PERCENT);
    assertThat(Percentage.parse("10.01")).isNotEqualTo(ten);
  }

  @Test
  void percentagesCompareNumerically() {
    assertThat(Percentage.parse("9.5")).isLessThan(Percentage.parse("10"));
    assertThat(Percentage.parse("10.00")).isEqualByComparingTo(Percentage.parse("10"));
    assertThat(Percentage.ZERO).isLessThan(Percentage.HUNDRED_PERCENT);
  }

  @Test
  void onlyZeroIsZero() {
    assertThat(Percentage.ZERO.isZero()).isTrue();
    assertThat(Percentage.parse("0.000").isZero()).isTrue();
    assertThat(Percentage.parse("0.001").isZero()).isFalse();
  }
}
