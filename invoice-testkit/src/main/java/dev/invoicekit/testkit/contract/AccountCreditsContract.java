package dev.invoicekit.testkit.contract;

import static dev.invoicekit.credit.AccountCreditEntry.Kind.APPLIED;
import static dev.invoicekit.credit.AccountCreditEntry.Kind.CREDIT_NOTE;
import static dev.invoicekit.credit.AccountCreditEntry.Kind.OVERPAYMENT;
import static dev.invoicekit.credit.AccountCreditEntry.Kind.REFUNDED;
import static dev.invoicekit.testkit.contract.SampleCreditNotes.entry;
import static dev.invoicekit.testkit.contract.SampleInvoices.OTHER_TENANT;
import static dev.invoicekit.testkit.contract.SampleInvoices.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.invoicekit.credit.AccountCreditEntry;
import dev.invoicekit.credit.AccountCreditEntryId;
import dev.invoicekit.credit.CreditNoteId;
import dev.invoicekit.credit.InsufficientAccountCreditException;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.ports.AccountCredits;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.ports.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the {@link AccountCredits} ledger port must do: the contract that
 * the in-memory ledger and the JDBC adapter on H2, PostgreSQL and MariaDB pass.
 *
 * <p>A host runs it against its own ledger by extending this class in its test sources and
 * implementing {@link #newLedger()}:
 *
 * <pre>{@code
 * class MyAccountCreditsContractTest extends AccountCreditsContract {
 *   @Override
 *   protected Ledger newLedger() {
 *     MyTransactions transactions = new MyTransactions(freshDatabase());
 *     return new Ledger(new MyAccountCredits(transactions), transactions);
 *   }
 * }
 * }</pre>
 *
 * <p>The tests cover the sequence of an account's entries (1, 2, 3, ... across its currencies),
 * the balance after each per currency, the guard that never lets a balance go below zero (also
 * when many threads take credit at once), entries found by id, unique entry ids, tenant isolation
 * and rollback. They write entries of the tenants {@link SampleInvoices#TENANT} and
 * {@link SampleInvoices#OTHER_TENANT}.
 *
 * <p>Not thread-safe itself: JUnit makes one instance per test.
 */
public abstract class AccountCreditsContract {

  /**
   * A ledger under test and the transactions it takes part in.
   *
   * @param credits the ledger, empty, not null
   * @param transactions the transactions its appends commit or roll back in, not null
   */
  protected record Ledger(AccountCredits credits, Transactions transactions) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException if either is null
     */
    public Ledger {
      Objects.requireNonNull(credits, "credits");
      Objects.requireNonNull(transactions, "transactions");
    }
  }

  /** For subclasses. */
  protected AccountCreditsContract() {}

  /**
   * A new, empty ledger and its transactions; called before every test. May abort the test with
   * JUnit's {@code Assumptions} when the implementation cannot run here, saying why.
   *
   * @return the ledger under test, not null
   */
  protected abstract Ledger newLedger();

  /**
   * Whether the ledger may be used from several threads at once; the concurrency tests are
   * skipped when not. True unless overridden: the port asks for thread-safe implementations.
   *
   * @return true to run the concurrency tests
   */
  protected boolean supportsConcurrency() {
    return true;
  }

  private static final CurrencyUnit EUR = CurrencyUnit.EUR;
  private static final CurrencyUnit USD = CurrencyUnit.USD;
  private static final AccountId ACME = AccountId.of("acme");

  private AccountCredits credits;
  private Transactions transactions;

  @BeforeEach
  void freshLedger() {
    Ledger ledger = newLedger();
    credits = ledger.credits();
    transactions = ledger.transactions();
  }

  // ---- sequence and balances -------------------------------------------------------------------

  @Test
  void anAccountWithoutEntriesHasAZeroBalanceAndNoEntries() {
    assertThat(credits.balance(TENANT, ACME, EUR)).isEqualTo(Money.zero(EUR));
    assertThat(credits.entries(TENANT, ACME, EUR)).isEmpty();
    assertThat(credits.findEntry(TENANT, AccountCreditEntryId.of("e-1"))).isEmpty();
  }

  @Test
  void entriesAreNumberedOneTwoThreePerAccountAcrossCurrenciesWithEachCurrencysBalanceAfter() {
    AccountCreditEntry first = credits.append(entry(TENANT, "e-1", "acme", OVERPAYMENT,
        "EUR 100.00"));
    AccountCreditEntry second = credits.append(entry(TENANT, "e-2", "acme", CREDIT_NOTE,
        "USD 50.00"));
    AccountCreditEntry third = credits.append(entry(TENANT, "e-3", "acme", APPLIED,
        "EUR 30.00"));
    AccountCreditEntry fourth = credits.append(entry(TENANT, "e-4", "acme", REFUNDED,
        "USD 50.00"));
    AccountCreditEntry otherAccount = credits.append(entry(TENANT, "e-5", "globex", OVERPAYMENT,
        "EUR 1.00"));

    assertThat(List.of(first, second, third, fourth)).extracting(AccountCreditEntry::sequence)
        .containsExactly(1L, 2L, 3L, 4L);
    assertThat(List.of(first, second, third, fourth)).extracting(AccountCreditEntry::balanceAfter)
        .containsExactly(Money.parse("EUR 100.00"), Money.parse("USD 50.00"),
            Money.parse("EUR 70.00"), Money.parse("USD 0.00"));
    assertThat(otherAccount.sequence()).as("another account counts on its own").isEqualTo(1);
    assertThat(credits.entries(TENANT, ACME, EUR)).containsExactly(first, third);
    assertThat(credits.entries(TENANT, ACME, USD)).containsExactly(second, fourth);
    assertThat(credits.balance(TENANT, ACME, EUR)).isEqualTo(Money.parse("EUR 70.00"));
    assertThat(credits.balance(TENANT, ACME, USD)).isEqualTo(Money.zero(USD));
    assertThat(credits.balance(TENANT, AccountId.of("globex"), EUR))
        .isEqualTo(Money.parse("EUR 1.00"));
  }

  @Test
  void anEntryIsStoredWithEveryFieldAndFoundByItsId() {
    AccountCreditEntry given = entry(TENANT, "e-1", "acme", CREDIT_NOTE, "EUR 12.34")
        .withInvoice(InvoiceId.of("inv-1"))
        .withCreditNote(CreditNoteId.of("cn-1"));
    AccountCreditEntry refund = entry(TENANT, "e-2", "acme", REFUNDED, "EUR 2.34")
        .withReason("Paid back by bank transfer; ticket #42 'urgent' \u00e9\u00e8 \ud83d\ude00");

    AccountCreditEntry stored = credits.append(given);
    AccountCreditEntry refunded = credits.append(refund);

    assertThat(stored).isEqualTo(given.stored(1, Money.parse("EUR 12.34")));
    assertThat(refunded).isEqualTo(refund.stored(2, Money.parse("EUR 10.00")));
    assertThat(credits.findEntry(TENANT, given.id())).contains(stored);
    assertThat(credits.findEntry(TENANT, refund.id())).contains(refunded);
    assertThat(credits.findEntry(OTHER_TENANT, given.id())).isEmpty();
  }

  @Test
  void aReasonOfTheLongestLengthInEmojiAndRightToLeftTextIsStoredWhole() {
    credits.append(entry(TENANT, "e-1", "acme", OVERPAYMENT, "EUR 5.00"));

    AccountCreditEntry refund = credits.append(entry(TENANT, "e-2", "acme", REFUNDED, "EUR 5.00")
        .withReason(SampleCreditNotes.longestReason()));

    assertThat(credits.findEntry(TENANT, refund.id())).contains(refund);
    assertThat(refund.reason()).contains(SampleCreditNotes.longestReason());
  }

  @Test
  void aYenAndADinarBalanceKeepTheirCurrencysDecimals() {
    AccountCreditEntry yen = credits.append(entry(TENANT, "e-1", "acme", OVERPAYMENT,
        "JPY 1500"));
    AccountCreditEntry dinar = credits.append(entry(TENANT, "e-2", "acme", OVERPAYMENT,
        "BHD 1.234"));

    assertThat(credits.findEntry(TENANT, yen.id())).contains(yen);
    assertThat(credits.findEntry(TENANT, dinar.id())).contains(dinar);
    assertThat(credits.balance(TENANT, ACME, CurrencyUnit.of("JPY")))
        .isEqualTo(Money.parse("JPY 1500"));
    assertThat(credits.balance(TENANT, ACME, CurrencyUnit.of("BHD")))
        .isEqualTo(Money.parse("BHD 1.234"));
  }

  // ---- the guard -------------------------------------------------------------------------------

  @Test
  void takingMoreThanTheBalanceIsRefusedNamingTheBalanceAndStoresNothing() {
    AccountCreditEntry credited = credits.append(entry(TENANT, "e-1", "acme", OVERPAYMENT,
        "EUR 20.00"));

    InsufficientAccountCreditException applied = catchThrowableOfType(
        InsufficientAccountCreditException.class,
        () -> credits.append(entry(TENANT, "e-2", "acme", APPLIED, "EUR 20.01")));
    InsufficientAccountCreditException refunded = catchThrowableOfType(
        InsufficientAccountCreditException.class,
        () -> credits.append(entry(TENANT, "e-3", "acme", REFUNDED, "USD 1.00")));
    InsufficientAccountCreditException nothing = catchThrowableOfType(
        InsufficientAccountCreditException.class,
        () -> credits.append(entry(TENANT, "e-4", "nobody", APPLIED, "EUR 0.01")));

    assertThat(applied.account()).isEqualTo(ACME);
    assertThat(applied.balance()).isEqualTo(Money.parse("EUR 20.00"));
    assertThat(applied.requested()).isEqualTo(Money.parse("EUR 20.01"));
    assertThat(applied).hasMessageContaining("apply").hasMessageContaining("EUR 20.00");
    assertThat(refunded.balance()).isEqualTo(Money.zero(USD));
    assertThat(refunded).hasMessageContaining("refund");
    assertThat(nothing.balance()).isEqualTo(Money.zero(EUR));
    assertThat(credits.entries(TENANT, ACME, EUR)).containsExactly(credited);
    assertThat(credits.entries(TENANT, ACME, USD)).isEmpty();
    assertThat(credits.findEntry(TENANT, AccountCreditEntryId.of("e-2"))).isEmpty();
    assertThat(credits.balance(TENANT, ACME, EUR)).isEqualTo(Money.parse("EUR 20.00"));
    assertThat(credits.balance(TENANT, AccountId.of("nobody"), EUR)).isEqualTo(Money.zero(EUR));
    // A refusal uses no number: the next entry is the second.
    assertThat(credits.append(entry(TENANT, "e-5", "acme", APPLIED, "EUR 20.00")))
        .isEqualTo(entry(TENANT, "e-5", "acme", APPLIED, "EUR 20.00")
            .stored(2, Money.parse("EUR 0.00")));
  }

  @Test
  void manyThreadsTakingCreditAtOnceNeverOverdrawTheBalanceAndLoseNoEntry() throws Exception {
    Assumptions.assumeTrue(supportsConcurrency(), "the ledger is not used concurrently");
    credits.append(entry(TENANT, "start", "acme", OVERPAYMENT, "EUR 50.00"));
    int threads = 8;
    int attemptsPerThread = 4;
    AtomicInteger ids = new AtomicInteger();

    List<Integer> takenPerThread = Concurrently.run(threads, () -> {
      int taken = 0;
      for (int i = 0; i < attemptsPerThread; i++) {
        String id = "take-" + ids.incrementAndGet();
        AccountCreditEntry.Kind kind = i % 2 == 0 ? APPLIED : REFUNDED;
        try {
          Concurrently.retrying(() -> credits.append(
              entry(TENANT, id, "acme", kind, "EUR 10.00")));
          taken++;
        } catch (InsufficientAccountCreditException refused) {
          assertThat(refused.balance().isLessThan(Money.parse("EUR 10.00")))
              .as("refused with %s left", refused.balance()).isTrue();
        }
      }
      return taken;
    });

    int taken = takenPerThread.stream().mapToInt(Integer::intValue).sum();
    assertThat(taken).as("takes of 10.00 from 50.00").isEqualTo(5);
    assertThat(credits.balance(TENANT, ACME, EUR)).isEqualTo(Money.zero(EUR));
    assertLedgerAddsUp(credits.entries(TENANT, ACME, EUR), 1 + taken);
  }

  @Test
  void manyThreadsAddingAndTakingOnANewAccountInTwoCurrenciesKeepOneGaplessSequence()
      throws Exception {
    Assumptions.assumeTrue(supportsConcurrency(), "the ledger is not used concurrently");
    int threads = 6;
    AtomicInteger ids = new AtomicInteger();

    Concurrently.run(threads, () -> {
      for (int i = 0; i < 3; i++) {
        String currency = (ids.get() % 2 == 0) ? "EUR" : "USD";
        String id = "e-" + ids.incrementAndGet();
        Concurrently.retrying(() -> credits.append(
            entry(TENANT, id, "fresh", OVERPAYMENT, currency + " 5.00")));
        try {
          String take = "t-" + ids.incrementAndGet();
          Concurrently.retrying(() -> credits.append(
              entry(TENANT, take, "fresh", APPLIED, currency + " 3.00")));
        } catch (InsufficientAccountCreditException refused) {
          // Another thread took this currency's credit first: the guard held.
        }
      }
      return null;
    });

    List<AccountCreditEntry> euros = credits.entries(TENANT, AccountId.of("fresh"), EUR);
    List<AccountCreditEntry> dollars = credits.entries(TENANT, AccountId.of("fresh"), USD);
    List<Long> sequences = new ArrayList<>();
    euros.forEach(e -> sequences.add(e.sequence()));
    dollars.forEach(e -> sequences.add(e.sequence()));
    sequences.sort(Long::compare);
    List<Long> expected = new ArrayList<>();
    for (long n = 1; n <= sequences.size(); n++) {
      expected.add(n);
    }
    assertThat(sequences).as("one sequence across both currencies").isEqualTo(expected);
    assertLedgerAddsUp(euros, euros.size());
    assertLedgerAddsUp(dollars, dollars.size());
    assertThat(euros.size() + dollars.size()).isGreaterThanOrEqualTo(threads * 3);
  }

  /** The entries in sequence order, each balance after the running sum, never below zero. */
  private void assertLedgerAddsUp(List<AccountCreditEntry> entries, int expectedCount) {
    assertThat(entries).hasSize(expectedCount);
    Money running = null;
    long previous = 0;
    for (AccountCreditEntry entry : entries) {
      running = running == null ? entry.signedAmount() : running.plus(entry.signedAmount());
      assertThat(entry.sequence()).as("entry %s", entry.id()).isGreaterThan(previous);
      assertThat(entry.balanceAfter()).as("balance after %s", entry.id()).isEqualTo(running);
      assertThat(running.isNegative()).as("balance after %s", entry.id()).isFalse();
      previous = entry.sequence();
    }
    if (running != null) {
      assertThat(credits.balance(entries.get(0).tenant(), entries.get(0).account(),
          running.getCurrencyUnit())).isEqualTo(running);
    }
  }

  // ---- ids and tenants -------------------------------------------------------------------------

  @Test
  void aTakenEntryIdIsRefusedAndChangesNothing() {
    AccountCreditEntry first = credits.append(entry(TENANT, "e-1", "acme", OVERPAYMENT,
        "EUR 5.00"));

    assertThatThrownBy(() -> credits.append(entry(TENANT, "e-1", "acme", OVERPAYMENT,
        "EUR 7.00")))
        .isInstanceOf(InvoicePersistenceException.class)
        .hasMessageContaining("e-1");

    assertThat(credits.entries(TENANT, ACME, EUR)).containsExactly(first);
    assertThat(credits.balance(TENANT, ACME, EUR)).isEqualTo(Money.parse("EUR 5.00"));
  }

  @Test
  void theSameAccountAndEntryIdsInAnotherTenantAreAnotherLedger() {
    AccountCreditEntry ours = credits.append(entry(TENANT, "e-1", "acme", OVERPAYMENT,
        "EUR 5.00"));

    assertThatThrownBy(() -> credits.append(entry(OTHER_TENANT, "e-2", "acme", APPLIED,
        "EUR 1.00")))
        .isInstanceOf(InsufficientAccountCreditException.class);
    AccountCreditEntry theirs = credits.append(entry(OTHER_TENANT, "e-1", "acme", OVERPAYMENT,
        "EUR 9.00"));

    assertThat(theirs.sequence()).isEqualTo(1);
    assertThat(theirs.balanceAfter()).isEqualTo(Money.parse("EUR 9.00"));
    assertThat(credits.findEntry(TENANT, ours.id())).contains(ours);
    assertThat(credits.findEntry(OTHER_TENANT, theirs.id())).contains(theirs);
    assertThat(credits.entries(TENANT, ACME, EUR)).containsExactly(ours);
    assertThat(credits.entries(OTHER_TENANT, ACME, EUR)).containsExactly(theirs);
    assertThat(credits.balance(TENANT, ACME, EUR)).isEqualTo(Money.parse("EUR 5.00"));
  }

  // ---- transactions ----------------------------------------------------------------------------

  @Test
  void appendsInATransactionThatThenThrowsLeaveNothingAndTheirNumbersAreUsedAgain() {
    credits.append(entry(TENANT, "e-1", "acme", OVERPAYMENT, "EUR 5.00"));

    assertThatThrownBy(() -> transactions.inTransaction(() -> {
      credits.append(entry(TENANT, "e-2", "acme", OVERPAYMENT, "EUR 1.00"));
      credits.append(entry(TENANT, "e-3", "acme", APPLIED, "EUR 6.00"));
      throw new IllegalStateException("the command failed after the appends");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(credits.entries(TENANT, ACME, EUR)).hasSize(1);
    assertThat(credits.balance(TENANT, ACME, EUR)).isEqualTo(Money.parse("EUR 5.00"));
    assertThat(credits.findEntry(TENANT, AccountCreditEntryId.of("e-2"))).isEmpty();
    AccountCreditEntry next = credits.append(entry(TENANT, "e-2", "acme", APPLIED, "EUR 5.00"));
    assertThat(next.sequence()).isEqualTo(2);
    assertThat(next.balanceAfter()).isEqualTo(Money.zero(EUR));
  }

  @Test
  void appendsInOneTransactionSeeEachOthersBalance() {
    List<AccountCreditEntry> stored = transactions.inTransaction(() -> List.of(
        credits.append(entry(TENANT, "e-1", "acme", OVERPAYMENT, "EUR 5.00")),
        credits.append(entry(TENANT, "e-2", "acme", APPLIED, "EUR 5.00"))));

    assertThat(stored).extracting(AccountCreditEntry::balanceAfter)
        .containsExactly(Money.parse("EUR 5.00"), Money.zero(EUR));
    assertThat(credits.entries(TENANT, ACME, EUR)).isEqualTo(stored);
  }
}
