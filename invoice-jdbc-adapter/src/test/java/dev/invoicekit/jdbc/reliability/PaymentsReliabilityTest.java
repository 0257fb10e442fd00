package dev.invoicekit.jdbc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.JdbcInvoiceKit;
import dev.invoicekit.jdbc.testing.JdbcDatabase;
import dev.invoicekit.service.IdempotencyKey;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.service.PaymentRequest;
import dev.invoicekit.testkit.contract.Concurrently;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.joda.money.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * No lost or doubled payments: concurrent recorders on a handful of invoices, through two service
 * instances on two separate data sources (two application instances sharing one database), with
 * one submission in five a repetition of an earlier one under the same idempotency key, often
 * from the other instance and at the same moment. Afterwards every invoice holds each distinct
 * payment exactly once and its paid amount is their sum.
 */
class PaymentsReliabilityTest {

  private static final TenantId TENANT = TenantId.of("tenant-a");
  private static final long SEED = 20261124L;
  private static final List<Money> AMOUNTS = List.of(Money.parse("EUR 1.00"),
      Money.parse("EUR 2.50"), Money.parse("EUR 0.01"), Money.parse("EUR 10.00"));

  /** One payment a customer made; submitted once or more under its key. */
  private record Submission(String key, int invoice, Money amount) {}

  @ParameterizedTest(name = "{0}")
  @EnumSource(JdbcDatabase.class)
  void repeatedKeysOnTwoInstancesNeitherLoseNorDoubleAPayment(JdbcDatabase database)
      throws Exception {
    int recorders = ReliabilityMode.pick(4, 16);
    int submissionsPerRecorder = ReliabilityMode.pick(20, 1000);
    int invoiceCount = ReliabilityMode.pick(4, 8);
    DataSource first = database.create();
    SteppingClock clock =
        new SteppingClock(Instant.parse("2026-11-02T09:00:00Z"), ZoneId.of("UTC"));
    List<InvoiceService> instances = List.of(
        service(JdbcInvoiceKit.of(first, database.dialect()), clock, "a-"),
        service(JdbcInvoiceKit.of(SecondPool.on(first), database.dialect()), clock, "b-"));

    List<InvoiceId> invoices = new ArrayList<>();
    for (int i = 0; i < invoiceCount; i++) {
      InvoiceService service = instances.get(0);
      Invoice draft = service.createDraft(service.newDraft(TENANT)
          .account(AccountId.of("acme"))
          .currency("EUR")
          .paymentTerms(PaymentTerms.net(30))
          .addLine(ServiceFixture.line("Retainer", 1, "10000000.00"))
          .build());
      invoices.add(service.send(TENANT, draft.id()).id());
    }

    // The plan: each recorder's submissions; about 20 % repeat an earlier payment of any recorder.
    Random random = new Random(SEED);
    List<List<Submission>> plans = new ArrayList<>();
    List<Submission> distinct = new ArrayList<>();
    int repeats = 0;
    for (int t = 0; t < recorders; t++) {
      plans.add(new ArrayList<>());
    }
    for (int p = 0; p < submissionsPerRecorder; p++) {
      for (int t = 0; t < recorders; t++) {
        Submission submission;
        if (!distinct.isEmpty() && random.nextInt(5) == 0) {
          submission = distinct.get(Math.max(0, distinct.size() - 1 - random.nextInt(
              Math.min(distinct.size(), 3 * recorders))));
          repeats++;
        } else {
          submission = new Submission("pay-" + t + "-" + p, random.nextInt(invoiceCount),
              AMOUNTS.get(random.nextInt(AMOUNTS.size())));
          distinct.add(submission);
        }
        plans.get(t).add(submission);
      }
    }

    AtomicInteger nextRecorder = new AtomicInteger();
    AtomicInteger outerRetries = new AtomicInteger();
    Together.run(recorders, () -> {
      int recorder = nextRecorder.getAndIncrement();
      InvoiceService service = instances.get(recorder % 2);
      for (Submission submission : plans.get(recorder)) {
        PaymentRequest request = new PaymentRequest.Builder()
            .amount(submission.amount())
            .reference(submission.key())
            .build();
        AtomicInteger attempts = new AtomicInteger();
        Concurrently.retrying(() -> {
          if (attempts.incrementAndGet() > 1) {
            outerRetries.incrementAndGet();
          }
          return service.recordPayment(TENANT, invoices.get(submission.invoice()), request,
              IdempotencyKey.of(submission.key()));
        });
      }
      return null;
    });

    Map<Integer, Map<String, Money>> expected = new HashMap<>();
    for (Submission submission : distinct) {
      expected.computeIfAbsent(submission.invoice(), k -> new LinkedHashMap<>())
          .put(submission.key(), submission.amount());
    }
    int lost = 0;
    int doubled = 0;
    int recorded = 0;
    for (int i = 0; i < invoiceCount; i++) {
      Invoice stored = instances.get(1).find(TENANT, invoices.get(i)).orElseThrow();
      Map<String, Money> wanted = expected.getOrDefault(i, Map.of());
      Map<String, Integer> seen = new HashMap<>();
      for (Payment payment : stored.payments()) {
        seen.merge(payment.reference().orElseThrow(), 1, Integer::sum);
      }
      for (String key : wanted.keySet()) {
        if (!seen.containsKey(key)) {
          lost++;
        }
      }
      for (int count : seen.values()) {
        doubled += count - 1;
      }
      assertThat(seen.keySet()).as("payments of invoice %s", i)
          .containsExactlyInAnyOrderElementsOf(wanted.keySet());
      Money sum = wanted.values().stream().reduce(Money.zero(stored.currency()), Money::plus);
      assertThat(stored.totals().amountPaid()).as("paid on invoice %s", i).isEqualTo(sum);
      recorded += stored.payments().size();
    }
    assertThat(lost).as("lost payments").isZero();
    assertThat(doubled).as("doubled payments").isZero();
    assertThat(recorded).isEqualTo(distinct.size());
    assertThat(new Audit(first).violations(TENANT)).isEmpty();
    ReliabilityMode.report("no lost or doubled payments", database, recorders + " recorders x "
        + submissionsPerRecorder + " submissions on " + invoiceCount
        + " invoices via 2 instances: " + (recorders * submissionsPerRecorder) + " submissions, "
        + repeats + " repeated keys, " + distinct.size() + " distinct payments, " + recorded
        + " recorded, " + outerRetries + " retries after the service's own budget, 0 lost,"
        + " 0 doubled");
  }

  private static InvoiceService service(JdbcInvoiceKit kit, SteppingClock clock, String prefix) {
    return kit.configure(InvoiceService.builder())
        .clock(clock, ZoneId.of("Europe/Berlin"))
        .ids(new SequentialIdSource(prefix))
        .maxAttempts(100)
        .build();
  }
}
