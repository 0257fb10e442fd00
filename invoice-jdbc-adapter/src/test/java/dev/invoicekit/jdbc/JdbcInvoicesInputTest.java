package dev.invoicekit.jdbc;

import static dev.invoicekit.testkit.contract.SampleInvoices.TENANT;
import static dev.invoicekit.testkit.contract.SampleInvoices.draft;
import static dev.invoicekit.testkit.contract.SampleInvoices.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.ContactId;
import dev.invoicekit.invoice.InvalidInvoiceException;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.LineAllowanceCharge;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.OpportunityId;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.invoice.ProductId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.internal.MalformedJsonException;
import dev.invoicekit.jdbc.testing.JdbcDatabase;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.ports.PageRequest;
import dev.invoicekit.tax.TaxCategory;
import dev.invoicekit.tax.TaxCode;
import dev.invoicekit.testkit.contract.SampleInvoices;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.joda.money.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the JDBC repository does with values its columns cannot hold (they are refused where they
 * are made, by the value's own rule, so nothing reaches the database), with text that looks like
 * SQL (stores it verbatim), and with stored content that is damaged or of another release.
 */
class JdbcInvoicesInputTest {

  private static final List<String> HOSTILE_TEXTS = List.of(
      "'); DROP TABLE ik_invoice; --",
      "Robert'); DELETE FROM ik_payment WHERE ('1'='1",
      "\" OR \"\"=\"",
      "back\\slash \\' \\\" \\\\ \\n \\0 end\\",
      "100% _wild_ [cards] ^$ .*",
      "{\"json\": [\"not\", \"parsed\"]}, \"\\u0041\"",
      "Zürich – naïve façade – 日本語 – עברית – Ελληνικά",
      "emoji 🧾💶👍🏽 and a ZWJ family 👨‍👩‍👧",
      "tab\tnew line\ncarriage return\r\nend",
      "/* comment */ SELECT * FROM ik_invoice WHERE 1=1; -- ");

  /** The text as an id: ids take no control characters (tabs, line breaks), so those become spaces.
   * */
  private static String asId(String text) {
    return text.replaceAll("\\p{Cntrl}", " ").strip();
  }

  // ---- values that do not fit a column
  // -----------------------------------------------------------

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aDescriptionLongerThanItsColumnIsRefusedBeforeAnyWrite(JdbcDatabase database) {
    DataSource dataSource = database.create();
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(dataSource));

    assertThatThrownBy(() -> invoices.save(draft("inv-1").withLines(
            line("ok", "1", "EUR 1.00"), line("x".repeat(1001), "1", "EUR 1.00"))))
        .isInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("description must be at most 1000 characters, was 1001");

    assertThat(JdbcDatabase.invoiceRows(dataSource)).containsExactly(0, 0, 0);
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aDescriptionOfExactlyTheColumnsLengthIsStored(JdbcDatabase database) {
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(database.create()));
    // 1000 characters, some of them outside the Basic Multilingual Plane... counted as chars.
    String longest = "é".repeat(990) + "x".repeat(10);
    Invoice invoice = draft("inv-1").withLines(line(longest, "1", "EUR 1.00"));

    invoices.save(invoice);

    assertThat(invoices.findById(TENANT, invoice.id()).orElseThrow().lines().get(0).description())
        .isEqualTo(longest);
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aQuantityWithSevenDecimalsIsRefusedNamingIt(JdbcDatabase database) {
    DataSource dataSource = database.create();
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(dataSource));

    assertThatThrownBy(() -> invoices.save(
            draft("inv-1").withLines(line("Fine-grained", "1.0000001", "EUR 1.00"))))
        .isInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("Line 'Fine-grained': the quantity 1.0000001 has more than 6"
            + " decimals");

    assertThat(JdbcDatabase.invoiceRows(dataSource)).containsExactly(0, 0, 0);
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void anAbsurdUnitPriceIsRefusedNamingIt(JdbcDatabase database) {
    DataSource dataSource = database.create();
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(dataSource));

    // A price per 10^15 units keeps the line net small: only the price itself does not fit.
    assertThatThrownBy(() -> invoices.save(draft("inv-1").withLines(new LineItem.Builder()
            .description("Grains of sand")
            .quantity("1")
            .unitPrice("EUR 1000000000000000000000")
            .baseQuantity(new BigDecimal("1000000000000000"))
            .taxCode(TaxCode.standard("19"))
            .build())))
        .isInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("unit price has more than 18 digits before the decimal point");

    assertThat(JdbcDatabase.invoiceRows(dataSource)).containsExactly(0, 0, 0);
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void anAbsurdTotalIsRefusedNamingIt(JdbcDatabase database) {
    DataSource dataSource = database.create();
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(dataSource));
    // Each value fits its column; their product does not fit the total's.
    assertThatThrownBy(() -> invoices.save(draft("inv-1")
            .withLines(line("Bulk", "1000000000000", "EUR 1000000.00"))))
        .isInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("Invoice inv-1: line 1's net amount has more than 15 digits");

    assertThat(JdbcDatabase.invoiceRows(dataSource)).containsExactly(0, 0, 0);
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void anAmountDueTooLargeForItsColumnIsRefusedNamingIt(JdbcDatabase database) {
    DataSource dataSource = database.create();
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(dataSource));
    // The total fits; a negative prepaid amount pushes the amount due past 15 digits.
    Invoice total = draft("inv-1")
        .withLines(new LineItem.Builder()
            .description("Exempt bulk")
            .quantity("900000000000")
            .unitPrice("EUR 1000.00")
            .taxCode(TaxCode.untaxed(TaxCategory.E))
            .build());

    assertThatThrownBy(() -> invoices.save(
            total.withPrepaidAmount(Money.parse("EUR -900000000000000.00"))))
        .isInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("Invoice inv-1: the amount due has more than 15 digits");

    assertThat(JdbcDatabase.invoiceRows(dataSource)).containsExactly(0, 0, 0);
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aPaymentReferenceLongerThanItsColumnIsRefusedNamingThePayment(JdbcDatabase database) {
    DataSource dataSource = database.create();
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(dataSource));
    Invoice invoice = SampleInvoices.sent(TENANT, "inv-1", "INV-1");

    assertThatThrownBy(() -> invoices.save(invoice
            .withPayments(new Payment.Builder()
                .id(PaymentId.of("pay-1"))
                .amount(Money.parse("EUR 1.00"))
                .date(SampleInvoices.INVOICE_DATE)
                .reference("r".repeat(201))
                .build())
            .withStatus(InvoiceStatus.PARTIALLY_PAID)))
        .isInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("Payment pay-1: the reference must be at most 200 characters, was"
            + " 201");

    assertThat(JdbcDatabase.invoiceRows(dataSource)).containsExactly(0, 0, 0);
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void anUpdateWithAValueThatDoesNotFitLeavesTheStoredVersion(JdbcDatabase database) {
    DataSource dataSource = database.create();
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(dataSource));
    Invoice stored = invoices.save(draft("inv-1"));

    assertThatThrownBy(() -> invoices.save(stored.withLines(
            line("Fine", "1", "EUR 1.00"), line("Too fine", "0.0000001", "EUR 1.00"))))
        .isInstanceOf(InvalidInvoiceException.class)
        .hasMessageContaining("Line 'Too fine': the quantity 0.0000001 has more than 6 decimals");

    assertThat(invoices.findById(TENANT, stored.id())).contains(stored);
    assertThat(JdbcDatabase.invoiceRows(dataSource)).containsExactly(1, 1, 0);
  }

  // ---- text that looks like SQL
  // --------------------------------------------------------------------

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void textThatLooksLikeSqlIsStoredAndReadBackVerbatim(JdbcDatabase database) {
    DataSource dataSource = database.create();
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(dataSource));
    Invoice.Builder builder = new Invoice.Builder()
        .from(SampleInvoices.sent(TENANT, "inv-1", "INV-1"))
        .notes(String.join(" | ", HOSTILE_TEXTS))
        .terms(HOSTILE_TEXTS.get(0))
        .lines(List.of());
    for (int i = 0; i < HOSTILE_TEXTS.size(); i++) {
      String text = HOSTILE_TEXTS.get(i);
      builder.addLine(new LineItem.Builder()
          .description(text)
          .product(ProductId.of(asId(text)))
          .quantity("1")
          .unitPrice("EUR 1.00")
          .taxCode(TaxCode.standard("19"))
          .addAllowanceCharge(new LineAllowanceCharge.Builder()
              .kind(dev.invoicekit.invoice.AllowanceCharge.Kind.CHARGE)
              .amount(Money.parse("EUR 0.10"))
              .reason(text)
              .reasonCode(asId(text))
              .build())
          .build());
      builder.addReviewNote(text);
      builder.putExternalReference(asId(text), asId(text) + " #" + i);
      builder.addPayments(new Payment.Builder()
          .id(PaymentId.of(asId(text)))
          .amount(Money.parse("EUR 0.01"))
          .date(SampleInvoices.INVOICE_DATE)
          .method(text.length() > 100 ? text.substring(0, 100) : text)
          .reference(text)
          .build());
    }
    Invoice hostile = builder.status(InvoiceStatus.PARTIALLY_PAID).build();

    Invoice saved = invoices.save(hostile);

    assertThat(invoices.findById(TENANT, hostile.id())).contains(saved);
    assertThat(saved).isEqualTo(hostile.withVersion(1));
    assertThat(JdbcDatabase.invoiceRows(dataSource))
        .containsExactly(1, HOSTILE_TEXTS.size(), HOSTILE_TEXTS.size());
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void idsThatLookLikeSqlAreKeysLikeAnyOther(JdbcDatabase database) {
    DataSource dataSource = database.create();
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(dataSource));
    for (int i = 0; i < HOSTILE_TEXTS.size(); i++) {
      String text = asId(HOSTILE_TEXTS.get(i));
      TenantId tenant = TenantId.of(text);
      Invoice invoice = SampleInvoices.sent(tenant, text, text)
          .withAccount(AccountId.of(text))
          .withContact(ContactId.of(text))
          .withOpportunity(OpportunityId.of(text));

      Invoice saved = invoices.save(invoice);

      assertThat(invoices.findById(tenant, InvoiceId.of(text))).contains(saved);
      assertThat(invoices.findByNumber(tenant, InvoiceNumber.of(text))).contains(saved);
      assertThat(invoices.findByAccount(tenant, AccountId.of(text), PageRequest.first(10))
          .items()).containsExactly(saved);
      assertThat(invoices.findById(TENANT, InvoiceId.of(text))).isEmpty();
    }
    assertThat(JdbcDatabase.rows(dataSource, "ik_invoice")).isEqualTo(HOSTILE_TEXTS.size());
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aLikeWildcardInAnIdMatchesOnlyItself(JdbcDatabase database) {
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(database.create()));
    invoices.save(draft("inv-1").withAccount(AccountId.of("acme")));
    invoices.save(draft("inv-2").withAccount(AccountId.of("a%")));

    assertThat(invoices.findByAccount(TENANT, AccountId.of("a%"), PageRequest.first(10)).items())
        .extracting(Invoice::id)
        .containsExactly(InvoiceId.of("inv-2"));
    assertThat(invoices.findById(TENANT, InvoiceId.of("inv-_"))).isEmpty();
  }

  // ---- damaged stored content ------------------------------------------------------------------

  /** The content of SampleInvoices.richEur as the first release wrote it: no format version. */
  private static final String OLD_RICH_CONTENT = "{\"paymentTerms\":{\"netDays\":\"14\","
      + "\"description\":\"14 days net\"},\"documentAllowanceCharges\":[{\"kind\":\"CHARGE\","
      + "\"amount\":\"15.00\",\"reason\":\"Freight\",\"reasonCode\":\"FC\",\"tax\":\"S 19\"},"
      + "{\"kind\":\"ALLOWANCE\",\"base\":\"70.00\",\"percent\":\"2.5\",\"tax\":\"S 7\"}],"
      + "\"overallDiscount\":{\"percent\":\"3.75\"},\"pricesIncludeTax\":false,"
      + "\"externalTaxAmounts\":[],\"notes\":\"Thank you for your order.\\nDeliveries: \\\"dock 4"
      + "\\\"\",\"terms\":\"Payable within 14 days; 2 % skonto within 7 days\","
      + "\"externalReferences\":{\"ledger\":\"4711\",\"crm\":\"OPP-42/INV\"},\"reviewNotes\":"
      + "[\"Lines do not add up to the opportunity value of EUR 1,000.00\",\"Check the freight "
      + "charge\"],\"roundingPolicy\":{\"mode\":\"HALF_EVEN\",\"taxRounding\":\"PER_LINE\","
      + "\"cashIncrement\":\"0.05\"}}";

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void anInvoiceWrittenByThePreviousReleaseWithoutFormatVersionsLoadsAsBefore(
      JdbcDatabase database) {
    DataSource dataSource = database.create();
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(dataSource));
    Invoice saved = invoices.save(SampleInvoices.richEur(TENANT, "inv-1"));
    // As the first release stored them: content without a tag, allowances as bare arrays.
    updateContent(dataSource, "inv-1", OLD_RICH_CONTENT);
    execute(dataSource, "UPDATE ik_invoice_line SET allowance_charges = '[{\"kind\":\"ALLOWANCE\","
        + "\"percent\":\"5\",\"reason\":\"Volume\",\"reasonCode\":\"95\"}]' WHERE line_no = 1");

    assertThat(invoices.findById(TENANT, InvoiceId.of("inv-1"))).contains(saved);
    assertThat(invoices.findByAccount(TENANT, saved.account(), PageRequest.first(10)).items())
        .containsExactly(saved);
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void damagedContentIsAPersistenceFailureNamingTheInvoiceButNotTheContent(
      JdbcDatabase database) {
    DataSource dataSource = database.create();
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(dataSource));
    Invoice saved = invoices.save(SampleInvoices.richEur(TENANT, "inv-1"));
    updateContent(dataSource, "inv-1", "{\"v\":\"1\",\"notes\":\"IBAN DE02 1203 0000 0000 2020 51");

    for (Runnable load : List.<Runnable>of(
        () -> invoices.findById(TENANT, InvoiceId.of("inv-1")),
        () -> invoices.findByNumber(TENANT, saved.number().orElseThrow()),
        () -> invoices.findByAccount(TENANT, saved.account(), PageRequest.first(10)))) {
      assertThatThrownBy(load::run)
          .isExactlyInstanceOf(InvoicePersistenceException.class)
          .hasMessageStartingWith("Invoice inv-1: stored content is damaged (")
          .hasCauseExactlyInstanceOf(MalformedJsonException.class)
          .message().doesNotContain("IBAN", "DE02");
    }
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void damagedLineAllowancesAreAPersistenceFailureNamingTheInvoiceButNotTheContent(
      JdbcDatabase database) {
    DataSource dataSource = database.create();
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(dataSource));
    Invoice saved = invoices.save(SampleInvoices.richEur(TENANT, "inv-1"));
    execute(dataSource, "UPDATE ik_invoice_line SET allowance_charges = '[{\"reason\":\"IBAN DE02'"
        + " WHERE invoice_id = 'inv-1' AND line_no = 1");

    for (Runnable load : List.<Runnable>of(
        () -> invoices.findById(TENANT, InvoiceId.of("inv-1")),
        () -> invoices.findByAccount(TENANT, saved.account(), PageRequest.first(10)))) {
      assertThatThrownBy(load::run)
          .isExactlyInstanceOf(InvoicePersistenceException.class)
          .hasMessageStartingWith("Invoice inv-1: a line's stored allowances and charges are"
              + " damaged (")
          .hasCauseExactlyInstanceOf(MalformedJsonException.class)
          .message().doesNotContain("IBAN", "DE02");
    }
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void contentOfANewerFormatIsAPersistenceFailureAskingForAnUpgrade(JdbcDatabase database) {
    DataSource dataSource = database.create();
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(dataSource));
    invoices.save(draft("inv-1"));
    updateContent(dataSource, "inv-1", "{\"v\":\"2\",\"lines\":{}}");

    assertThatThrownBy(() -> invoices.findById(TENANT, InvoiceId.of("inv-1")))
        .isExactlyInstanceOf(InvoicePersistenceException.class)
        .hasMessage("Invoice inv-1: stored content is damaged (Stored invoice content was written"
            + " by a newer InvoiceKit format 2; upgrade the library)")
        .hasCauseExactlyInstanceOf(MalformedJsonException.class);
  }

  private static void updateContent(DataSource dataSource, String invoiceId, String content) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(
            "UPDATE ik_invoice SET content = ? WHERE invoice_id = ?")) {
      update.setString(1, content);
      update.setString(2, invoiceId);
      assertThat(update.executeUpdate()).isEqualTo(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void execute(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      assertThat(statement.executeUpdate(sql)).isEqualTo(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
