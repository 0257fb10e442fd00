package dev.invoicekit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.ContactId;
import dev.invoicekit.invoice.InputLimits;
import dev.invoicekit.invoice.InvalidInvoiceException;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.OpportunityId;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.ProductId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.money.Percentage;
import dev.invoicekit.service.IdempotencyKey;
import dev.invoicekit.tax.TaxCode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.joda.money.Money;

/**
 * Every hostile input is either accepted and kept exactly, or refused with the library's own
 * exception, saying why in a short message that never quotes the hostile text; what is accepted is
 * decided by the documented rule ({@link InputLimits}), checked here by an independent oracle.
 */
class HostileInputProperties {

  private static final LocalDate DATE = LocalDate.of(2026, 11, 24);

  /** A text field: its name, its limit, whether it is an id, and how to store a text in it. */
  record TextField(String name, int limit, boolean id, Function<String, String> storeAndRead) {
    @Override
    public String toString() {
      return name;
    }
  }

  @Provide
  Arbitrary<TextField> textFields() {
    return Arbitraries.of(List.of(
        id("tenant id", t -> invoice().tenant(TenantId.of(t)).build().tenant().value()),
        id("invoice id", t -> invoice().id(InvoiceId.of(t)).build().id().value()),
        id("invoice number", t -> invoice().number(InvoiceNumber.of(t)).build().number()
            .orElseThrow().value()),
        id("account id", t -> invoice().account(AccountId.of(t)).build().account().value()),
        id("contact id", t -> invoice().contact(ContactId.of(t)).build().contact().orElseThrow()
            .value()),
        id("opportunity id", t -> invoice().opportunity(OpportunityId.of(t)).build()
            .opportunity().orElseThrow().value()),
        id("product id", t -> line("Bolts").product(ProductId.of(t)).build().product()
            .orElseThrow().value()),
        id("payment id", t -> payment().id(PaymentId.of(t)).build().id().value()),
        id("idempotency key", t -> IdempotencyKey.of(t).value()),
        id("external reference", t -> invoice().putExternalReference("ledger", t).build()
            .externalReferences().get("ledger")),
        text("description", InputLimits.DESCRIPTION_LENGTH,
            t -> line(t).build().description()),
        text("notes", InputLimits.DOCUMENT_TEXT_LENGTH,
            t -> invoice().notes(t).build().notes().orElseThrow()),
        text("terms", InputLimits.DOCUMENT_TEXT_LENGTH,
            t -> invoice().terms(t).build().terms().orElseThrow()),
        text("payment method", InputLimits.PAYMENT_METHOD_LENGTH,
            t -> payment().method(t).build().method().orElseThrow()),
        text("payment reference", InputLimits.PAYMENT_REFERENCE_LENGTH,
            t -> payment().reference(t).build().reference().orElseThrow())));
  }

  private static TextField id(String name, Function<String, String> storeAndRead) {
    return new TextField(name, InputLimits.ID_LENGTH, true, storeAndRead);
  }

  private static TextField text(String name, int limit, Function<String, String> storeAndRead) {
    return new TextField(name, limit, false, storeAndRead);
  }

  @Property(tries = 2000)
  void hostileTextIsAcceptedExactlyWhenTheRuleAllowsItAndElseRefusedWithoutBeingQuoted(
      @ForAll("textFields") TextField field, @ForAll("hostileText") Hostile hostile) {
    String text = hostile.text();
    String stored;
    try {
      stored = field.storeAndRead().apply(text);
    } catch (IllegalArgumentException refused) {
      assertThat(allowed(field, text)).as("refused although the rule allows it: %s",
          refused.getMessage()).isFalse();
      assertThat(refused.getClass()).as("the library's own exception")
          .isIn(IllegalArgumentException.class, InvalidInvoiceException.class);
      assertThat(refused.getMessage().length()).isLessThan(400);
      assertThat(wellFormed(refused.getMessage())).isTrue();
      if (text.strip().length() >= 12) {
        assertThat(refused.getMessage()).doesNotContain(text);
      }
      return;
    }
    assertThat(allowed(field, text)).as("accepted although the rule refuses it: %s",
        describe(text)).isTrue();
    // Compared as a boolean: a diff of two megabyte strings would take the heap.
    assertThat(stored.equals(text)).as("stored exactly: %s", describe(text)).isTrue();
  }

  @Provide
  Arbitrary<Hostile> hostileText() {
    return HostileInputs.text().map(Hostile::new);
  }

  /** A hostile text that reports itself briefly: a failure report must not print a megabyte. */
  record Hostile(String text) {
    @Override
    public String toString() {
      return describe(text);
    }
  }

  /** The rule, restated independently of the library's implementation. */
  private static boolean allowed(TextField field, String text) {
    if (!wellFormed(text) || text.indexOf('\u0000') >= 0
        || text.codePoints().count() > field.limit()) {
      return false;
    }
    if (field.id()) {
      return !text.isBlank() && text.strip().equals(text)
          && text.codePoints().noneMatch(c -> Character.getType(c) == Character.CONTROL
              || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069));
    }
    return !field.name().equals("description") || !text.isBlank();
  }

  /** The text for a failure message: short, with its code points in hex. */
  private static String describe(String text) {
    StringBuilder out = new StringBuilder(text.length() + " chars:");
    text.chars().limit(24).forEach(c -> out.append(' ').append(Integer.toHexString(c)));
    return out.toString();
  }

  private static boolean wellFormed(String text) {
    return text.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE
        && c <= Character.MAX_SURROGATE);
  }

  @Property(tries = 500)
  void hostileQuantitiesAndPricesAreRefusedWithTheLibrarysExceptionOrKeptExactly(
      @ForAll("hostileNumbers") String text) {
    // Generated as text: a failure report of 1E+999999999 as a BigDecimal would print its digits.
    BigDecimal number = new BigDecimal(text);
    for (Function<BigDecimal, LineItem> build : List.<Function<BigDecimal, LineItem>>of(
        n -> line("Bolts").quantity(n).build(),
        n -> line("Bolts").baseQuantity(n).build(),
        n -> line("Bolts").unitPrice("EUR " + n).build())) {
      try {
        LineItem made = build.apply(number);
        // Accepted: the invoice it goes on totals it, or refuses totals no column holds.
        try {
          invoice().lines(List.of(made)).build().totals();
        } catch (InvalidInvoiceException refusedTotal) {
          assertThat(refusedTotal.getMessage().length()).isLessThan(400);
        }
      } catch (InvalidInvoiceException refused) {
        assertThat(refused.getMessage().length()).isLessThan(400);
      }
    }
    try {
      Percentage.of(number);
    } catch (IllegalArgumentException refused) {
      assertThat(refused.getMessage().length()).isLessThan(400);
    }
    try {
      TaxCode.of(dev.invoicekit.tax.TaxCategory.S, number);
    } catch (IllegalArgumentException refused) {
      assertThat(refused.getMessage().length()).isLessThan(400);
    }
  }

  @Provide
  Arbitrary<String> hostileNumbers() {
    return HostileInputs.numbers().map(BigDecimal::toString);
  }

  @Property(tries = 300)
  void hostileDatesAreAcceptedExactlyWithinYearsOneTo9999DerivedDueDatesIncluded(
      @ForAll("hostileDates") LocalDate date) {
    boolean storable = date.getYear() >= 1 && date.getYear() <= 9999;
    boolean dueStorable = storable && date.isBefore(LocalDate.of(9999, 12, 2));
    try {
      Invoice made = invoice().invoiceDate(date).paymentTerms(PaymentTerms.net(30)).build();
      assertThat(dueStorable).as("accepted " + date).isTrue();
      assertThat(made.invoiceDate()).isEqualTo(date);
    } catch (InvalidInvoiceException refused) {
      assertThat(dueStorable).as("refused " + date + ": " + refused.getMessage()).isFalse();
    }
    try {
      Payment made = payment().date(date).build();
      assertThat(storable).as("accepted payment on " + date).isTrue();
      assertThat(made.date()).isEqualTo(date);
    } catch (InvalidInvoiceException refused) {
      assertThat(storable).as("refused payment on " + date).isFalse();
    }
  }

  @Provide
  Arbitrary<LocalDate> hostileDates() {
    return HostileInputs.dates();
  }

  private static Invoice.Builder invoice() {
    return new Invoice.Builder()
        .id(InvoiceId.of("INV-9"))
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
}
