package dev.invoicekit.jdbc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.JdbcInvoiceKit;
import dev.invoicekit.jdbc.testing.JdbcDatabase;
import dev.invoicekit.ports.StaleInvoiceException;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.testkit.contract.Concurrently;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Stale writes: two editors, one on each of two application instances, read the same draft and
 * save their edits at the same moment. Every time exactly one edit is stored and the other is
 * rejected as stale: 0 silent overwrites.
 */
class StaleWritesReliabilityTest {

  private static final TenantId TENANT = TenantId.of("tenant-a");

  @ParameterizedTest(name = "{0}")
  @EnumSource(JdbcDatabase.class)
  void twoEditorsSavingTheSameDraftAtOnceNeverOverwriteEachOther(JdbcDatabase database)
      throws Exception {
    int rounds = ReliabilityMode.pick(15, 1000);
    DataSource first = database.create();
    SteppingClock clock =
        new SteppingClock(Instant.parse("2026-11-02T09:00:00Z"), ZoneId.of("UTC"));
    List<InvoiceService> editors = List.of(
        service(JdbcInvoiceKit.of(first, database.dialect()), clock, "a-"),
        service(JdbcInvoiceKit.of(SecondPool.on(first), database.dialect()), clock, "b-"));
    int rejected = 0;
    int overwrites = 0;
    for (int round = 0; round < rounds; round++) {
      Invoice draft = editors.get(0).createDraft(editors.get(0).newDraft(TENANT)
          .account(AccountId.of("acme"))
          .currency("EUR")
          .paymentTerms(PaymentTerms.net(30))
          .addLine(ServiceFixture.line("Original", 1, "100.00"))
          .build());
      AtomicInteger next = new AtomicInteger();
      List<String> outcomes = Concurrently.run(2, () -> {
        int editor = next.getAndIncrement();
        String text = "Edited by " + editor;
        try {
          editors.get(editor).editDraft(TENANT, draft.id(), draft.version(),
              d -> d.withLines(ServiceFixture.line(text, 1 + editor, "10.00")));
          return text;
        } catch (StaleInvoiceException e) {
          return "stale";
        }
      });
      assertThat(outcomes).as("round %s", round).containsOnlyOnce("stale");
      rejected++;
      String winner = outcomes.stream().filter(o -> !o.equals("stale")).findFirst().orElseThrow();
      Invoice stored = editors.get(1).find(TENANT, draft.id()).orElseThrow();
      if (!stored.lines().get(0).description().equals(winner) || stored.version() != 2) {
        overwrites++;
      }
    }
    assertThat(overwrites).as("silent overwrites").isZero();
    assertThat(new Audit(first).violations(TENANT)).isEmpty();
    ReliabilityMode.report("stale writes", database, rounds + " rounds of 2 editors on 2"
        + " instances saving one draft at once: " + rounds + " edits stored, " + rejected
        + " rejected as stale, 0 silent overwrites");
  }

  private static InvoiceService service(JdbcInvoiceKit kit, SteppingClock clock, String prefix) {
    return kit.configure(InvoiceService.builder())
        .clock(clock, ZoneId.of("Europe/Berlin"))
        .ids(new SequentialIdSource(prefix))
        .build();
  }
}
