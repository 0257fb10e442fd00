package dev.invoicekit.tax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A tax code: category rules, numeric rates, text form and breakdown order. */
class TaxCodeTest {

  @Test
  void ratesWrittenWithTrailingZerosAreTheSameCode() {
    TaxCode plain = TaxCode.standard("25");
    TaxCode oneDecimal = TaxCode.standard("25.0");
    TaxCode twoDecimals = TaxCode.of(TaxCategory.S, new BigDecimal("25.00"));

    assertThat(oneDecimal).isEqualTo(plain).hasSameHashCodeAs(plain).hasToString("S 25");
    assertThat(twoDecimals).isEqualTo(plain).hasSameHashCodeAs(plain).hasToString("S 25");
    assertThat(twoDecimals.compareTo(plain)).isZero();
    assertThat(twoDecimals.rate()).isEqualTo(new BigDecimal("25"));
  }

  @Test
  void aFractionalRateKeepsItsDecimalsButNotItsTrailingZeros() {
    assertThat(TaxCode.standard("5.50")).isEqualTo(TaxCode.standard("5.5")).hasToString("S 5.5");
  }

  @Test
  void differentRatesOrCategoriesAreDifferentCodes() {
    assertThat(TaxCode.standard("19")).isNotEqualTo(TaxCode.standard("7"));
    assertThat(TaxCode.untaxed(TaxCategory.Z)).isNotEqualTo(TaxCode.untaxed(TaxCategory.E));
  }

  @ParameterizedTest
  @ValueSource(strings = {"S 19", "S 7.7", "AE 0", "E 0", "Z 0", "K 0", "G 0", "L 0", "L 7", "M 4",
      "B 22", "O"})
  void toStringIsReadBackByParse(String text) {
    TaxCode code = TaxCode.parse(text);

    assertThat(code).hasToString(text);
    assertThat(TaxCode.parse(code.toString())).isEqualTo(code);
  }

  @Test
  void parseReadsTheCategoryAndTheRate() {
    assertThat(TaxCode.parse("S 19").category()).isEqualTo(TaxCategory.S);
    assertThat(TaxCode.parse("S 19").rate()).isEqualTo(new BigDecimal("19"));
    assertThat(TaxCode.parse("AE 0")).isEqualTo(TaxCode.untaxed(TaxCategory.AE));
    assertThat(TaxCode.parse("O")).isEqualTo(TaxCode.untaxed(TaxCategory.O));
    assertThat(TaxCode.parse("  S   19.00 ")).isEqualTo(TaxCode.standard("19"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "X 19       | Unknown tax category in 'X 19'",
        "s 19       | Unknown tax category in 's 19'",
        "S 19 extra | Not a tax code (expected e.g. 'S 19'): 'S 19 extra'",
        "S nineteen | Tax rate is not a number: 'nineteen'"
      })
  void parseRefusesTextThatIsNoTaxCodeQuotingIt(String text, String message) {
    assertThatThrownBy(() -> TaxCode.parse(text))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1"})
  void theStandardRateMustBeGreaterThanZero(String rate) {
    assertThatThrownBy(() -> TaxCode.standard(rate))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Tax category S (standard rate)")
        .hasMessageContaining("must be greater than 0, was " + rate);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-4"})
  void splitPaymentNeedsAPositiveRateLikeTheStandardRate(String rate) {
    assertThat(TaxCode.of(TaxCategory.B, "22").rate()).isEqualTo(new BigDecimal("22"));
    assertThatThrownBy(() -> TaxCode.of(TaxCategory.B, rate))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Tax category B")
        .hasMessageContaining("must be greater than 0");
  }

  @ParameterizedTest
  @EnumSource(names = {"Z", "E", "AE", "K", "G"})
  void categoriesWithoutTaxAcceptOnlyRateZero(TaxCategory category) {
    assertThat(TaxCode.of(category, "0.00")).isEqualTo(TaxCode.untaxed(category));
    assertThat(TaxCode.untaxed(category).carriesNoTax()).isTrue();
    assertThatThrownBy(() -> TaxCode.of(category, "5"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Tax category " + category.name() + " (" + category.description())
        .hasMessageContaining("the rate must be 0, was 5 %");
    assertThatThrownBy(() -> TaxCode.of(category, "-1"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the rate must be 0, was -1 %");
  }

  @Test
  void categoryOTakesNoRate() {
    TaxCode outOfScope = TaxCode.untaxed(TaxCategory.O);

    assertThat(outOfScope.declaredRate()).isEmpty();
    assertThat(outOfScope.carriesNoTax()).isTrue();
    assertThat(outOfScope).hasToString("O");
    assertThatThrownBy(() -> TaxCode.of(TaxCategory.O, "19"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Tax category O (not subject to VAT)")
        .hasMessageContaining("the rate must be absent, was 19 %");
    assertThatThrownBy(() -> TaxCode.parse("O 19"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the rate must be absent");
  }

  @Test
  void declaredRateIsPresentForEveryCategoryButO() {
    assertThat(TaxCode.standard("19").declaredRate()).contains(new BigDecimal("19"));
    assertThat(TaxCode.untaxed(TaxCategory.AE).declaredRate()).contains(BigDecimal.ZERO);
    assertThat(TaxCode.of(TaxCategory.L, "0").declaredRate()).contains(BigDecimal.ZERO);
  }

  @ParameterizedTest
  @EnumSource(names = {"L", "M"})
  void canaryAndCeutaMelillaAcceptZeroAndPositiveRatesButNoNegativeOne(TaxCategory category) {
    assertThat(TaxCode.of(category, "0").rate()).isEqualTo(BigDecimal.ZERO);
    assertThat(TaxCode.of(category, "7").rate()).isEqualTo(new BigDecimal("7"));
    assertThat(TaxCode.of(category, "0").carriesNoTax()).isFalse();
    assertThatThrownBy(() -> TaxCode.of(category, "-1"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Tax category " + category.name())
        .hasMessageContaining("must not be negative, was -1 %");
  }

  @ParameterizedTest
  @EnumSource(names = {"S", "B", "L", "M"})
  void aRateAboveHundredIsRefused(TaxCategory category) {
    assertThat(TaxCode.of(category, "100").rate()).isEqualTo(new BigDecimal("100"));
    assertThatThrownBy(() -> TaxCode.of(category, "100.01"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Tax category " + category.name())
        .hasMessageContaining("a rate above 100 % is not a tax rate, was 100.01");
  }

  @Test
  void aRateThatIsNoNumberIsRefusedShowingTheText() {
    assertThatThrownBy(() -> TaxCode.standard("19%"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Tax rate is not a number: '19%'");
  }

  @Test
  void codesAreOrderedByCategoryThenNumericRate() {
    TaxCode s7 = TaxCode.standard("7");
    TaxCode s19 = TaxCode.standard("19");
    TaxCode s5p5 = TaxCode.standard("5.5");
    TaxCode z = TaxCode.untaxed(TaxCategory.Z);
    TaxCode e = TaxCode.untaxed(TaxCategory.E);
    TaxCode ae = TaxCode.untaxed(TaxCategory.AE);
    TaxCode o = TaxCode.untaxed(TaxCategory.O);
    TaxCode l0 = TaxCode.of(TaxCategory.L, "0");
    TaxCode l7 = TaxCode.of(TaxCategory.L, "7");
    List<TaxCode> codes = new ArrayList<>(List.of(l7, o, s19, ae, e, l0, s7, z, s5p5));
    Collections.shuffle(codes, new Random(42));

    Collections.sort(codes);

    assertThat(codes).containsExactly(s5p5, s7, s19, z, e, ae, o, l0, l7);
  }

  @Test
  void rateOrderIsNumericNotTextual() {
    assertThat(TaxCode.standard("9")).isLessThan(TaxCode.standard("10"));
    assertThat(TaxCode.standard("10.00")).isEqualByComparingTo(TaxCode.standard("10"));
  }
}
