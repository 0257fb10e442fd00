package dev.invoicekit.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.invoicekit.credit.AccountCreditEntry;
import dev.invoicekit.credit.AccountCreditEntryId;
import dev.invoicekit.credit.CreditEvent;
import dev.invoicekit.credit.CreditEventType;
import dev.invoicekit.credit.CreditNote;
import dev.invoicekit.credit.CreditNoteId;
import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.events.InvoiceEventType;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceContent;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.Settlement;
import dev.invoicekit.invoice.SettlementId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.testkit.HostileInputs;
import dev.invoicekit.testkit.contract.SampleCreditNotes;
import dev.invoicekit.testkit.contract.SampleInvoices;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The codec for what credit notes brought: a credit note's content, credit-note and ledger events
 * (with their allocation and ledger entry), and the settlement an invoice event carries. Each reads
 * back as written, hostile text included; damaged or newer text is refused with
 * {@link MalformedJsonException} alone, naming the field but none of the stored values.
 */
class CreditCodecTest {

  private static final Instant OCCURRED = Instant.parse("2026-11-12T08:30:00.123456Z");

  // ---- round trips -----------------------------------------------------------------------------

  @Property(tries = 200)
  void anyInvoicesContentReadsBackEqualAsACreditNotesContent(@ForAll Invoice invoice) {
    InvoiceContent content = invoice.content();

    InvoiceContent read = readNoteContent(InvoiceCodec.creditNoteContent(content), content);

    assertThat(read).isEqualTo(content);
    assertThat(read.totals()).isEqualTo(content.totals());
  }

  @Property(tries = 300)
  void anyCreditNoteEventWithHostileTextReadsBackAsWritten(@ForAll("reasons") String reason,
      @ForAll("ids") String id, @ForAll("ids") String number, @ForAll long seed) {
    Random random = new Random(seed);
    Invoice invoice = SampleCreditNotes.creditable(TenantId.of(id), id, number);
    CreditNote draft = SampleCreditNotes.lineDraft(invoice, id, 1 + random.nextInt(2), "1")
        .withReason(reason);
    CreditNote note = random.nextBoolean() ? draft
        : SampleCreditNotes.issued(draft, invoice, number);
    CreditEvent event = CreditEvent.of(id, random.nextBoolean()
            ? CreditEventType.CREDIT_NOTE_ISSUED : CreditEventType.CREDIT_NOTE_CANCELLED,
        note.withVersion(random.nextInt(Integer.MAX_VALUE)), OCCURRED.plusNanos(seed & 0xffff));

    assertThat(InvoiceCodec.readCreditEvent(InvoiceCodec.creditEvent(event))).isEqualTo(event);
  }

  @Property(tries = 300)
  void anyLedgerEventWithHostileTextReadsBackAsWritten(@ForAll("reasons") String reason,
      @ForAll("ids") String id, @ForAll("ids") String account, @ForAll long seed) {
    Random random = new Random(seed);
    CurrencyUnit currency = CurrencyUnit.of(new String[] {"EUR", "JPY", "BHD"}[random.nextInt(3)]);
    long minor = 1 + random.nextInt(1_000_000_000);
    Money amount = Money.ofMinor(currency, minor);
    AccountCreditEntry.Kind kind =
        AccountCreditEntry.Kind.values()[random.nextInt(AccountCreditEntry.Kind.values().length)];
    AccountCreditEntry entry = AccountCreditEntry.of(AccountCreditEntryId.of(id), TenantId.of(id),
        AccountId.of(account), kind, amount, LocalDate.of(1 + random.nextInt(9999), 1, 1));
    if (random.nextBoolean()) {
      entry = entry.withReason(reason);
    }
    if (random.nextBoolean()) {
      entry = entry.withInvoice(InvoiceId.of(account)).withCreditNote(CreditNoteId.of(id));
    }
    entry = entry.stored(1 + random.nextInt(Integer.MAX_VALUE),
        Money.ofMinor(currency, random.nextInt(Integer.MAX_VALUE)));
    CreditEvent event = CreditEvent.of(id, CreditEventType.ACCOUNT_CREDITED, entry, OCCURRED);

    assertThat(InvoiceCodec.readCreditEvent(InvoiceCodec.creditEvent(event))).isEqualTo(event);
  }

  @Property(tries = 200)
  void anInvoiceEventWithAHostileSettlementAndCreditNoteIdReadsBackAsWritten(
      @ForAll("reasons") String reason, @ForAll("ids") String id) {
    Invoice invoice = SampleInvoices.sent(TenantId.of(id), id, id);
    Settlement settlement = new Settlement.Builder()
        .id(SettlementId.of(id))
        .kind(Settlement.Kind.WRITE_OFF)
        .amount(Money.parse("EUR 148.75"))
        .date(SampleInvoices.INVOICE_DATE)
        .reference(id)
        .reason(reason)
        .build();
    Invoice written = invoice.withSettlements(settlement);
    InvoiceEvent event = InvoiceEvent.of(id, InvoiceEventType.WRITTEN_OFF, written, OCCURRED)
        .withSettlement(settlement)
        .withCreditNoteId(id);

    InvoiceEvent read = InvoiceCodec.readEvent(InvoiceCodec.event(event));

    assertThat(read).isEqualTo(event);
    assertThat(read.amountWrittenOff()).isEqualTo(Money.parse("EUR 148.75"));
  }

  @Provide
  Arbitrary<String> reasons() {
    return HostileInputs.text().filter(text -> accepts(() ->
        new Settlement.Builder().id(SettlementId.of("s")).kind(Settlement.Kind.WRITE_OFF)
            .amount(Money.parse("EUR 1.00")).date(SampleInvoices.INVOICE_DATE).reason(text)
            .build()) && !text.isBlank());
  }

  @Provide
  Arbitrary<String> ids() {
    return HostileInputs.text().filter(text -> accepts(() -> InvoiceNumber.of(text))
        && accepts(() -> CreditNoteId.of(text)));
  }

  private static boolean accepts(Supplier<?> value) {
    try {
      value.get();
      return true;
    } catch (IllegalArgumentException refused) {
      return false;
    }
  }

  // ---- the format ------------------------------------------------------------------------------

  /** A credit note issued for the sample invoice, its excess kept as account credit. */
  private static CreditEvent issuedEvent() {
    Invoice invoice = SampleCreditNotes.creditable(SampleInvoices.TENANT, "inv-1", "INV-1")
        .withPayments(SampleInvoices.payment("pay-1", "255.75"));
    CreditNote note = SampleCreditNotes.issued(
        SampleCreditNotes.lineDraft(invoice, "cn-1", 2, "1"), invoice, "CN-2026-00001");
    return CreditEvent.of("evt-1", CreditEventType.CREDIT_NOTE_ISSUED, note.withVersion(2),
        OCCURRED);
  }

  private static final String ISSUED = "{\"v\":\"1\",\"eventId\":\"evt-1\","
      + "\"type\":\"CREDIT_NOTE_ISSUED\",\"subject\":\"CREDIT_NOTE\",\"subjectId\":\"cn-1\","
      + "\"version\":\"2\",\"tenant\":\"tenant-a\",\"account\":\"acme\",\"invoiceId\":\"inv-1\","
      + "\"creditNoteId\":\"cn-1\",\"creditNoteNumber\":\"CN-2026-00001\","
      + "\"occurredAt\":\"2026-11-12T08:30:00.123456Z\",\"currency\":\"EUR\","
      + "\"amount\":\"26.75\",\"allocation\":{\"appliedToInvoice\":\"0.00\","
      + "\"refunded\":\"0.00\",\"toAccountCredit\":\"26.75\"}}";

  @Test
  void aCreditEventIsWrittenInTheDocumentedFormatWithItsFormatVersionFirst() {
    assertThat(InvoiceCodec.creditEvent(issuedEvent())).isEqualTo(ISSUED);
    assertThat(InvoiceCodec.readCreditEvent(ISSUED)).isEqualTo(issuedEvent());
  }

  @Test
  void aLedgerEventCarriesItsEntryWithTheBalanceAfterIt() {
    AccountCreditEntry entry = SampleCreditNotes.entry(SampleInvoices.TENANT, "e-1", "acme",
            AccountCreditEntry.Kind.REFUNDED, "EUR 5.00")
        .withReason("Paid back")
        .stored(3, Money.parse("EUR 7.50"));
    CreditEvent event = CreditEvent.of("evt-2", CreditEventType.ACCOUNT_CREDIT_REFUNDED, entry,
        OCCURRED);

    String text = InvoiceCodec.creditEvent(event);

    assertThat(text).contains("\"subject\":\"ACCOUNT_CREDIT\",\"subjectId\":\"acme\","
        + "\"version\":\"3\"").contains("\"ledgerEntry\":{\"id\":\"e-1\",\"tenant\":\"tenant-a\","
        + "\"account\":\"acme\",\"kind\":\"REFUNDED\",\"amount\":\"5.00\","
        + "\"date\":\"2026-11-12\",\"reason\":\"Paid back\",\"sequence\":\"3\","
        + "\"balanceAfter\":\"7.50\"}");
    assertThat(InvoiceCodec.readCreditEvent(text)).isEqualTo(event);
  }

  @Test
  void anInvoiceEventWithoutCreditOrWriteOffWritesNoneOfTheirKeys() {
    Invoice invoice = SampleInvoices.sent(SampleInvoices.TENANT, "inv-1", "INV-1");
    String text = InvoiceCodec.event(InvoiceEvent.of("evt-1", InvoiceEventType.SENT, invoice,
        OCCURRED));

    assertThat(text).doesNotContain("amountCredited", "amountWrittenOff", "settlement",
        "creditNoteId");
  }

  @Test
  void aCreditEventOfANewerFormatIsRefusedAskingForAnUpgrade() {
    assertThatThrownBy(() -> InvoiceCodec.readCreditEvent("{\"v\":\"2\"," + ISSUED.substring(9)))
        .isExactlyInstanceOf(MalformedJsonException.class)
        .hasMessage("Stored credit event payload was written by a newer InvoiceKit format 2; "
            + "upgrade the library");
  }

  static Stream<Arguments> damagedCreditEvents() {
    return Stream.of(
        arguments("no subject", ISSUED.replace("\"subject\":\"CREDIT_NOTE\",", ""), "subject"),
        arguments("an unknown type", ISSUED.replace("CREDIT_NOTE_ISSUED", "CREDIT_NOTE_EATEN"),
            "type"),
        arguments("a version that is no number", ISSUED.replace("\"version\":\"2\"",
            "\"version\":\"two\""), "version"),
        arguments("an amount with an exponent", ISSUED.replace("\"amount\":\"26.75\"",
            "\"amount\":\"1E+999999999\""), "amount"),
        arguments("an allocation that is a list", ISSUED.replace(
            "\"allocation\":{", "\"allocation\":[{").replace("}}", "}]}"), "allocation"),
        arguments("an allocation without its refund", ISSUED.replace(
            "\"refunded\":\"0.00\",", ""), "refunded"),
        arguments("an allocation part below zero", ISSUED.replace(
            "\"refunded\":\"0.00\"", "\"refunded\":\"-1.00\""), "refuses together"),
        arguments("a ledger entry that is a string", ISSUED.replace("}}",
            "},\"ledgerEntry\":\"e-1\"}"), "ledgerEntry"),
        arguments("a ledger entry with more decimals than the currency", ISSUED.replace("}}",
            "},\"ledgerEntry\":{\"id\":\"e\",\"tenant\":\"t\",\"account\":\"a\","
                + "\"kind\":\"APPLIED\",\"amount\":\"1.001\",\"date\":\"2026-01-01\","
                + "\"sequence\":\"1\",\"balanceAfter\":\"0.00\"}}"), "amount"),
        arguments("an id with a line break", ISSUED.replace("\"subjectId\":\"cn-1\"",
            "\"subjectId\":\"cn-1\",\"creditNoteId\":\"cn\\n1\"").replace(
                ",\"creditNoteId\":\"cn-1\"", ""), "creditNoteId"));
  }

  @ParameterizedTest(name = "a credit event with {0} is refused")
  @MethodSource("damagedCreditEvents")
  void aCreditEventOfTheWrongShapeIsRefusedNamingTheFieldButNoValue(String problem, String text,
      String field) {
    Throwable thrown = catchThrowable(() -> InvoiceCodec.readCreditEvent(text));

    assertThat(thrown).as(problem).isExactlyInstanceOf(MalformedJsonException.class)
        .hasMessageStartingWith("Stored credit event payload is damaged: ")
        .hasMessageContaining(field)
        .hasNoCause();
    assertThat(thrown.getMessage()).doesNotContain("cn-1", "26.75", "tenant-a");
  }

  @Property(tries = 500)
  void damagedCreditEventsAndNoteContentsAreEitherReadOrRefusedWithTheDocumentedException(
      @ForAll long seed) {
    Random random = new Random(seed);
    String event = JsonTest.damage(ISSUED, random);
    String content = JsonTest.damage(
        InvoiceCodec.creditNoteContent(SampleInvoices.richEur(SampleInvoices.TENANT, "r")
            .content()), random);

    assertReadOrRefused(() -> InvoiceCodec.readCreditEvent(event));
    assertReadOrRefused(() -> InvoiceCodec.readCreditNoteContent(
        new InvoiceContent.Builder().currency(CurrencyUnit.EUR), content, CurrencyUnit.EUR));
  }

  private static void assertReadOrRefused(Runnable read) {
    Throwable thrown = catchThrowable(read::run);
    if (thrown != null) {
      assertThat(thrown).isExactlyInstanceOf(MalformedJsonException.class);
    }
  }

  /** A content read from text into a builder holding the lines of {@code of}. */
  private static InvoiceContent readNoteContent(String text, InvoiceContent of) {
    InvoiceContent.Builder builder = new InvoiceContent.Builder()
        .currency(of.currency())
        .lines(of.lines());
    InvoiceCodec.readCreditNoteContent(builder, text, of.currency());
    return builder.build();
  }

  @Test
  void aCreditNoteContentOfTheWrongShapeIsRefusedNamingTheField() {
    InvoiceContent rich = SampleInvoices.richEur(SampleInvoices.TENANT, "r").content();

    assertThatThrownBy(() -> readNoteContent("{\"overallDiscount\":[]}", rich))
        .isExactlyInstanceOf(MalformedJsonException.class)
        .hasMessage("Stored credit note content is damaged: 'overallDiscount' is not an object");
    assertThatThrownBy(() -> readNoteContent("{\"v\":\"9\"}", rich))
        .isExactlyInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("newer InvoiceKit format 9");
    assertThat(readNoteContent("{}", rich).lines())
        .as("an empty object is a content with nothing but its lines")
        .isEqualTo(rich.lines());
  }
}
