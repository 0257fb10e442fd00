package dev.invoicekit.jdbc.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.ContactId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.OpportunityId;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.ProductId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.Dialect;
import dev.invoicekit.jdbc.JdbcInvoiceKit;
import dev.invoicekit.jdbc.testing.JdbcDatabase;
import dev.invoicekit.lifecycle.IllegalTransitionException;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.service.IdempotencyKey;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.service.PaymentRequest;
import dev.invoicekit.tax.TaxCode;
import dev.invoicekit.testkit.HostileInputs;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.joda.money.Money;

/**
 * Hostile input through the service on a real database: every input is either refused by the
 * library's own exception before anything is written (no row, no event, no key), or stored and
 * read back exactly equal, by id and by number. Never a driver's error.
 *
 * <p>One subclass per database.
 */
abstract class HostileInputRoundTrip {

  private static final AtomicInteger TRIES = new AtomicInteger();
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

  /** Where a hostile value goes. */
  enum Field {
    TENANT, ACCOUNT, CONTACT, OPPORTUNITY, PRODUCT, DESCRIPTION, NOTES, TERMS, REVIEW_NOTE,
    EXTERNAL_REFERENCE, MANUAL_NUMBER, PAYMENT_METHOD, PAYMENT_REFERENCE, IDEMPOTENCY_KEY,
    QUANTITY, UNIT_PRICE, BASE_QUANTITY, INVOICE_DATE, DUE_DATE, PAYMENT_DATE
  }

  /** A hostile value for one field, reported briefly (a failure must not print a megabyte). */
  record Hostile(Field field, String text, BigDecimal number, LocalDate date) {
    @Override
    public String toString() {
      StringBuilder out = new StringBuilder(field + " ");
      switch (field) {
        case QUANTITY, UNIT_PRICE, BASE_QUANTITY -> out.append(number);
        case INVOICE_DATE, DUE_DATE, PAYMENT_DATE -> out.append(date);
        default -> {
          out.append(text.length()).append(" chars:");
          text.chars().limit(24).forEach(c -> out.append(' ').append(Integer.toHexString(c)));
        }
      }
      return out.toString();
    }
  }

  private static DataSource dataSource;
  private static JdbcInvoiceKit kit;
  private static InvoiceService service;

  /** The database this subclass runs on. */
  abstract JdbcDatabase database();

  private static JdbcDatabase opened;

  private void open() {
    if (opened != database()) {
      opened = database();
      dataSource = database().create();
      Dialect dialect = database().dialect();
      kit = JdbcInvoiceKit.of(dataSource, dialect);
      SteppingClock clock =
          new SteppingClock(Instant.parse("2026-11-24T09:00:00Z"), ZoneId.of("UTC"));
      service = kit.configure(InvoiceService.builder())
          .clock(clock, ServiceFixture.ZONE)
          .ids(new SequentialIdSource("hostile-"))
          .build();
    }
  }

  @Provide
  Arbitrary<Hostile> hostile() {
    return Combinators.combine(Arbitraries.of(Field.class), HostileInputs.text(),
            HostileInputs.numbers(), HostileInputs.dates())
        .as(Hostile::new);
  }

  @Property(tries = 80)
  @StatisticsReport(onFailureOnly = true)
  void everyHostileInputIsRefusedBeforeAnyWriteOrStoredAndReadBackExactly(
      @ForAll("hostile") Hostile hostile) {
    open();
    // Both outcomes must really happen, or the property proves half of what it says.
    Statistics.label("outcome").coverage(coverage -> {
      coverage.check("stored").count(stored -> stored >= 5);
      coverage.check("refused where made").count(refused -> refused >= 5);
    });
    int n = TRIES.incrementAndGet();
    TenantId tenant;
    Invoice draft;
    PaymentRequest payment;
    IdempotencyKey key;
    long rowsBefore = rows();
    try {
      tenant = hostile.field() == Field.TENANT ? TenantId.of(hostile.text())
          : TenantId.of("t-" + n);
      draft = draft(tenant, hostile);
      payment = payment(hostile, draft.invoiceDate());
      key = IdempotencyKey.of(hostile.field() == Field.IDEMPOTENCY_KEY ? hostile.text()
          : "pay-" + n);
    } catch (IllegalArgumentException refusedWhereTheValueIsMade) {
      assertRefusal(refusedWhereTheValueIsMade);
      assertThat(rows()).as("rows after a refusal").isEqualTo(rowsBefore);
      Statistics.label("outcome").collect("refused where made");
      return;
    }

    Invoice created = service.createDraft(draft);
    if (created.totals().amountDue().isNegative()) {
      // A hostile negative quantity makes a credit, which is never sent: refused, nothing changed.
      long rowsBeforeSend = rows();
      assertThatThrownBy(() -> service.send(tenant, created.id()))
          .isExactlyInstanceOf(IllegalTransitionException.class)
          .hasMessageContaining("negative amount due");
      assertThat(rows()).isEqualTo(rowsBeforeSend);
      assertThat(service.find(tenant, created.id())).contains(created);
      Statistics.label("outcome").collect("stored");
      return;
    }
    Invoice sent = service.send(tenant, created.id());
    long rowsBeforePayment = rows();
    Invoice paid;
    try {
      paid = service.recordPayment(tenant, created.id(), payment, key);
    } catch (IllegalArgumentException | IllegalStateException refusedByTheLifecycle) {
      // A payment dated before the invoice, say: refused by the library, nothing written.
      assertThat(refusedByTheLifecycle).isNotInstanceOf(InvoicePersistenceException.class);
      assertRefusal(refusedByTheLifecycle);
      assertThat(rows()).isEqualTo(rowsBeforePayment);
      paid = sent;
    }

    Statistics.label("outcome").collect("stored");
    Optional<Invoice> byId = service.find(tenant, created.id());
    assertThat(byId).contains(paid);
    assertThat(service.findByNumber(tenant, paid.number().orElseThrow())).contains(paid);
    assertThat(byId.orElseThrow().tenant()).isEqualTo(tenant);
    // The replay of the same key finds the stored key again, however hostile it is.
    if (paid != sent) {
      assertThat(service.recordPayment(tenant, created.id(), payment, key)).isEqualTo(paid);
    }
  }

  private static void assertRefusal(RuntimeException refusal) {
    assertThat(refusal).isNotInstanceOf(InvoicePersistenceException.class);
    String message = refusal.getMessage();
    assertThat(message.length()).as("message length").isLessThan(400);
    assertThat(message.toLowerCase(Locale.ROOT)).doesNotContain("insert into", "sqlstate",
        "ik_invoice");
  }

  private static Invoice draft(TenantId tenant, Hostile hostile) {
    String text = hostile.text();
    LineItem.Builder line = new LineItem.Builder()
        .description(hostile.field() == Field.DESCRIPTION ? text : "Consulting")
        .quantity(hostile.field() == Field.QUANTITY ? hostile.number() : BigDecimal.TEN)
        .unitPrice(hostile.field() == Field.UNIT_PRICE ? "EUR " + hostile.number() : "EUR 100.00")
        .taxCode(TaxCode.standard("19"));
    if (hostile.field() == Field.BASE_QUANTITY) {
      line.baseQuantity(hostile.number());
    }
    if (hostile.field() == Field.PRODUCT) {
      line.product(ProductId.of(text));
    }
    LocalDate invoiceDate = hostile.field() == Field.INVOICE_DATE ? hostile.date() : TODAY;
    Invoice.Builder builder = service.newDraft(tenant)
        .account(AccountId.of(hostile.field() == Field.ACCOUNT ? text : "acme"))
        .currency("EUR")
        .invoiceDate(invoiceDate)
        .addLine(line.build());
    if (hostile.field() == Field.DUE_DATE) {
      builder.dueDate(hostile.date());
    } else {
      builder.paymentTerms(PaymentTerms.net(30));
    }
    switch (hostile.field()) {
      case CONTACT -> builder.contact(ContactId.of(text));
      case OPPORTUNITY -> builder.opportunity(OpportunityId.of(text));
      case NOTES -> builder.notes(text);
      case TERMS -> builder.terms(text);
      case REVIEW_NOTE -> builder.addReviewNote(text);
      case EXTERNAL_REFERENCE -> builder.putExternalReference("ledger", text);
      case MANUAL_NUMBER -> builder.number(InvoiceNumber.of(text));
      default -> { }
    }
    return builder.build();
  }

  private static PaymentRequest payment(Hostile hostile, LocalDate invoiceDate) {
    PaymentRequest.Builder request = new PaymentRequest.Builder()
        .amount(Money.parse("EUR 1.00"))
        .date(hostile.field() == Field.PAYMENT_DATE ? hostile.date() : invoiceDate);
    if (hostile.field() == Field.PAYMENT_METHOD) {
      request.method(hostile.text());
    }
    if (hostile.field() == Field.PAYMENT_REFERENCE) {
      request.reference(hostile.text());
    }
    return request.build();
  }

  /** Every row the adapter writes, in all tables. */
  private static long rows() {
    long total = 0;
    for (String table : List.of("ik_invoice", "ik_invoice_line", "ik_payment", "ik_outbox",
        "ik_idempotency_key", "ik_number_counter")) {
      total += JdbcDatabase.rows(dataSource, table);
    }
    return total;
  }
}
