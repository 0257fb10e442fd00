package dev.invoicekit.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** A credited quantity has one canonical form, as a line's quantity has. */
class CreditedLineTest {

  @Test
  void quantitiesThatDifferOnlyInTrailingZerosMakeEqualCreditedLines() {
    CreditedLine padded = new CreditedLine(2, new BigDecimal("1.500000"));
    CreditedLine whole = new CreditedLine(2, new BigDecimal("3.00"));

    assertThat(padded).isEqualTo(new CreditedLine(2, new BigDecimal("1.5")));
    assertThat(padded.quantity()).hasToString("1.5");
    assertThat(whole).isEqualTo(new CreditedLine(2, new BigDecimal("3")));
    assertThat(new CreditedLine(1, new BigDecimal("1E+2")).quantity()).hasToString("100");
  }

  @Test
  void aQuantityWithAHugeExponentIsKeptAsGivenInsteadOfBeingWrittenOut() {
    BigDecimal hostile = new BigDecimal("1E+999999999");

    assertThat(new CreditedLine(1, hostile).quantity()).isSameAs(hostile);
  }
}
