package dev.invoicekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.credit.AccountCreditEntry;
import dev.invoicekit.credit.InsufficientAccountCreditException;
import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.Settlement;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.testing.JdbcDatabase;
import dev.invoicekit.service.IdempotencyKey;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.service.PaymentRequest;
import dev.invoicekit.testkit.contract.Concurrently;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sixteen threads of two service instances (two kits, each with transactions of its own, on one
 * database) apply one account's credit to sixteen invoices and refund some of it, asking for more
 * than the account holds: the balance never goes below zero, and nothing is lost or doubled.
 */
class ConcurrentAccountCreditTest {

  private static final TenantId TENANT = TenantId.of("tenant-a");
  private static final AccountId ACME = AccountId.of("acme");
  private static final int THREADS = 16;

  private final SteppingClock clock =
      new SteppingClock(Instant.parse("2026-11-02T09:00:00Z"), ZoneId.of("UTC"));

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void appliesAndRefundsFromTwoInstancesNeverOverdrawAndLoseOrDoubleNothing(
      JdbcDatabase database) throws Exception {
    DataSource dataSource = database.create();
    InvoiceService first = service(JdbcInvoiceKit.of(dataSource, database.dialect()), "a-");
    InvoiceService second = service(JdbcInvoiceKit.of(dataSource, database.dialect()), "b-");
    // An overpayment of 500.00 is the account's credit; sixteen invoices of 119.00 wait for it.
    Invoice overpaid = first.send(TENANT, draft(first).id());
    first.recordPayment(TENANT, overpaid.id(), new PaymentRequest.Builder()
        .amount(overpaid.totals().amountDue().plus(Money.parse("EUR 500.00")))
        .excessToAccountCredit(true)
        .build());
    List<Invoice> open = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      open.add(first.send(TENANT, draft(first).id()));
    }
    assertThat(balance(first)).isEqualTo(eur("500.00"));

    // Each thread applies 50.00 to its invoice, then refunds 20.00: 1,120.00 asked of 500.00.
    List<Callable<Integer>> threads = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      InvoiceService service = i % 2 == 0 ? first : second;
      Invoice invoice = open.get(i);
      String key = "t" + i;
      threads.add(() -> {
        int taken = 0;
        try {
          service.applyAccountCredit(TENANT, ACME, invoice.id(), eur("50.00"),
              IdempotencyKey.of(key + "-apply"));
          taken += 50;
        } catch (InsufficientAccountCreditException refused) {
          assertThat(refused.balance().isLessThan(eur("50.00"))).isTrue();
        }
        try {
          service.refundAccountCredit(TENANT, ACME, eur("20.00"), "Paid back",
              IdempotencyKey.of(key + "-refund"));
          taken += 20;
        } catch (InsufficientAccountCreditException refused) {
          assertThat(refused.balance().isLessThan(eur("20.00"))).isTrue();
        }
        return taken;
      });
    }
    int taken = Concurrently.each(threads, Duration.ofSeconds(120)).stream()
        .mapToInt(Integer::intValue).sum();

    Money left = eur("500.00").minus(eur(taken + ".00"));
    assertThat(left.isNegative()).as("taken %s of 500.00", taken).isFalse();
    assertThat(left.isLessThan(eur("20.00"))).as("what is left, %s, covers no refund", left)
        .isTrue();
    assertThat(balance(second)).isEqualTo(left);
    List<AccountCreditEntry> ledger = new JdbcAccountCredits(
        JdbcTransactions.of(dataSource), database.dialect()).entries(TENANT, ACME,
        CurrencyUnit.EUR);
    Money running = Money.zero(CurrencyUnit.EUR);
    for (int n = 0; n < ledger.size(); n++) {
      AccountCreditEntry entry = ledger.get(n);
      running = running.plus(entry.signedAmount());
      assertThat(entry.sequence()).isEqualTo(n + 1);
      assertThat(entry.balanceAfter()).isEqualTo(running);
    }
    assertThat(running).isEqualTo(left);
    int applied = 0;
    for (Invoice invoice : open) {
      Invoice now = first.find(TENANT, invoice.id()).orElseThrow();
      List<Settlement> settlements = now.settlements();
      assertThat(settlements).hasSizeLessThanOrEqualTo(1);
      if (!settlements.isEmpty()) {
        applied++;
        assertThat(settlements.get(0).amount()).isEqualTo(eur("50.00"));
        assertThat(now.totals().amountDue()).isEqualTo(eur("69.00"));
        assertThat(now.status()).isEqualTo(InvoiceStatus.SENT);
      } else {
        assertThat(now.version()).isEqualTo(invoice.version());
      }
    }
    assertThat(ledger).filteredOn(e -> e.kind() == AccountCreditEntry.Kind.APPLIED)
        .hasSize(applied);
  }

  private InvoiceService service(JdbcInvoiceKit kit, String idPrefix) {
    // As generous as the test's contention needs: sixteen threads queue on one account's row.
    return kit.configure(InvoiceService.builder())
        .clock(clock, ZoneId.of("Europe/Berlin"))
        .ids(new SequentialIdSource(idPrefix))
        .maxAttempts(50)
        .build();
  }

  private static Invoice draft(InvoiceService service) {
    return service.createDraft(service.newDraft(TENANT)
        .account(ACME)
        .currency("EUR")
        .paymentTerms(PaymentTerms.net(30))
        .addLine(ServiceFixture.line("Support", 1, "100.00"))
        .build());
  }

  private static Money balance(InvoiceService service) {
    return service.accountCreditBalance(TENANT, ACME, CurrencyUnit.EUR);
  }

  private static Money eur(String amount) {
    return Money.parse("EUR " + amount);
  }
}
