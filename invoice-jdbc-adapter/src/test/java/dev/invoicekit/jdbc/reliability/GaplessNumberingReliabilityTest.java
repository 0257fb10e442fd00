package dev.invoicekit.jdbc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.JdbcInvoiceKit;
import dev.invoicekit.jdbc.testing.JdbcDatabase;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.testkit.contract.Concurrently;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Gapless numbering under load: concurrent senders, each send inside a host transaction, about one
 * in ten of which the host rolls back after the number was taken. The committed numbers run from 1
 * without a gap or a duplicate, and every rolled-back draft is still an unnumbered draft.
 */
class GaplessNumberingReliabilityTest {

  private static final TenantId TENANT = TenantId.of("tenant-a");
  private static final long SEED = 20261124L;

  /** Thrown by the host after the send, to roll its transaction back. */
  private static final class HostRollback extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HostRollback() {
      super("the host rolls back after sending", null, false, false);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(JdbcDatabase.class)
  void concurrentSendsWithRolledBackHostTransactionsLeaveNoGapAndNoDuplicate(
      JdbcDatabase database) throws Exception {
    int senders = ReliabilityMode.pick(4, 8);
    int sendsPerSender = ReliabilityMode.pick(15, 500);
    DataSource dataSource = database.create();
    JdbcInvoiceKit kit = JdbcInvoiceKit.of(dataSource, database.dialect());
    SteppingClock clock =
        new SteppingClock(Instant.parse("2026-11-02T09:00:00Z"), ZoneId.of("UTC"));
    InvoiceService service = kit.configure(InvoiceService.builder())
        .clock(clock, ZoneId.of("Europe/Berlin"))
        .ids(new SequentialIdSource("id-"))
        .maxAttempts(100)
        .build();

    // The first send starts the series, so the senders only ever move an existing counter.
    service.send(TENANT, draft(service).id());
    List<List<InvoiceId>> drafts = new ArrayList<>();
    for (int t = 0; t < senders; t++) {
      List<InvoiceId> own = new ArrayList<>();
      for (int i = 0; i < sendsPerSender; i++) {
        own.add(draft(service).id());
      }
      drafts.add(own);
    }

    AtomicInteger nextSender = new AtomicInteger();
    AtomicInteger committed = new AtomicInteger(1);
    AtomicInteger rolledBack = new AtomicInteger();
    AtomicInteger hostRetries = new AtomicInteger();
    List<InvoiceId> rolledBackIds = java.util.Collections.synchronizedList(new ArrayList<>());
    Together.run(senders, () -> {
      int sender = nextSender.getAndIncrement();
      Random random = new Random(SEED + sender);
      for (InvoiceId id : drafts.get(sender)) {
        boolean rollback = random.nextInt(10) == 0;
        try {
          Concurrently.retrying(() -> {
            try {
              return kit.transactions().inTransaction(() -> {
                service.send(TENANT, id);
                if (rollback) {
                  throw new HostRollback();
                }
                return null;
              });
            } catch (RuntimeException e) {
              if (!(e instanceof HostRollback)) {
                hostRetries.incrementAndGet();
              }
              throw e;
            }
          });
          committed.incrementAndGet();
        } catch (HostRollback expected) {
          rolledBack.incrementAndGet();
          rolledBackIds.add(id);
        }
      }
      return null;
    });

    List<Integer> sequence = new Audit(dataSource).numbers(TENANT).stream()
        .map(number -> Integer.parseInt(number.substring(number.lastIndexOf('-') + 1)))
        .sorted()
        .toList();
    int duplicates = sequence.size() - (int) sequence.stream().distinct().count();
    int gaps = sequence.isEmpty() ? 0 : sequence.get(sequence.size() - 1) - sequence.size();
    assertThat(duplicates).as("duplicate numbers").isZero();
    assertThat(gaps).as("gaps").isZero();
    assertThat(sequence).hasSize(committed.get());
    assertThat(sequence.get(0)).isEqualTo(1);
    assertThat(rolledBack).hasPositiveValue();
    for (InvoiceId id : rolledBackIds) {
      assertThat(service.find(TENANT, id).orElseThrow()).satisfies(draft -> {
        assertThat(draft.status()).isEqualTo(InvoiceStatus.DRAFT);
        assertThat(draft.number()).isEmpty();
      });
    }
    assertThat(new Audit(dataSource).violations(TENANT)).isEmpty();
    ReliabilityMode.report("gapless numbering", database, senders + " senders x "
        + sendsPerSender + " sends: " + committed + " committed (with the first), " + rolledBack
        + " rolled back by the host after taking a number, " + hostRetries
        + " host transactions retried, 0 gaps, 0 duplicates");
  }

  private static dev.invoicekit.invoice.Invoice draft(InvoiceService service) {
    return service.createDraft(service.newDraft(TENANT)
        .account(AccountId.of("acme"))
        .currency("EUR")
        .paymentTerms(PaymentTerms.net(30))
        .addLine(ServiceFixture.line("Consulting", 1, "100.00"))
        .build());
  }
}
