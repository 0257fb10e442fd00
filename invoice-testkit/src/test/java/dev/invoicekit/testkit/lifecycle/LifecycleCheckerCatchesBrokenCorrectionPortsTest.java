package dev.invoicekit.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.invoicekit.credit.AccountCreditEntry;
import dev.invoicekit.credit.CreditEvent;
import dev.invoicekit.credit.CreditEventType;
import dev.invoicekit.credit.CreditNote;
import dev.invoicekit.credit.CreditNoteStatus;
import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.inmemory.InMemoryPorts;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.Settlement;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.ports.AccountCredits;
import dev.invoicekit.ports.CreditNotes;
import dev.invoicekit.ports.InvoiceEvents;
import dev.invoicekit.ports.InvoiceNumbering;
import dev.invoicekit.ports.Invoices;
import dev.invoicekit.service.InvoiceServiceBuilder;
import dev.invoicekit.testkit.ForwardingAccountCredits;
import dev.invoicekit.testkit.ForwardingCreditNotes;
import dev.invoicekit.testkit.ForwardingInvoices;
import dev.invoicekit.testkit.ListLedger;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.ApplyAccountCredit;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Create;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.DraftCreditNote;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.IssueCreditNote;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Overpay;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Pay;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.RefundAccountCredit;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Send;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.UnaryOperator;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

/**
 * The checker's correction invariants each catch the port that breaks them, and only that one:
 * every test plugs one deliberately broken port into otherwise healthy in-memory ones, runs a short
 * sequence that the healthy ports pass, and expects exactly the violations of that invariant at
 * the step where the port broke its promise.
 *
 * <p>Invoices of {@code Create(1, 30)} are 1 x 17.35 + 19 % = EUR 20.65; of {@code Create(2, 30)},
 * 1 x 17.35 + 2 x 34.35 + 19 % = EUR 102.40.
 */
class LifecycleCheckerCatchesBrokenCorrectionPortsTest {

  private static final TenantId TENANT = TenantId.of("tenant-a");

  private final InMemoryPorts ports = InMemoryPorts.create();

  private static BigDecimal fraction(String value) {
    return new BigDecimal(value);
  }

  /** An overpayment of 20.65 kept as credit, then half of the next invoice paid with it. */
  private static final List<LifecycleCommand> CREDIT_APPLIED = List.of(new Create(1, 30),
      new Send(0), new Overpay(0, fraction("2")), new Create(1, 30), new Send(1),
      new ApplyAccountCredit(1, fraction("0.5"), 0));

  /** Two credit notes of 75 % of the taxable amount each: the second beyond what is left. */
  private static final List<LifecycleCommand> TWO_AMOUNT_CREDITS = List.of(new Create(1, 30),
      new Send(0),
      new DraftCreditNote(0, CreditNote.Kind.AMOUNTS, 0, fraction("0.75")),
      new IssueCreditNote(0, 0, BigDecimal.ONE),
      new DraftCreditNote(0, CreditNote.Kind.AMOUNTS, 0, fraction("0.75")),
      new IssueCreditNote(1, 1, BigDecimal.ONE));

  /** Line 1 (quantity 1) credited in full twice: the second time there is nothing left. */
  private static final List<LifecycleCommand> ONE_LINE_TWICE = List.of(new Create(2, 30),
      new Send(0),
      new DraftCreditNote(0, CreditNote.Kind.LINES, 0, BigDecimal.ONE),
      new IssueCreditNote(0, 0, BigDecimal.ONE),
      new DraftCreditNote(0, CreditNote.Kind.LINES, 0, BigDecimal.ONE),
      new IssueCreditNote(1, 0, BigDecimal.ONE));

  /** A paid invoice credited in full, its 20.65 kept as account credit. */
  private static final List<LifecycleCommand> CREDIT_KEPT = List.of(new Create(1, 30),
      new Send(0), new Pay(0, BigDecimal.ONE, 0),
      new DraftCreditNote(0, CreditNote.Kind.LINES, 0, BigDecimal.ONE),
      new IssueCreditNote(0, 2, BigDecimal.ONE));

  /** An overpayment of 20.65 kept as credit, half of it refunded. */
  private static final List<LifecycleCommand> CREDIT_REFUNDED = List.of(new Create(1, 30),
      new Send(0), new Overpay(0, fraction("2")), new RefundAccountCredit(fraction("0.5")));

  /** An overpayment of 0.02 kept as credit, then a refund of twice that. */
  private static final List<LifecycleCommand> REFUND_OF_TOO_MUCH = List.of(new Create(1, 30),
      new Send(0), new Overpay(0, fraction("1.001")), new RefundAccountCredit(fraction("2")));

  /** Two credit notes issued, of lines 1 and 2. */
  private static final List<LifecycleCommand> TWO_NOTES = List.of(new Create(2, 30),
      new Send(0),
      new DraftCreditNote(0, CreditNote.Kind.LINES, 0, BigDecimal.ONE),
      new IssueCreditNote(0, 0, BigDecimal.ONE),
      new DraftCreditNote(0, CreditNote.Kind.LINES, 1, fraction("0.5")),
      new IssueCreditNote(1, 0, BigDecimal.ONE));

  /** An overpayment of 20.65 kept as credit. */
  private static final List<LifecycleCommand> OVERPAID = List.of(new Create(1, 30),
      new Send(0), new Overpay(0, fraction("2")));

  /** An overpayment of 20.65 kept as credit, then a refund of twice that, which is refused. */
  private static final List<LifecycleCommand> REFUSED_REFUND = List.of(new Create(1, 30),
      new Send(0), new Overpay(0, fraction("2")), new RefundAccountCredit(fraction("2")));

  @Test
  void healthyPortsPassEverySequenceTheBrokenOnesFail() {
    for (List<LifecycleCommand> commands : List.of(CREDIT_APPLIED, TWO_AMOUNT_CREDITS,
        ONE_LINE_TWICE, CREDIT_KEPT, CREDIT_REFUNDED, REFUND_OF_TOO_MUCH, TWO_NOTES, OVERPAID,
        REFUSED_REFUND)) {
      InMemoryPorts fresh = InMemoryPorts.create();
      SequenceResult healthy = LifecycleChecker.on(LifecycleTarget.inMemory(fresh))
          .run(TENANT, commands);
      // The one-list ledger the ledger fakes start from is a faithful ledger too.
      SequenceResult listed = LifecycleChecker.on(target(InMemoryPorts.create(),
          UnaryOperator.identity(), new ListLedger())).run(TENANT, commands);

      assertThat(listed).as("%s on the one-list ledger", commands).isEqualTo(healthy);
    }
    // The sequences do what the tests below rely on.
    LifecycleChecker healthy = LifecycleChecker.on(LifecycleTarget.inMemory(ports));
    assertThat(healthy.run(TenantId.of("applied"), CREDIT_APPLIED).accepted())
        .containsEntry("ApplyAccountCredit", 1).containsEntry("Overpay", 1);
    assertThat(healthy.run(TenantId.of("amounts"), TWO_AMOUNT_CREDITS).refused()).isEqualTo(2);
    assertThat(healthy.run(TenantId.of("twice"), ONE_LINE_TWICE).refused()).isEqualTo(2);
    assertThat(healthy.run(TenantId.of("kept"), CREDIT_KEPT).refused()).isZero();
    assertThat(healthy.run(TenantId.of("notes"), TWO_NOTES).refused()).isZero();
    assertThat(healthy.run(TenantId.of("too-much"), REFUND_OF_TOO_MUCH).refused()).isEqualTo(1);
  }

  @Test
  void anInvoiceRepositoryThatLosesAppliedCreditBreaksOnlyTheAmountDue() {
    // The ledger gave the credit up, the stored invoice still owes it.
    Invoices losing = new ForwardingInvoices(ports.invoices()) {
      @Override
      public Invoice save(Invoice invoice) {
        return super.save(invoice.withSettlements(invoice.settlements().stream()
            .filter(s -> s.kind() != Settlement.Kind.ACCOUNT_CREDIT).toList()));
      }
    };

    LifecycleViolation violation = failure(builder -> builder.invoices(losing), CREDIT_APPLIED);

    assertThat(violation.step()).isEqualTo(6);
    assertThat(violation.violations()).singleElement().satisfies(v -> assertThat(v)
        .startsWith("amount due of tenant-a-")
        .contains(" is EUR 20.65, but total - paid - credited - applied credit - written off is"
            + " EUR 10.32")
        .contains("applied EUR 10.33 by the ledger"));
  }

  @Test
  void creditNotesListedWithoutTheIssuedOnesBreakOnlyCreditedNeverExceedsTheTotal() {
    // The rules see no earlier credit, so a second 75 % credit is accepted.
    CreditNotes draftsOnly = new ForwardingCreditNotes(ports.creditNotes()) {
      @Override
      public List<CreditNote> findByInvoice(TenantId tenant, InvoiceId invoice) {
        return super.findByInvoice(tenant, invoice).stream()
            .filter(note -> note.status() != CreditNoteStatus.ISSUED).toList();
      }
    };

    LifecycleViolation violation = failure(builder -> builder.creditNotes(draftsOnly),
        TWO_AMOUNT_CREDITS);

    assertThat(violation.step()).isEqualTo(6);
    assertThat(violation.violations()).singleElement().isEqualTo("credited more than the total:"
        + " the credit notes of tenant-a-1 credit EUR 30.96 in all, its total is EUR 20.65");
  }

  @Test
  void creditNotesListedWithoutTheirLinesBreakOnlyPerLineCreditedNeverExceedsInvoiced() {
    // As if the query forgot to join the credited lines: every line looks uncredited.
    CreditNotes withoutLines = new ForwardingCreditNotes(ports.creditNotes()) {
      @Override
      public List<CreditNote> findByInvoice(TenantId tenant, InvoiceId invoice) {
        return super.findByInvoice(tenant, invoice).stream()
            .map(note -> note.withCreditedLines(List.of())).toList();
      }
    };

    LifecycleViolation violation = failure(builder -> builder.creditNotes(withoutLines),
        ONE_LINE_TWICE);

    assertThat(violation.step()).isEqualTo(6);
    assertThat(violation.violations()).singleElement().isEqualTo("credited more of a line than"
        + " invoiced: the credit notes of tenant-a-1 credit 2 of line 1, which invoiced 1");
  }

  @Test
  void aLedgerThatBooksACreditNotesExcessShortBreaksOnlyTheAllocation() {
    AccountCredits shortBooking = new ForwardingAccountCredits(ports.accountCredits()) {
      @Override
      public AccountCreditEntry append(AccountCreditEntry entry) {
        if (entry.kind() != AccountCreditEntry.Kind.CREDIT_NOTE) {
          return super.append(entry);
        }
        AccountCreditEntry cent = AccountCreditEntry.of(entry.id(), entry.tenant(),
                entry.account(), entry.kind(), entry.amount().minusMinor(1), entry.date())
            .withCreditNote(entry.creditNoteId().orElseThrow());
        return super.append(cent);
      }
    };

    LifecycleViolation violation = failure(builder -> builder.accountCredits(shortBooking),
        CREDIT_KEPT);

    assertThat(violation.step()).isEqualTo(5);
    assertThat(violation.violations()).singleElement().satisfies(v -> assertThat(v)
        .startsWith("allocation of credit note ")
        .endsWith(" keeps EUR 20.65 as account credit, but the ledger holds EUR 20.64 for it"));
  }

  @Test
  void aLedgerWhoseBalanceForgetsRefundsBreaksOnlyBalanceEqualsItsLedgersSum() {
    AccountCredits forgetful = new ForwardingAccountCredits(ports.accountCredits()) {
      @Override
      public Money balance(TenantId tenant, AccountId account, CurrencyUnit currency) {
        Money balance = Money.zero(currency);
        for (AccountCreditEntry entry : entries(tenant, account, currency)) {
          if (entry.kind() != AccountCreditEntry.Kind.REFUNDED) {
            balance = balance.plus(entry.signedAmount());
          }
        }
        return balance;
      }
    };

    LifecycleViolation violation = catchThrowableOfType(LifecycleViolation.class,
        () -> LifecycleChecker.on(target(ports, builder -> builder.accountCredits(forgetful),
            forgetful)).run(TENANT, CREDIT_REFUNDED));

    assertThat(violation.step()).isEqualTo(4);
    assertThat(violation.violations()).singleElement().isEqualTo("account-credit balance of"
        + " acme in EUR is EUR 20.65, but its ledger's entries add up to EUR 10.32");
  }

  @Test
  void aLedgerWithoutItsGuardBreaksOnlyNeverBelowZero() {
    ListLedger unguarded = new ListLedger() {
      @Override
      protected boolean refuses(AccountCreditEntry entry, Money balance) {
        return false;
      }
    };

    LifecycleViolation violation = catchThrowableOfType(LifecycleViolation.class,
        () -> LifecycleChecker.on(target(ports, builder -> builder.accountCredits(unguarded),
            unguarded)).run(TENANT, REFUND_OF_TOO_MUCH));

    assertThat(violation.step()).isEqualTo(4);
    assertThat(violation.violations()).containsExactly(
        "account-credit ledger of acme in EUR goes below zero at entry 2: EUR -0.02",
        "account-credit ledger of acme in EUR: entry 2 says the balance after it is EUR 0.00,"
            + " but the entries up to it add up to EUR -0.02");
  }

  @Test
  void numberingThatSkipsCreditNoteNumbersBreaksOnlyTheirGaplessSeries() {
    InvoiceNumbering skipping = series -> series.key().startsWith("CN")
        ? 2 * ports.numbering().next(series) - 1 : ports.numbering().next(series);

    LifecycleViolation violation = failure(builder -> builder.numbering(skipping), TWO_NOTES);

    assertThat(violation.step()).isEqualTo(6);
    assertThat(violation.violations()).singleElement()
        .isEqualTo("credit-note series CN-2026- is not gapless from 1: [1, 3]");
  }

  @Test
  void notificationsThatDropAccountCreditEventsBreakOnlyOneEventPerStateChange() {
    InvoiceEvents dropping = new InvoiceEvents() {
      @Override
      public void publish(InvoiceEvent event) {
        ports.events().publish(event);
      }

      @Override
      public void publish(CreditEvent event) {
        if (event.type() != CreditEventType.ACCOUNT_CREDITED) {
          ports.events().publish(event);
        }
      }
    };

    LifecycleViolation violation = failure(builder -> builder.events(dropping), OVERPAID);

    assertThat(violation.step()).isEqualTo(3);
    assertThat(violation.violations()).containsExactly(
        "one credit event per state change: Overpay[target=0, fraction=2] published {} where"
            + " it changed what publishes {ACCOUNT_CREDITED=1}",
        "entry 1 of the ledger of acme has 0 events");
  }

  @Test
  void aLedgerThatTouchesAnEntryWhenItRefusesBreaksOnlyRefusedChangesNothing() {
    // Refusing, it notes the attempt on the account's last entry instead of storing nothing.
    ListLedger noting = new ListLedger() {
      @Override
      protected boolean refuses(AccountCreditEntry entry, Money balance) {
        List<AccountCreditEntry> entries =
            entries(entry.tenant(), entry.account(), entry.currency());
        AccountCreditEntry last = entries.get(entries.size() - 1);
        rewrite(last, last.withReason("refused " + entry.amount()));
        return true;
      }
    };

    LifecycleViolation violation = catchThrowableOfType(LifecycleViolation.class,
        () -> LifecycleChecker.on(target(ports, builder -> builder.accountCredits(noting),
            noting)).run(TENANT, REFUSED_REFUND));

    assertThat(violation.step()).isEqualTo(4);
    assertThat(violation.violations()).containsExactly("the refused command changed the"
        + " tenant's invoices, credit notes, account-credit ledgers or events");
  }

  private LifecycleViolation failure(UnaryOperator<InvoiceServiceBuilder> breakage,
      List<LifecycleCommand> commands) {
    LifecycleChecker checker =
        LifecycleChecker.on(target(ports, breakage, ports.accountCredits()));
    return catchThrowableOfType(LifecycleViolation.class, () -> checker.run(TENANT, commands));
  }

  /**
   * The in-memory target with one port replaced by a broken one; the checker reads the healthy
   * ports, except the ledger it is given (a ledger fake is all the ledger there is).
   */
  private static LifecycleTarget target(InMemoryPorts ports,
      UnaryOperator<InvoiceServiceBuilder> breakage, AccountCredits ledger) {
    LifecycleTarget healthy = LifecycleTarget.inMemory(ports);
    return new LifecycleTarget() {
      @Override
      public InvoiceServiceBuilder configure(InvoiceServiceBuilder builder) {
        return breakage.apply(healthy.configure(builder).accountCredits(ledger));
      }

      @Override
      public Invoices invoices() {
        return healthy.invoices();
      }

      @Override
      public List<InvoiceEvent> events(TenantId tenant) {
        return healthy.events(tenant);
      }

      @Override
      public CreditNotes creditNotes() {
        return healthy.creditNotes();
      }

      @Override
      public AccountCredits accountCredits() {
        return ledger;
      }

      @Override
      public List<CreditEvent> creditEvents(TenantId tenant) {
        return healthy.creditEvents(tenant);
      }
    };
  }
}
