package dev.invoicekit.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.invoicekit.lifecycle.IllegalTransitionException;
import dev.invoicekit.lifecycle.InvoiceLifecycle;
import dev.invoicekit.money.Percentage;
import dev.invoicekit.opportunity.Opportunity;
import dev.invoicekit.opportunity.OpportunityProduct;
import dev.invoicekit.service.IdempotencyKey;
import dev.invoicekit.service.PaymentRequest;
import dev.invoicekit.tax.TaxCategory;
import dev.invoicekit.tax.TaxCode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.joda.money.BigMoney;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input an attacker would send, refused where the value is made: text a database would store
 * differently (unpaired surrogates, U+0000), dates no database stores, numbers whose size alone
 * would cost minutes, and amounts with more decimals than their currency. Each refusal is the
 * library's own exception, names the field and never quotes the hostile value.
 */
class HostileInputTest {

  private static final InvoiceId ID = InvoiceId.of("INV-7");
  private static final LocalDate DATE = LocalDate.of(2026, 11, 24);
  private static final String LONE_HIGH = "acme\uD800";
  private static final String LONE_LOW = "\uDC00acme";
  private static final String NUL = "ac\u0000me";
  private static final Duration FAST = Duration.ofSeconds(2);

  private static Invoice.Builder invoice() {
    return new Invoice.Builder()
        .id(ID)
        .account(AccountId.of("acme"))
        .currency("EUR")
        .invoiceDate(DATE)
        .addLine(line("Consulting").build());
  }

  private static LineItem.Builder line(String description) {
    return new LineItem.Builder()
        .description(description)
        .quantity("10")
        .unitPrice("EUR 100.00")
        .taxCode(TaxCode.standard("19"));
  }

  private static Payment.Builder payment() {
    return new Payment.Builder().id(PaymentId.of("p-1")).amount(Money.parse("EUR 10.00"))
        .date(DATE);
  }

  static Stream<Arguments> idFactories() {
    return Stream.of(
        Arguments.of("tenant id", (Function<String, Object>) TenantId::of),
        Arguments.of("invoice id", (Function<String, Object>) InvoiceId::of),
        Arguments.of("invoice number", (Function<String, Object>) InvoiceNumber::of),
        Arguments.of("account id", (Function<String, Object>) AccountId::of),
        Arguments.of("contact id", (Function<String, Object>) ContactId::of),
        Arguments.of("opportunity id", (Function<String, Object>) OpportunityId::of),
        Arguments.of("payment id", (Function<String, Object>) PaymentId::of),
        Arguments.of("product id", (Function<String, Object>) ProductId::of),
        Arguments.of("idempotency key", (Function<String, Object>) IdempotencyKey::of));
  }

  // ---- finding 1: ids that a driver would store as another tenant's id -------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("idFactories")
  void anIdWithAnUnpairedSurrogateIsRefusedSoItCannotCollapseIntoAnother(
      String what, Function<String, Object> of) {
    for (String hostile : new String[] {LONE_HIGH, LONE_LOW, "a\uD800\uD800b"}) {
      assertThatThrownBy(() -> of.apply(hostile))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(what)
          .hasMessageContaining("unpaired surrogate")
          .hasMessageNotContaining(hostile);
    }
    // The id it would have collapsed into stays a valid id of its own.
    assertThat(of.apply("acme?")).hasToString("acme?");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("idFactories")
  void anIdWithNulControlOrBidiCharactersIsRefusedNamingTheCharacter(
      String what, Function<String, Object> of) {
    assertThatThrownBy(() -> of.apply(NUL))
        .hasMessageContaining(what).hasMessageContaining("U+0000");
    assertThatThrownBy(() -> of.apply("ac\nme")).hasMessageContaining("U+000A");
    assertThatThrownBy(() -> of.apply("ac\u202Eme")).hasMessageContaining("U+202E");
    assertThatThrownBy(() -> of.apply("ac\u0085me")).hasMessageContaining("U+0085");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("idFactories")
  void anIdCountsCodePointsSoHundredEmojiFitAndHundredAndOneDoNot(
      String what, Function<String, Object> of) {
    String emoji = "\uD83D\uDE00";
    assertThat(of.apply(emoji.repeat(100))).hasToString(emoji.repeat(100));
    assertThatThrownBy(() -> of.apply(emoji.repeat(101)))
        .hasMessageContaining(what + " must be at most 100 characters, was");
    assertThatThrownBy(() -> of.apply(emoji.repeat(99) + "ab"))
        .hasMessageContaining(what + " must be at most 100 characters, was 101");
  }

  @Test
  void aMegabyteIdIsRefusedWithoutReadingItAndWithoutQuotingIt() {
    String huge = "x".repeat(1 << 20);
    assertTimeoutPreemptively(FAST, () -> assertThatThrownBy(() -> TenantId.of(huge))
        .hasMessageContaining("tenant id must be at most 100 characters")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200)));
  }

  @Test
  void lookAlikeIdsStayDistinctValues() {
    assertThat(TenantId.of("acme?")).isNotEqualTo(TenantId.of("acme\uFFFD"));
    assertThat(TenantId.of("acm\u00E9")).isNotEqualTo(TenantId.of("acme\u0301"));
    assertThat(TenantId.of("ACME")).isNotEqualTo(TenantId.of("acme"));
  }

  @Test
  void aNumberPatternOrSeriesKeyWithHostileTextIsRefusedBeforeItMakesANumber() {
    assertThatThrownBy(() -> dev.invoicekit.numbering.NumberPattern.of("INV\uD800-{seq:5}"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("number pattern contains an unpaired surrogate");
    assertThatThrownBy(() -> dev.invoicekit.numbering.NumberPattern.of("INV\n{seq:5}"))
        .hasMessageContaining("U+000A");
    assertThatThrownBy(() -> dev.invoicekit.numbering.NumberSeries.of(TenantId.DEFAULT,
            "INV\u0000"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+0000");
  }

  // ---- findings 2 and 3: every text field refuses unpaired surrogates and U+0000 ---------------

  static Stream<Arguments> textFields() {
    return Stream.of(
        field("line description", t -> line(t).build()),
        field("notes", t -> invoice().notes(t).build()),
        field("terms", t -> invoice().terms(t).build()),
        field("review note", t -> invoice().addReviewNote(t).build()),
        field("external reference system", t -> invoice().putExternalReference(t, "4711").build()),
        field("external reference", t -> invoice().putExternalReference("ledger", t).build()),
        field("payment method", t -> payment().method(t).build()),
        field("payment reference", t -> payment().reference(t).build()),
        field("payment request method",
            t -> new PaymentRequest.Builder().amount(Money.parse("EUR 1.00")).method(t).build()),
        field("payment request reference",
            t -> new PaymentRequest.Builder().amount(Money.parse("EUR 1.00")).reference(t).build()),
        field("allowance reason", t -> new LineAllowanceCharge.Builder()
            .kind(AllowanceCharge.Kind.ALLOWANCE).amount(Money.parse("EUR 1.00")).reason(t)
            .build()),
        field("allowance reason code", t -> new LineAllowanceCharge.Builder()
            .kind(AllowanceCharge.Kind.ALLOWANCE).amount(Money.parse("EUR 1.00")).reasonCode(t)
            .build()),
        field("payment terms wording",
            t -> new PaymentTerms.Builder().netDays(30).description(t).build()),
        field("opportunity name", t -> opportunity().name(t).build()),
        field("opportunity product name", t -> new OpportunityProduct.Builder().name(t)
            .quantity(1).unitPrice("EUR 1.00").build()));
  }

  private static Arguments field(String name, Consumer<String> build) {
    return Arguments.of(name, build);
  }

  private static Opportunity.Builder opportunity() {
    return new Opportunity.Builder().id(OpportunityId.of("opp-1")).account(AccountId.of("acme"))
        .currency("EUR").value(Money.parse("EUR 100.00"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("textFields")
  void aTextFieldWithAnUnpairedSurrogateIsRefusedNotStoredAsAQuestionMark(
      String field, Consumer<String> build) {
    for (String hostile : new String[] {"Consulting \uD800", "\uDFFF Consulting"}) {
      assertThatThrownBy(() -> build.accept(hostile))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("unpaired surrogate")
          .hasMessageNotContaining(hostile);
    }
    build.accept("Consulting \uD83D\uDE00 \u05E9\u05DC\u05D5\u05DD");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("textFields")
  void aTextFieldWithNulIsRefusedOnEveryDatabaseAlike(String field, Consumer<String> build) {
    assertThatThrownBy(() -> build.accept("Consult\u0000ing"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+0000");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("textFields")
  void aMegabyteTextIsRefusedFastWithoutQuotingIt(String field, Consumer<String> build) {
    String huge = "y".repeat(1 << 20);
    assertTimeoutPreemptively(FAST, () -> assertThatThrownBy(() -> build.accept(huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be at most")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300)));
  }

  @Test
  void descriptionsKeepLineBreaksTabsAndRightToLeftText() {
    String text = "Line one\nLine two\t\u05E9\u05DC\u05D5\u05DD \u202Bmixed\u202C";
    assertThat(line(text).build().description()).isEqualTo(text);
  }

  // ---- finding 4: dates no database stores -----------------------------------------------------

  @Test
  void anInvoiceOnTheLastStorableDayWithTermsThatDeriveADueDateBeyondItIsRefused() {
    assertThatThrownBy(() -> invoice().invoiceDate(LocalDate.of(9999, 12, 31))
            .paymentTerms(PaymentTerms.net(30)).build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("Invoice INV-7")
        .hasMessageContaining("the due date derived from the payment terms +10000-01-30")
        .hasMessageContaining("years 1 to 9999");
  }

  @Test
  void theFirstAndLastStorableDaysAreAccepted() {
    assertThat(invoice().invoiceDate(LocalDate.of(1, 1, 1)).dueDate(LocalDate.of(9999, 12, 31))
        .build().effectiveDueDate()).contains(LocalDate.of(9999, 12, 31));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0000-12-31", "+10000-01-01", "-999999999-01-01", "+999999999-12-31"})
  void datesOutsideYearsOneTo9999AreRefusedEverywhereADateIsGiven(String text) {
    LocalDate date = LocalDate.parse(text);
    assertThatThrownBy(() -> invoice().invoiceDate(date).paymentTerms(PaymentTerms.net(30)).build())
        .isExactlyInstanceOf(InvalidInvoiceException.class).hasMessageContaining("invoice date");
    assertThatThrownBy(() -> invoice().dueDate(date).build())
        .isExactlyInstanceOf(InvalidInvoiceException.class).hasMessageContaining("due date");
    assertThatThrownBy(() -> payment().date(date).build())
        .isExactlyInstanceOf(InvalidInvoiceException.class).hasMessageContaining("Payment p-1");
    assertThatThrownBy(() -> new PaymentRequest.Builder().amount(Money.parse("EUR 1.00"))
            .date(date).build())
        .isExactlyInstanceOf(InvalidInvoiceException.class).hasMessageContaining("payment date");
  }

  // ---- finding 5: numbers whose size alone would cost minutes ----------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"1E+100000000", "1E-100000000", "1E+999999999", "-1E+999999999",
      "1E-999999999"})
  void aGiantExponentIsRefusedInMicrosecondsWithTheLibrarysException(String number) {
    BigDecimal giant = new BigDecimal(number);
    assertTimeoutPreemptively(FAST, () -> {
      assertThatThrownBy(() -> line("Bolts").quantity(number).build())
          .isExactlyInstanceOf(InvalidInvoiceException.class).hasMessageContaining("quantity");
      assertThatThrownBy(() -> line("Bolts").baseQuantity(giant).build())
          .isExactlyInstanceOf(InvalidInvoiceException.class)
          .hasMessageContaining("base quantity");
      assertThatThrownBy(() -> line("Bolts").unitPrice("EUR " + number).build())
          .isExactlyInstanceOf(InvalidInvoiceException.class).hasMessageContaining("unit price");
      assertThatThrownBy(() -> Percentage.of(giant))
          .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("percentage");
      assertThatThrownBy(() -> Percentage.parse(number))
          .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("percentage");
      assertThatThrownBy(() -> TaxCode.of(TaxCategory.S, giant))
          .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate");
      assertThatThrownBy(() -> new OpportunityProduct.Builder().name("Bolts").quantity(number)
              .unitPrice("EUR 1.00").build())
          .isExactlyInstanceOf(InvalidInvoiceException.class);
    });
  }

  @Test
  void aMegabyteOfDigitsIsRefusedBeforeItIsParsed() {
    String digits = "9".repeat(1 << 20);
    assertTimeoutPreemptively(FAST, () -> {
      assertThatThrownBy(() -> line("Bolts").quantity(digits))
          .isExactlyInstanceOf(InvalidInvoiceException.class)
          .hasMessageContaining("quantity is 1048576 characters long");
      assertThatThrownBy(() -> line("Bolts").unitPrice("EUR " + digits))
          .isExactlyInstanceOf(InvalidInvoiceException.class);
      assertThatThrownBy(() -> Percentage.parse(digits))
          .isExactlyInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> TaxCode.standard(digits))
          .isExactlyInstanceOf(IllegalArgumentException.class);
    });
  }

  @Test
  void quantitiesAndPricesAtTheirDocumentedBoundsAreAcceptedAndOneDigitMoreIsNot() {
    assertThat(line("Bolts").quantity("9999999999999999.999999").unitPrice("EUR 0.0000000001")
        .build().quantity()).isEqualByComparingTo("9999999999999999.999999");
    assertThatThrownBy(() -> line("Bolts").quantity("0.0000001").build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("more than 6 decimals");
    assertThatThrownBy(() -> line("Bolts").quantity("10000000000000000").build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("more than 16 digits before the decimal point");
    assertThatThrownBy(() -> line("Bolts").unitPrice("EUR 0.00000000001").build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("more than 10 decimals");
    // Trailing zeros are not decimals.
    assertThat(line("Bolts").quantity("2.50000000000").build().quantity())
        .isEqualByComparingTo("2.5");
  }

  @Test
  void totalsBeyondFifteenDigitsAreRefusedWhenTheInvoiceIsBuiltNotWhenItIsSaved() {
    assertThatThrownBy(() -> invoice().lines(java.util.List.of(line("Bolts")
            .quantity("9999999999999999").unitPrice("EUR 999999999999999999").build())).build())
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("Invoice INV-7")
        .hasMessageContaining("line 1's net amount")
        .hasMessageContaining("more than 15 digits before the decimal point");
  }

  @Test
  void anAmountWithMoreDecimalsThanItsCurrencyIsRefusedClearlyNotWithArithmeticException() {
    BigMoney threeDecimals = BigMoney.parse("EUR 10.001");
    assertThatThrownBy(() -> PaymentRequest.of(threeDecimals))
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("The payment amount")
        .hasMessageContaining("more than 2 decimals")
        .hasMessageContaining("EUR has 2 decimals");
    assertThatThrownBy(() -> new PaymentRequest.Builder().amount(BigMoney.parse("JPY 5.5")))
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("JPY has 0 decimals");
    assertThatThrownBy(() -> OverallDiscount.fixed(threeDecimals))
        .isExactlyInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("The overall discount");
    assertThat(PaymentRequest.of(BigMoney.parse("EUR 10.000")).amount())
        .isEqualTo(Money.parse("EUR 10.00"));
  }

  // ---- also seen: an invoice of return lines only --------------------------------------------

  @Test
  void anInvoiceWhoseAmountDueIsNegativeIsNotSentAndTakesNoNumber() {
    Invoice returns = invoice().paymentTerms(PaymentTerms.net(30))
        .lines(java.util.List.of(line("Returned bolts").quantity(-5).build())).build();
    int[] numbersTaken = {0};

    assertThatThrownBy(() -> InvoiceLifecycle.send(returns, () -> {
      numbersTaken[0]++;
      return InvoiceNumber.of("INV-1");
    }))
        .isExactlyInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("Cannot send invoice INV-7")
        .hasMessageContaining("negative amount due of EUR -595.00")
        .hasMessageContaining("credit note");
    assertThat(numbersTaken[0]).isZero();
  }
}
