package dev.invoicekit.benchmarks;

import dev.invoicekit.benchmarks.support.Check;
import dev.invoicekit.benchmarks.support.Fixtures;
import dev.invoicekit.inmemory.InMemoryPorts;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.lifecycle.InvoiceLifecycle;
import dev.invoicekit.money.RoundingPolicy;
import dev.invoicekit.numbering.NumberPattern;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.service.PaymentRequest;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.joda.money.Money;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * P2: one invoice's whole life, create, send and two payments settling it, through
 * {@link InvoiceService} on the in-memory ports, against the same four steps done on the values
 * with {@link InvoiceLifecycle} (build the draft, send it with a number, record two payments).
 * Both sides end with the same PAID invoice, number, totals and payments; setup checks that.
 *
 * <p>Each lifecycle runs under a tenant of its own and the in-memory ports are replaced every
 * {@value #PORTS_REUSED} lifecycles (inside the timed method, so their cost is counted): the
 * in-memory repository checks a new number against every invoice of the tenant, a linear scan
 * that would otherwise make the service's cost grow with the run's length.
 *
 * <p>Target: at most 1.5x the values' time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class P2LifecycleBenchmark {

  static final int PORTS_REUSED = 1024;
  private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final NumberPattern PATTERN = NumberPattern.of("INV-{yyyy}-{seq:5}");

  private final List<LineItem> lines = Fixtures.storedLines(10);
  private final LocalDate today = LocalDate.ofInstant(NOW, ZONE);
  private Money firstPayment;
  private Money secondPayment;
  private PaymentRequest firstRequest;
  private PaymentRequest secondRequest;

  private InvoiceService service;
  private int serviceRuns;
  private long tenants;

  private final SequentialIdSource valueIds = new SequentialIdSource("v-");
  private long valueRuns;

  /** Splits the invoice's total into two payments and checks both sides end the same. */
  @Setup(Level.Trial)
  public void setUp() {
    Money total = draftOnValues(TenantId.of("probe"), InvoiceId.of("probe")).totals().total();
    firstPayment = total.dividedBy(2, RoundingMode.HALF_UP);
    secondPayment = total.minus(firstPayment);
    firstRequest = PaymentRequest.of(firstPayment);
    secondRequest = PaymentRequest.of(secondPayment);
    newPorts();
    Invoice viaService = throughService();
    Invoice onValues = onValues();
    Check.equal("the final status", InvoiceStatus.PAID, viaService.status());
    Check.equal("the final status", viaService.status(), onValues.status());
    Check.equal("the number", viaService.number(), onValues.number());
    Check.equal("the totals", viaService.totals(), onValues.totals());
    Check.equal("the payments", viaService.payments().stream().map(Payment::amount).toList(),
        onValues.payments().stream().map(Payment::amount).toList());
    Check.equal("the lines", viaService.lines(), onValues.lines());
  }

  private void newPorts() {
    service = InvoiceService.builder()
        .inMemory(InMemoryPorts.create())
        .clock(Clock.fixed(NOW, ZONE), ZONE)
        .ids(new SequentialIdSource("s-"))
        .numberPattern(PATTERN)
        .build();
  }

  /** The lifecycle through the service. @return the paid invoice */
  @Benchmark
  public Invoice throughService() {
    if (++serviceRuns % PORTS_REUSED == 0) {
      newPorts();
    }
    TenantId tenant = TenantId.of("t" + (++tenants));
    Invoice draft = service.newDraft(tenant)
        .account(AccountId.of("acme"))
        .currency(Fixtures.EUR)
        .paymentTerms(PaymentTerms.net(30))
        .lines(lines)
        .build();
    InvoiceId id = service.createDraft(draft).id();
    service.send(tenant, id);
    service.recordPayment(tenant, id, firstRequest);
    return service.recordPayment(tenant, id, secondRequest);
  }

  /** The same steps on the values. @return the paid invoice */
  @Benchmark
  public Invoice onValues() {
    TenantId tenant = TenantId.of("t" + (++valueRuns));
    Invoice draft = draftOnValues(tenant, InvoiceId.of(valueIds.newId()));
    Invoice sent = InvoiceLifecycle.send(draft,
        () -> InvoiceNumber.of(PATTERN.format(1, draft.invoiceDate()))).invoice();
    Invoice partly = InvoiceLifecycle.recordPayment(sent, payment(firstPayment), today).invoice();
    return InvoiceLifecycle.recordPayment(partly, payment(secondPayment), today).invoice();
  }

  private Invoice draftOnValues(TenantId tenant, InvoiceId id) {
    return new Invoice.Builder()
        .id(id)
        .tenant(tenant)
        .invoiceDate(today)
        .roundingPolicy(RoundingPolicy.en16931())
        .account(AccountId.of("acme"))
        .currency(Fixtures.EUR)
        .paymentTerms(PaymentTerms.net(30))
        .lines(lines)
        .build();
  }

  private Payment payment(Money amount) {
    return new Payment.Builder()
        .id(PaymentId.of(valueIds.newId()))
        .amount(amount)
        .date(today)
        .build();
  }
}
