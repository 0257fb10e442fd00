package dev.invoicekit.jdbc;

import static dev.invoicekit.testkit.contract.SampleInvoices.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.jdbc.testing.JdbcDatabase;
import dev.invoicekit.lifecycle.InvoiceLifecycle;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.testkit.contract.Concurrently;
import dev.invoicekit.testkit.contract.SampleInvoices;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.joda.money.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many threads recording payments on a few invoices at once, each loading the invoice, letting the
 * lifecycle record the payment and saving it with the version read, and trying again when the
 * write was stale: no payment is lost or counted twice.
 */
class ConcurrentPaymentsTest {

  private static final int THREADS = 8;
  private static final int PAYMENTS_PER_THREAD = 50;
  private static final int INVOICES = 3;
  private static final List<Money> AMOUNTS = List.of(
      Money.parse("EUR 1.00"), Money.parse("EUR 2.50"), Money.parse("EUR 0.01"),
      Money.parse("EUR 10.00"));
  private static final LocalDate TODAY = SampleInvoices.INVOICE_DATE.plusDays(1);

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void concurrentPaymentsWithRetriesAreNeitherLostNorDoubled(JdbcDatabase database)
      throws Exception {
    JdbcTransactions transactions = JdbcTransactions.of(database.create());
    JdbcInvoices invoices = new JdbcInvoices(transactions);
    List<InvoiceId> ids = new ArrayList<>();
    for (int i = 0; i < INVOICES; i++) {
      ids.add(invoices.save(SampleInvoices.sent(TENANT, "inv-" + i, "INV-" + i)
          .withLines(SampleInvoices.line("Retainer", "1", "EUR 100000.00"))).id());
    }
    Map<InvoiceId, Set<PaymentId>> expectedIds = new HashMap<>();
    Map<InvoiceId, Money> expectedPaid = new HashMap<>();
    AtomicInteger staleWrites = new AtomicInteger();
    List<Callable<Void>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      List<Map.Entry<InvoiceId, Payment>> work = new ArrayList<>();
      for (int p = 0; p < PAYMENTS_PER_THREAD; p++) {
        InvoiceId id = ids.get((t + p) % INVOICES);
        Payment payment = new Payment.Builder()
            .id(PaymentId.of("t" + t + "-p" + p))
            .amount(AMOUNTS.get(p % AMOUNTS.size()))
            .date(TODAY)
            .build();
        work.add(Map.entry(id, payment));
        expectedIds.computeIfAbsent(id, k -> new HashSet<>()).add(payment.id());
        expectedPaid.merge(id, payment.amount(), Money::plus);
      }
      workers.add(() -> {
        for (Map.Entry<InvoiceId, Payment> next : work) {
          recordWithRetries(transactions, invoices, next.getKey(), next.getValue(), staleWrites);
        }
        return null;
      });
    }
    Concurrently.each(workers, Duration.ofSeconds(120));

    int recorded = 0;
    for (InvoiceId id : ids) {
      Invoice stored = invoices.findById(TENANT, id).orElseThrow();
      Money sumOfStored = stored.payments().stream()
          .map(Payment::signedAmount)
          .reduce(Money.zero(stored.currency()), Money::plus);
      assertThat(stored.payments()).extracting(Payment::id)
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(expectedIds.get(id));
      assertThat(stored.totals().amountPaid())
          .isEqualTo(sumOfStored)
          .isEqualTo(expectedPaid.get(id));
      assertThat(stored.version()).isEqualTo(1 + stored.payments().size());
      assertThat(stored.status()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
      recorded += stored.payments().size();
    }
    assertThat(recorded).isEqualTo(THREADS * PAYMENTS_PER_THREAD);
    assertThat(staleWrites).as("writes that met a newer version and were tried again")
        .hasPositiveValue();
  }

  /** One transaction per attempt: load, let the lifecycle decide, save at the version read. */
  private static void recordWithRetries(JdbcTransactions transactions, JdbcInvoices invoices,
      InvoiceId id, Payment payment, AtomicInteger staleWrites) {
    for (int attempt = 1; ; attempt++) {
      try {
        transactions.inTransaction(() -> invoices.save(InvoiceLifecycle.recordPayment(
            invoices.findById(TENANT, id).orElseThrow(), payment, TODAY).invoice()));
        return;
      } catch (InvoicePersistenceException e) {
        if (!e.isRetryable() || attempt == 1_000) {
          throw e;
        }
        staleWrites.incrementAndGet();
      }
    }
  }
}
