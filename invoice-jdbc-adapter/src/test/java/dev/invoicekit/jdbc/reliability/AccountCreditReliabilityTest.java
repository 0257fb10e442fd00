package dev.invoicekit.jdbc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.credit.AccountCreditEntry;
import dev.invoicekit.credit.InsufficientAccountCreditException;
import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
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
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One account's credit is never overdrawn, lost or doubled: 16 threads on two service instances
 * (two data sources on one database, as two application instances) apply the account's credit to
 * different invoices and refund it, until the credit runs out. One submission in five repeats an
 * earlier one under its idempotency key. Afterwards the ledger's balance equals the credit given
 * minus every accepted application and refund, each accepted one is in the ledger exactly once,
 * every invoice holds exactly the credit applied to it, the sequence has no gap, and the balance
 * never went below zero (each entry's balance after it is zero or more).
 */
class AccountCreditReliabilityTest {

  private static final TenantId TENANT = TenantId.of("tenant-a");
  private static final AccountId ACME = AccountId.of("acme");
  private static final long SEED = 20261201L;
  private static final int THREADS = 16;

  /** One application or refund a host asked for, once or more under its key. */
  private record Submission(String key, int invoice, Money amount) {
    boolean isRefund() {
      return invoice < 0;
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(JdbcDatabase.class)
  void concurrentApplicationsAndRefundsNeverOverdrawTheAccount(JdbcDatabase database)
      throws Exception {
    int submissionsPerThread = ReliabilityMode.pick(12, 200);
    int invoiceCount = THREADS;
    DataSource first = database.create();
    SteppingClock clock =
        new SteppingClock(Instant.parse("2026-11-02T09:00:00Z"), ZoneId.of("UTC"));
    List<InvoiceService> instances = List.of(
        service(JdbcInvoiceKit.of(first, database.dialect()), clock, "a-"),
        service(JdbcInvoiceKit.of(SecondPool.on(first), database.dialect()), clock, "b-"));
    InvoiceService setup = instances.get(0);

    // The credit: an overpayment of 1.00 x submissions x threads / 2, so it runs out half way.
    Money credit = Money.of(CurrencyUnit.EUR, THREADS * submissionsPerThread / 2);
    Invoice overpaid = send(setup, "1.00");
    setup.recordPayment(TENANT, overpaid.id(), new PaymentRequest.Builder()
        .amount(overpaid.totals().amountDue().plus(credit))
        .excessToAccountCredit(true)
        .build());
    assertThat(balance(setup)).isEqualTo(credit);
    List<InvoiceId> invoices = new ArrayList<>();
    for (int i = 0; i < invoiceCount; i++) {
      // Each invoice owes more than all the credit: only the account's balance can refuse.
      invoices.add(send(setup, credit.getAmount().toPlainString()).id());
    }

    Random random = new Random(SEED);
    List<List<Submission>> plans = new ArrayList<>();
    List<Submission> distinct = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      plans.add(new ArrayList<>());
    }
    for (int s = 0; s < submissionsPerThread; s++) {
      for (int t = 0; t < THREADS; t++) {
        Submission submission;
        if (!distinct.isEmpty() && random.nextInt(5) == 0) {
          submission = distinct.get(distinct.size() - 1 - random.nextInt(
              Math.min(distinct.size(), 2 * THREADS)));
        } else {
          boolean refund = random.nextInt(4) == 0;
          Money amount = refund ? Money.parse("EUR 0.50") : Money.parse("EUR 1.00");
          submission = new Submission("credit-" + t + "-" + s, refund ? -1 : t, amount);
          distinct.add(submission);
        }
        plans.get(t).add(submission);
      }
    }

    ConcurrentHashMap<String, Submission> accepted = new ConcurrentHashMap<>();
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    Together.run(THREADS, () -> {
      int thread = next.getAndIncrement();
      InvoiceService service = instances.get(thread % 2);
      for (Submission submission : plans.get(thread)) {
        IdempotencyKey key = IdempotencyKey.of(submission.key());
        try {
          Concurrently.retrying(() -> submission.isRefund()
              ? service.refundAccountCredit(TENANT, ACME, submission.amount(), "paid back", key)
              : service.applyAccountCredit(TENANT, ACME, invoices.get(submission.invoice()),
                  submission.amount(), key));
          accepted.put(submission.key(), submission);
        } catch (InsufficientAccountCreditException e) {
          refused.incrementAndGet();
        }
      }
      return null;
    });

    InvoiceService reader = instances.get(1);
    Money applied = Money.zero(CurrencyUnit.EUR);
    Money refunded = Money.zero(CurrencyUnit.EUR);
    Money[] appliedPerInvoice = new Money[invoiceCount];
    java.util.Arrays.fill(appliedPerInvoice, Money.zero(CurrencyUnit.EUR));
    for (Submission submission : accepted.values()) {
      if (submission.isRefund()) {
        refunded = refunded.plus(submission.amount());
      } else {
        applied = applied.plus(submission.amount());
        appliedPerInvoice[submission.invoice()] =
            appliedPerInvoice[submission.invoice()].plus(submission.amount());
      }
    }
    Money expectedBalance = credit.minus(applied).minus(refunded);
    assertThat(balance(reader)).as("the balance").isEqualTo(expectedBalance);
    assertThat(expectedBalance.isNegative()).as("overdrawn").isFalse();
    assertThat(refused.get()).as("refusals once the credit ran out").isPositive();

    List<AccountCreditEntry> ledger = JdbcInvoiceKit.of(first, database.dialect())
        .accountCredits().entries(TENANT, ACME, CurrencyUnit.EUR);
    assertThat(ledger).as("one entry per accepted command, plus the overpayment")
        .hasSize(accepted.size() + 1);
    Money sum = Money.zero(CurrencyUnit.EUR);
    for (int i = 0; i < ledger.size(); i++) {
      AccountCreditEntry entry = ledger.get(i);
      assertThat(entry.sequence()).as("sequence without gaps").isEqualTo(i + 1);
      sum = sum.plus(entry.signedAmount());
      assertThat(entry.balanceAfter()).as("balance after entry %s", i + 1).isEqualTo(sum);
      assertThat(entry.balanceAfter().isNegative()).isFalse();
    }
    assertThat(sum).as("the ledger's sum").isEqualTo(expectedBalance);
    for (int i = 0; i < invoiceCount; i++) {
      Invoice stored = reader.find(TENANT, invoices.get(i)).orElseThrow();
      assertThat(stored.totals().accountCreditApplied()).as("credit applied to invoice %s", i)
          .isEqualTo(appliedPerInvoice[i]);
      assertThat(stored.settlements()).as("settlements of invoice %s", i)
          .hasSize(appliedPerInvoice[i].getAmountMinorInt() / 100);
    }
    assertThat(new Audit(first).violations(TENANT)).isEmpty();
    ReliabilityMode.report("account credit never overdrawn", database, THREADS + " threads x "
        + submissionsPerThread + " submissions via 2 instances on one account's " + credit
        + ": " + distinct.size() + " distinct, " + accepted.size() + " accepted, " + refused
        + " refused for want of credit, balance left " + expectedBalance + ", 0 lost,"
        + " 0 doubled");
  }

  private static Invoice send(InvoiceService service, String price) {
    Invoice draft = service.createDraft(service.newDraft(TENANT)
        .account(ACME)
        .currency("EUR")
        .paymentTerms(PaymentTerms.net(30))
        .addLine(ServiceFixture.line("Retainer", 1, price))
        .build());
    return service.send(TENANT, draft.id());
  }

  private static Money balance(InvoiceService service) {
    return service.accountCreditBalance(TENANT, ACME, CurrencyUnit.EUR);
  }

  private static InvoiceService service(JdbcInvoiceKit kit, SteppingClock clock, String prefix) {
    return kit.configure(InvoiceService.builder())
        .clock(clock, ZoneId.of("Europe/Berlin"))
        .ids(new SequentialIdSource(prefix))
        .maxAttempts(100)
        .build();
  }
}
