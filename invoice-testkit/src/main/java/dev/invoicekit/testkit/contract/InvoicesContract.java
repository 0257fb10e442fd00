package dev.invoicekit.testkit.contract;

import static dev.invoicekit.testkit.contract.SampleInvoices.OTHER_TENANT;
import static dev.invoicekit.testkit.contract.SampleInvoices.TENANT;
import static dev.invoicekit.testkit.contract.SampleInvoices.draft;
import static dev.invoicekit.testkit.contract.SampleInvoices.line;
import static dev.invoicekit.testkit.contract.SampleInvoices.payment;
import static dev.invoicekit.testkit.contract.SampleInvoices.sent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.invoice.Settlement;
import dev.invoicekit.invoice.SettlementId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.lifecycle.InvoiceLifecycle;
import dev.invoicekit.lifecycle.OverdueRule;
import dev.invoicekit.ports.DuplicateInvoiceException;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.ports.Invoices;
import dev.invoicekit.ports.MarkedOverdue;
import dev.invoicekit.ports.Page;
import dev.invoicekit.ports.PageRequest;
import dev.invoicekit.ports.PaymentsRewrittenException;
import dev.invoicekit.ports.StaleInvoiceException;
import dev.invoicekit.ports.Transactions;
import dev.invoicekit.testkit.InvoiceArbitraries;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.joda.money.Money;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the {@link Invoices} port must do: the repository contract that
 * the in-memory repository and the JDBC adapter on H2, PostgreSQL and MariaDB pass.
 *
 * <p>A host runs it against its own repository by extending this class in its test sources and
 * implementing {@link #newRepository()}; JUnit Jupiter and jqwik (both on the test class path)
 * then run every test of the contract against it:
 *
 * <pre>{@code
 * class MyInvoicesContractTest extends InvoicesContract {
 *   @Override
 *   protected Repository newRepository() {
 *     MyTransactions transactions = new MyTransactions(freshDatabase());
 *     return new Repository(new MyInvoices(transactions), transactions);
 *   }
 * }
 * }</pre>
 *
 * <p>The tests cover saving and loading every field, optimistic versions, append-only payments
 * and settlements, concurrent writers, unique ids and numbers per tenant, paging, the overdue
 * sweep (a row is marked exactly when the lifecycle says it is overdue), tenant isolation and
 * rollback.
 * They write invoices of the tenants {@link SampleInvoices#TENANT} and
 * {@link SampleInvoices#OTHER_TENANT}.
 *
 * <p>Not thread-safe itself: JUnit makes one instance per test.
 */
public abstract class InvoicesContract {

  /**
   * A repository under test and the transactions it takes part in.
   *
   * @param invoices the repository, empty, not null
   * @param transactions the transactions the repository's writes commit or roll back in, not null
   */
  protected record Repository(Invoices invoices, Transactions transactions) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException if either is null
     */
    public Repository {
      Objects.requireNonNull(invoices, "invoices");
      Objects.requireNonNull(transactions, "transactions");
    }
  }

  /** For subclasses. */
  protected InvoicesContract() {}

  /**
   * A new, empty repository and its transactions; called before every test, and once more for
   * each property (whose tries share one repository). May abort the test with JUnit's
   * {@code Assumptions} when the implementation cannot run here (say, its database is not
   * configured), saying why.
   *
   * @return the repository under test, not null
   */
  protected abstract Repository newRepository();

  /**
   * Whether the repository may be used from several threads at once; the concurrency tests are
   * skipped when not. True unless overridden: the port asks for thread-safe implementations.
   *
   * @return true to run the concurrency tests
   */
  protected boolean supportsConcurrency() {
    return true;
  }

  private Invoices invoices;
  private Transactions transactions;

  @BeforeEach
  void freshRepository() {
    Repository repository = newRepository();
    invoices = repository.invoices();
    transactions = repository.transactions();
  }

  // ---- save and load
  // -----------------------------------------------------------------------------

  @Test
  void aNewInvoiceIsStoredAtVersionOneAndLoadsBackEqual() {
    Invoice draft = draft("inv-1");

    Invoice saved = invoices.save(draft);

    assertThat(saved).isEqualTo(draft.withVersion(1));
    assertThat(invoices.findById(TENANT, draft.id())).contains(saved);
  }

  @Test
  void anInvoiceUsingEveryFieldLoadsBackEqual() {
    Invoice rich = SampleInvoices.richEur(TENANT, "rich-eur");

    Invoice saved = invoices.save(rich);

    Invoice loaded = invoices.findById(TENANT, rich.id()).orElseThrow();
    assertThat(loaded).isEqualTo(rich.withVersion(1)).isEqualTo(saved);
    assertThat(loaded.lines()).isEqualTo(rich.lines());
    assertThat(loaded.documentAllowanceCharges()).isEqualTo(rich.documentAllowanceCharges());
    assertThat(loaded.overallDiscount()).isEqualTo(rich.overallDiscount());
    assertThat(loaded.payments()).isEqualTo(rich.payments());
    assertThat(loaded.externalReferences()).isEqualTo(rich.externalReferences());
    assertThat(loaded.reviewNotes()).isEqualTo(rich.reviewNotes());
    assertThat(loaded.roundingPolicy()).isEqualTo(rich.roundingPolicy());
    assertThat(loaded.totals()).isEqualTo(rich.totals());
  }

  @Test
  void aYenInvoiceWithSubYenPricesAndGrossPricesLoadsBackEqual() {
    Invoice jpy = SampleInvoices.richJpy(TENANT, "rich-jpy");

    invoices.save(jpy);

    Invoice loaded = invoices.findById(TENANT, jpy.id()).orElseThrow();
    assertThat(loaded).isEqualTo(jpy.withVersion(1));
    assertThat(loaded.totals()).isEqualTo(jpy.totals());
  }

  @Test
  void aBahrainDinarInvoiceWithThreeDecimalsLoadsBackEqual() {
    Invoice bhd = SampleInvoices.richBhd(TENANT, "rich-bhd");

    invoices.save(bhd);

    Invoice loaded = invoices.findById(TENANT, bhd.id()).orElseThrow();
    assertThat(loaded).isEqualTo(bhd.withVersion(1));
    assertThat(loaded.totals()).isEqualTo(bhd.totals());
  }

  @Test
  void anUnknownIdOrNumberFindsNothing() {
    invoices.save(draft("inv-1"));

    assertThat(invoices.findById(TENANT, InvoiceId.of("inv-2"))).isEmpty();
    assertThat(invoices.findByNumber(TENANT, InvoiceNumber.of("INV-1"))).isEmpty();
  }

  @Property(tries = 200)
  void anyGeneratedInvoiceSavedAndLoadedBackEqualsTheOriginal(
      @ForAll("generatedInvoices") Invoice generated) {
    Invoices repository = propertyRepository();
    // Tries share one repository, so each gets an id and (if it has one) a number of its own.
    int attempt = propertyTries.incrementAndGet();
    Invoice original = generated
        .withId(InvoiceId.of("gen-" + attempt))
        .withNumber(generated.number().map(n -> InvoiceNumber.of(n.value() + "-" + attempt)))
        .withTenant(TENANT);

    Invoice saved = repository.save(original);

    assertThat(saved).isEqualTo(original.withVersion(1));
    assertThat(repository.findById(TENANT, original.id())).contains(saved);
  }

  @Provide
  net.jqwik.api.Arbitrary<Invoice> generatedInvoices() {
    return InvoiceArbitraries.invoices();
  }

  private Invoices propertyRepository;
  private final AtomicInteger propertyTries = new AtomicInteger();

  /** One repository for all tries of a property (jqwik makes one test instance per property). */
  private Invoices propertyRepository() {
    if (propertyRepository == null) {
      propertyRepository = newRepository().invoices();
    }
    return propertyRepository;
  }

  // ---- versions
  // ----------------------------------------------------------------------------------

  @Test
  void anUpdateWithTheVersionReadIsStoredAtTheNextVersion() {
    invoices.save(draft("inv-1"));
    Invoice read = invoices.findById(TENANT, InvoiceId.of("inv-1")).orElseThrow();

    Invoice edited = read
        .withLines(line("Workshop", "2", "EUR 800.00"), line("Travel", "1", "EUR 123.45"))
        .withNotes("Updated");
    Invoice saved = invoices.save(edited);

    assertThat(saved.version()).isEqualTo(2);
    assertThat(saved).isEqualTo(edited.withVersion(2));
    assertThat(invoices.findById(TENANT, read.id())).contains(saved);

    Invoice shorter = invoices.save(saved.withLines(line("Workshop", "1", "EUR 800.00")));
    assertThat(shorter.version()).isEqualTo(3);
    assertThat(invoices.findById(TENANT, read.id()).orElseThrow().lines())
        .containsExactly(line("Workshop", "1", "EUR 800.00"));
  }

  @Test
  void paymentsAddedToASentInvoiceAreStoredWithEachVersion() {
    Invoice sent = invoices.save(sent(TENANT, "inv-1", "INV-1"));

    Invoice paidOnce = invoices.save(sent
        .withPayments(payment("pay-1", "10.00"))
        .withStatus(InvoiceStatus.PARTIALLY_PAID));
    Invoice paidTwice = invoices.save(paidOnce
        .withPayments(payment("pay-1", "10.00"), payment("pay-2", "20.00")));

    Invoice loaded = invoices.findById(TENANT, sent.id()).orElseThrow();
    assertThat(loaded).isEqualTo(paidTwice);
    assertThat(loaded.version()).isEqualTo(3);
    assertThat(loaded.payments()).extracting(Payment::id)
        .containsExactly(PaymentId.of("pay-1"), PaymentId.of("pay-2"));
    assertThat(loaded.totals().amountPaid()).isEqualTo(Money.parse("EUR 30.00"));
  }

  @Test
  void aSaveThatDropsChangesOrReordersAStoredPaymentIsRefusedAndChangesNothing() {
    Invoice stored = invoices.save(sent(TENANT, "inv-1", "INV-1")
        .withPayments(payment("pay-1", "10.00"), payment("pay-2", "20.00"))
        .withStatus(InvoiceStatus.PARTIALLY_PAID));

    PaymentsRewrittenException dropped = catchThrowableOfType(PaymentsRewrittenException.class,
        () -> invoices.save(stored.withPayments(payment("pay-1", "10.00"))));
    PaymentsRewrittenException changed = catchThrowableOfType(PaymentsRewrittenException.class,
        () -> invoices.save(stored.withPayments(payment("pay-1", "11.00"),
            payment("pay-2", "20.00"), payment("pay-3", "1.00"))));
    PaymentsRewrittenException reordered = catchThrowableOfType(
        PaymentsRewrittenException.class, () -> transactions.inTransaction(() -> invoices.save(
            stored.withPayments(payment("pay-2", "20.00"), payment("pay-1", "10.00")))));

    assertThat(dropped.invoiceId()).isEqualTo(stored.id());
    assertThat(dropped.position()).isEqualTo(2);
    assertThat(dropped.storedPayment()).isEqualTo(PaymentId.of("pay-2"));
    assertThat(dropped.givenPayment()).isEmpty();
    assertThat(dropped).hasMessage("Cannot save invoice INV-1: it is PARTIALLY_PAID and stored"
        + " payment pay-2 (number 2) is missing from it; payments are never removed or changed,"
        + " record a refund instead");
    assertThat(changed.position()).isEqualTo(1);
    assertThat(changed.givenPayment()).contains(PaymentId.of("pay-1"));
    assertThat(changed).hasMessageContaining("stored payment pay-1 (number 1) is changed in it");
    assertThat(reordered.position()).isEqualTo(1);
    assertThat(reordered.storedPayment()).isEqualTo(PaymentId.of("pay-1"));
    assertThat(reordered.givenPayment()).contains(PaymentId.of("pay-2"));
    assertThat(invoices.findById(TENANT, stored.id())).contains(stored);
    // Still at the version it was: the next honest save is the next version.
    assertThat(invoices.save(stored.withPayments(payment("pay-1", "10.00"),
        payment("pay-2", "20.00"), payment("pay-3", "30.00"))).version()).isEqualTo(2);
  }

  @Test
  void aWriteWithAVersionNoLongerStoredIsStaleAndChangesNothing() {
    Invoice v1 = invoices.save(draft("inv-1"));
    Invoice v2 = invoices.save(v1.withNotes("first writer"));

    StaleInvoiceException stale = catchThrowableOfType(StaleInvoiceException.class,
        () -> invoices.save(v1.withNotes("second writer").withLines(line("X", "1", "EUR 1.00"))));

    assertThat(stale.invoiceId()).isEqualTo(v1.id());
    assertThat(stale.expectedVersion()).isEqualTo(1);
    assertThat(stale.actualVersion()).isEqualTo(2);
    assertThat(stale.isRetryable()).isTrue();
    assertThat(invoices.findById(TENANT, v1.id())).contains(v2);
  }

  @Test
  void aWriteOfAnInvoiceThatWasNeverStoredIsStale() {
    Invoice neverSaved = draft("inv-1").withVersion(3);

    StaleInvoiceException stale = catchThrowableOfType(StaleInvoiceException.class,
        () -> invoices.save(neverSaved));

    assertThat(stale.expectedVersion()).isEqualTo(3);
    assertThat(stale.actualVersion()).isEqualTo(-1);
    assertThat(invoices.findById(TENANT, neverSaved.id())).isEmpty();
  }

  @Test
  void twoWritersSavingTheSameVersionAtOnceNeverBothSucceed() throws Exception {
    Assumptions.assumeTrue(supportsConcurrency(), "the repository is not used concurrently");
    int rounds = 15;
    int writers = 3;
    for (int round = 0; round < rounds; round++) {
      Invoice read = invoices.save(draft("race-" + round));
      List<Callable<Optional<Invoice>>> saves = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        Invoice mine = read.withNotes("writer " + w)
            .withLines(line("Line of writer " + w, Integer.toString(w + 1), "EUR 1.00"));
        saves.add(() -> {
          try {
            return Optional.of(invoices.save(mine));
          } catch (StaleInvoiceException e) {
            assertThat(e.expectedVersion()).isEqualTo(1);
            assertThat(e.actualVersion()).isEqualTo(2);
            return Optional.empty();
          }
        });
      }
      List<Invoice> winners = new ArrayList<>();
      for (Optional<Invoice> result : Concurrently.each(saves, Duration.ofSeconds(30))) {
        result.ifPresent(winners::add);
      }

      assertThat(winners).as("writers that saved version 1 in round %d", round).hasSize(1);
      assertThat(invoices.findById(TENANT, read.id())).contains(winners.get(0));
    }
  }

  // ---- settlements ------------------------------------------------------------------------------

  /** Credited, then account credit applied, then written off: three settlements, in order. */
  private Invoice storedWithThreeSettlements(String id, String number) {
    LocalDate day = SampleInvoices.INVOICE_DATE.plusDays(5);
    Invoice sent = invoices.save(sent(TENANT, id, number));
    Invoice credited = invoices.save(InvoiceLifecycle.credit(sent, Money.parse("EUR 20.00"),
        "cn-of-" + id, day).invoice());
    Invoice applied = invoices.save(InvoiceLifecycle.applyAccountCredit(credited,
        Money.parse("EUR 8.75"), "entry-of-" + id, day.plusDays(1)).invoice());
    return invoices.save(InvoiceLifecycle.writeOff(applied, SettlementId.of("wo-of-" + id),
        "The customer is insolvent; 'court case' #7 \u00e9 \ud83d\ude00", day.plusDays(2))
        .invoice());
  }

  @Test
  void settlementsAddedToASentInvoiceAreStoredWithEachVersionAndLoadBackInOrder() {
    Invoice written = storedWithThreeSettlements("inv-1", "INV-1");

    Invoice loaded = invoices.findById(TENANT, written.id()).orElseThrow();
    assertThat(loaded).isEqualTo(written);
    assertThat(loaded.version()).isEqualTo(4);
    assertThat(loaded.status()).isEqualTo(InvoiceStatus.UNCOLLECTIBLE);
    assertThat(loaded.settlements()).extracting(Settlement::kind).containsExactly(
        Settlement.Kind.CREDIT_NOTE, Settlement.Kind.ACCOUNT_CREDIT, Settlement.Kind.WRITE_OFF);
    assertThat(loaded.totals().amountCredited()).isEqualTo(Money.parse("EUR 20.00"));
    assertThat(loaded.totals().amountWrittenOff()).isEqualTo(Money.parse("EUR 120.00"));
    assertThat(loaded.totals().amountDue()).isEqualTo(Money.zero(loaded.currency()));
    assertThat(invoices.findByNumber(TENANT, InvoiceNumber.of("INV-1"))).contains(written);
  }

  @Test
  void aWriteOffReasonOfTheLongestLengthLoadsBackWhole() {
    Invoice sent = invoices.save(sent(TENANT, "inv-1", "INV-1"));

    Invoice written = invoices.save(InvoiceLifecycle.writeOff(sent, SettlementId.of("wo-1"),
        SampleCreditNotes.longestReason(), SampleInvoices.INVOICE_DATE.plusDays(60)).invoice());

    assertThat(invoices.findById(TENANT, sent.id())).contains(written);
    assertThat(written.settlements().get(0).reason()).contains(SampleCreditNotes.longestReason());
  }

  @Test
  void pagesOfInvoicesCarryTheSettlementsOfTheInvoicesThatHaveAny() {
    Invoice written = storedWithThreeSettlements("inv-1", "INV-1");
    Invoice plain = invoices.save(sent(TENANT, "inv-2", "INV-2"));
    Invoice alsoWritten = storedWithThreeSettlements("inv-3", "INV-3");

    assertThat(walk(request -> invoices.findByAccount(TENANT, written.account(), request), 2))
        .containsExactly(written, plain, alsoWritten);
    assertThat(walk(request ->
            invoices.findByStatus(TENANT, InvoiceStatus.UNCOLLECTIBLE, request), 5))
        .containsExactly(written, alsoWritten);
  }

  @Test
  void aPaymentAfterAWriteOffAppendsTheReversalAndLoadsBackEqual() {
    Invoice written = storedWithThreeSettlements("inv-1", "INV-1");

    Invoice paid = invoices.save(InvoiceLifecycle.recordPayment(written,
        payment("pay-1", "50.00"), SampleInvoices.INVOICE_DATE.plusDays(40)).invoice());

    Invoice loaded = invoices.findById(TENANT, written.id()).orElseThrow();
    assertThat(loaded).isEqualTo(paid);
    assertThat(loaded.settlements()).hasSize(4)
        .last().extracting(Settlement::kind).isEqualTo(Settlement.Kind.WRITE_OFF_REVERSAL);
    assertThat(loaded.status()).isIn(InvoiceStatus.PARTIALLY_PAID, InvoiceStatus.OVERDUE);
  }

  @Test
  void aSaveThatDropsChangesOrReordersAStoredSettlementIsRefusedAndChangesNothing() {
    Invoice stored = storedWithThreeSettlements("inv-1", "INV-1");
    List<Settlement> kept = stored.settlements();
    Settlement changed = kept.get(1).withAmount(Money.parse("EUR 8.76"));

    List<List<Settlement>> rewritten = List.of(
        List.of(kept.get(0), kept.get(1)),
        List.of(),
        List.of(kept.get(0), changed, kept.get(2)),
        List.of(kept.get(1), kept.get(0), kept.get(2)),
        List.of(kept.get(0), kept.get(2), kept.get(1), kept.get(1).withId(SettlementId.of("x"))));
    for (List<Settlement> settlements : rewritten) {
      assertThatThrownBy(() -> invoices.save(stored.withSettlements(settlements)))
          .as("a save with settlements %s", settlements)
          .isInstanceOf(InvoicePersistenceException.class)
          .hasMessageContaining("settlements");
      assertThatThrownBy(() -> transactions.inTransaction(
          () -> invoices.save(stored.withSettlements(settlements))))
          .isInstanceOf(InvoicePersistenceException.class);
    }

    assertThat(invoices.findById(TENANT, stored.id())).contains(stored);
    // Still at the version it was: the next honest save is the next version.
    assertThat(invoices.save(stored.withNotes("after the refusals")).version()).isEqualTo(5);
  }

  @Test
  void aNewInvoiceWithSettlementsIsStoredWithThemAndTheyStayAppendOnly() {
    Invoice imported = storedWithThreeSettlements("source", "INV-SRC")
        .withId(InvoiceId.of("inv-2")).withNumber(InvoiceNumber.of("INV-2")).withVersion(0);

    Invoice saved = invoices.save(imported);

    assertThat(invoices.findById(TENANT, imported.id())).contains(saved);
    assertThat(saved.settlements()).hasSize(3);
    assertThatThrownBy(() -> invoices.save(saved.withSettlements(saved.settlements().get(0))))
        .isInstanceOf(InvoicePersistenceException.class);
  }

  // ---- uniqueness
  // ----------------------------------------------------------------------------------

  @Test
  void aNewInvoiceUnderATakenIdIsADuplicateAndChangesNothing() {
    Invoice first = invoices.save(draft("inv-1"));

    assertThatThrownBy(() -> invoices.save(draft("inv-1").withNotes("another")))
        .isInstanceOf(DuplicateInvoiceException.class)
        .hasMessageContaining("inv-1")
        .satisfies(e -> assertThat(((DuplicateInvoiceException) e).invoiceId())
            .contains(first.id()));

    assertThat(invoices.findById(TENANT, first.id())).contains(first);
  }

  @Test
  void twoInvoicesWithOneNumberInOneTenantAreDuplicates() {
    Invoice first = invoices.save(sent(TENANT, "inv-1", "INV-2026-00001"));

    assertThatThrownBy(() -> invoices.save(sent(TENANT, "inv-2", "INV-2026-00001")))
        .isInstanceOf(DuplicateInvoiceException.class)
        .hasMessageContaining("INV-2026-00001")
        .satisfies(e -> {
          DuplicateInvoiceException duplicate = (DuplicateInvoiceException) e;
          assertThat(duplicate.tenant()).contains(TENANT);
          assertThat(duplicate.invoiceId()).contains(InvoiceId.of("inv-2"));
          assertThat(duplicate.number()).contains(InvoiceNumber.of("INV-2026-00001"));
        });

    assertThat(invoices.findById(TENANT, InvoiceId.of("inv-2"))).isEmpty();
    assertThat(invoices.findByNumber(TENANT, InvoiceNumber.of("INV-2026-00001")))
        .contains(first);
  }

  @Test
  void numberingAnExistingDraftWithATakenNumberIsADuplicateAndChangesNothing() {
    invoices.save(sent(TENANT, "inv-1", "INV-2026-00001"));
    Invoice draft = invoices.save(draft("inv-2"));

    assertThatThrownBy(() -> invoices.save(draft
            .withNumber(InvoiceNumber.of("INV-2026-00001"))
            .withStatus(InvoiceStatus.SENT)))
        .isInstanceOf(DuplicateInvoiceException.class)
        .hasMessageContaining("INV-2026-00001");

    assertThat(invoices.findById(TENANT, draft.id())).contains(draft);
  }

  @Test
  void oneNumberInTwoTenantsIsFine() {
    Invoice ours = invoices.save(sent(TENANT, "inv-1", "INV-2026-00001"));
    Invoice theirs = invoices.save(sent(OTHER_TENANT, "inv-1", "INV-2026-00001"));

    assertThat(invoices.findByNumber(TENANT, InvoiceNumber.of("INV-2026-00001")))
        .contains(ours);
    assertThat(invoices.findByNumber(OTHER_TENANT, InvoiceNumber.of("INV-2026-00001")))
        .contains(theirs);
  }

  @Test
  void manyDraftsWithoutANumberCanBeStored() {
    invoices.save(draft("inv-1"));
    invoices.save(draft("inv-2"));

    assertThat(invoices.findById(TENANT, InvoiceId.of("inv-2"))).isPresent();
  }

  @Test
  void findByNumberFindsTheInvoiceOfThatNumber() {
    invoices.save(sent(TENANT, "inv-1", "INV-2026-00001"));
    Invoice second = invoices.save(sent(TENANT, "inv-2", "INV-2026-00002"));

    assertThat(invoices.findByNumber(TENANT, InvoiceNumber.of("INV-2026-00002")))
        .contains(second);
  }

  // ---- queries
  // -------------------------------------------------------------------------------------

  @Test
  void pagingByAccountWalksEveryInvoiceOnceInIdOrder() {
    Random random = new Random(42);
    List<Invoice> acme = new ArrayList<>();
    for (String id : shuffledIds(random, 23)) {
      boolean ours = random.nextInt(3) > 0;
      Invoice invoice = draft(id).withAccount(AccountId.of(ours ? "acme" : "globex"));
      Invoice saved = invoices.save(invoice);
      if (ours) {
        acme.add(saved);
      }
      invoices.save(draft(OTHER_TENANT, id).withAccount(AccountId.of("acme")));
    }
    acme.sort(Comparator.comparing(i -> i.id().value()));

    for (int size : new int[] {1, 2, 3, 5, 7, Math.max(1, acme.size() - 1), acme.size(), 1000}) {
      assertThat(walk(request -> invoices.findByAccount(TENANT, AccountId.of("acme"), request),
          size))
          .as("pages of %d", size)
          .containsExactlyElementsOf(acme);
    }
  }

  @Test
  void pagingByStatusWalksEveryInvoiceOnceInIdOrder() {
    Random random = new Random(7);
    Map<InvoiceStatus, List<Invoice>> byStatus = new HashMap<>();
    int n = 0;
    for (String id : shuffledIds(random, 30)) {
      Invoice invoice = random.nextBoolean()
          ? draft(id)
          : sent(TENANT, id, "INV-" + n++);
      Invoice saved = invoices.save(invoice);
      byStatus.computeIfAbsent(saved.status(), s -> new ArrayList<>()).add(saved);
      invoices.save(sent(OTHER_TENANT, id, "INV-" + id));
    }
    byStatus.values().forEach(list -> list.sort(Comparator.comparing(i -> i.id().value())));

    for (InvoiceStatus status : List.of(InvoiceStatus.DRAFT, InvoiceStatus.SENT)) {
      for (int size : new int[] {1, 2, 4, 9, 1000}) {
        assertThat(walk(request -> invoices.findByStatus(TENANT, status, request), size))
            .as("%s in pages of %d", status, size)
            .containsExactlyElementsOf(byStatus.get(status));
      }
    }
    assertThat(invoices.findByStatus(TENANT, InvoiceStatus.PAID, PageRequest.first(10)))
        .isEqualTo(new Page<Invoice>(List.of(), Optional.empty()));
  }

  @Test
  void aFullLastPageStillEndsTheWalk() {
    invoices.save(draft("inv-1"));
    invoices.save(draft("inv-2"));

    Page<Invoice> first = invoices.findByAccount(TENANT, AccountId.of("acme"),
        PageRequest.first(2));

    assertThat(first.items()).hasSize(2);
    assertThat(first.nextKey()).isEmpty();
  }

  @Test
  void theOverdueSweepFindsOnlySentOrPartiallyPaidInvoicesPastDueWithABalance() {
    LocalDate today = SampleInvoices.INVOICE_DATE.plusDays(31); // net 30: due the day before
    Invoice dueSent = invoices.save(sent(TENANT, "due-sent", "INV-1"));
    Invoice duePartly = invoices.save(sent(TENANT, "due-partly", "INV-2")
        .withPayments(payment("p-1", "10.00")).withStatus(InvoiceStatus.PARTIALLY_PAID));
    invoices.save(sent(TENANT, "not-yet-due", "INV-3")
        .withInvoiceDate(SampleInvoices.INVOICE_DATE.plusDays(1)));
    invoices.save(sent(TENANT, "due-today", "INV-4")
        .withPaymentTerms(Optional.empty()).withDueDate(today));
    invoices.save(draft("due-draft"));
    invoices.save(sent(TENANT, "due-overdue", "INV-5").withStatus(InvoiceStatus.OVERDUE));
    invoices.save(sent(TENANT, "due-paid", "INV-6")
        .withPayments(payment("p-2", "148.75")).withStatus(InvoiceStatus.PAID));
    invoices.save(sent(TENANT, "due-cancelled", "INV-7").withStatus(InvoiceStatus.CANCELLED));
    invoices.save(sent(TENANT, "due-void", "INV-8").withStatus(InvoiceStatus.VOID));
    invoices.save(sent(TENANT, "due-no-date", "INV-9").withPaymentTerms(Optional.empty()));
    invoices.save(sent(TENANT, "due-nothing-left", "INV-10")
        .withPayments(payment("p-3", "148.75")));
    invoices.save(sent(OTHER_TENANT, "due-elsewhere", "INV-1"));

    assertThat(transactions.inTransaction(() -> invoices.markOverdue(TENANT,
        InvoiceLifecycle.overdueRule(SampleInvoices.INVOICE_DATE.plusDays(30)), 100)))
        .as("the day they fall due")
        .isEmpty();
    List<MarkedOverdue> first = transactions.inTransaction(
        () -> invoices.markOverdue(TENANT, InvoiceLifecycle.overdueRule(today), 1));
    List<MarkedOverdue> rest = transactions.inTransaction(
        () -> invoices.markOverdue(TENANT, InvoiceLifecycle.overdueRule(today), 100));
    assertThat(first).hasSize(1);
    List<InvoiceId> marked = new ArrayList<>();
    first.forEach(invoice -> marked.add(invoice.id()));
    rest.forEach(invoice -> marked.add(invoice.id()));
    assertThat(marked).containsExactlyInAnyOrder(duePartly.id(), dueSent.id());
  }

  @Test
  void aRowIsMarkedOverdueExactlyWhenTheLifecycleSaysItIsOverdueAsOfThatDate() {
    LocalDate asOf = SampleInvoices.INVOICE_DATE.plusDays(40);
    Map<String, Optional<LocalDate>> dueDates = new LinkedHashMap<>();
    dueDates.put("before", Optional.of(asOf.minusDays(1)));
    dueDates.put("on", Optional.of(asOf));
    dueDates.put("after", Optional.of(asOf.plusDays(1)));
    dueDates.put("none", Optional.empty());
    // 148.75 EUR due unless paid; a return line makes the balance a credit.
    Map<String, UnaryOperator<Invoice>> balances = new LinkedHashMap<>();
    balances.put("unpaid", invoice -> invoice);
    balances.put("partly", invoice -> invoice.withPayments(payment("p-1", "10.00")));
    balances.put("settled", invoice -> invoice.withPayments(payment("p-1", "148.75")));
    balances.put("credit", invoice -> invoice.withLines(line("Return", "-1", "EUR 50.00")));
    List<Invoice> stored = new ArrayList<>();
    int n = 0;
    for (InvoiceStatus status : InvoiceStatus.values()) {
      for (Map.Entry<String, Optional<LocalDate>> due : dueDates.entrySet()) {
        for (Map.Entry<String, UnaryOperator<Invoice>> balance : balances.entrySet()) {
          String id = status + "-due-" + due.getKey() + "-" + balance.getKey();
          Invoice invoice = balance.getValue().apply(sent(TENANT, id, "INV-" + ++n)
              .withStatus(status).withPaymentTerms(Optional.empty()).withDueDate(due.getValue()));
          stored.add(invoices.save(invoice));
        }
      }
    }
    assertThat(stored).extracting(invoice -> invoice.totals().amountDue().getAmount().signum())
        .as("balances zero, positive and negative").contains(-1, 0, 1);

    // Small batches, so several calls each claim some.
    OverdueRule rule = InvoiceLifecycle.overdueRule(asOf);
    List<MarkedOverdue> moved = new ArrayList<>();
    for (int call = 0; call < 100; call++) {
      List<MarkedOverdue> batch =
          transactions.inTransaction(() -> invoices.markOverdue(TENANT, rule, 3));
      moved.addAll(batch);
      if (batch.size() < 3) {
        break;
      }
    }

    List<MarkedOverdue> expected = new ArrayList<>();
    for (Invoice before : stored) {
      InvoiceStatus asOfDate = InvoiceLifecycle.statusAsOf(before, asOf);
      Invoice now = invoices.findById(TENANT, before.id()).orElseThrow();
      if (asOfDate != before.status()) {
        assertThat(now).as(before.id() + " is overdue as of " + asOf)
            .isEqualTo(before.withStatus(InvoiceStatus.OVERDUE).withVersion(2));
        expected.add(MarkedOverdue.of(now));
      } else {
        assertThat(now).as(before.id() + " is " + asOfDate + " as of " + asOf).isEqualTo(before);
      }
    }
    assertThat(expected).as("rows the lifecycle calls overdue").hasSize(4);
    assertThat(moved).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void theOverdueWriteMovesExactlyTheCandidatesToOverdueAtTheirNextVersion() {
    LocalDate today = SampleInvoices.INVOICE_DATE.plusDays(31);
    Invoice dueSent = invoices.save(sent(TENANT, "due-sent", "INV-1"));
    Invoice duePartly = invoices.save(sent(TENANT, "due-partly", "INV-2")
        .withPayments(payment("p-1", "10.00")).withStatus(InvoiceStatus.PARTIALLY_PAID));
    Invoice notYetDue = invoices.save(sent(TENANT, "not-yet-due", "INV-3")
        .withInvoiceDate(SampleInvoices.INVOICE_DATE.plusDays(1)));
    Invoice settled = invoices.save(sent(TENANT, "due-nothing-left", "INV-4")
        .withPayments(payment("p-2", "148.75")));
    Invoice draft = invoices.save(draft("due-draft"));
    Invoice elsewhere = invoices.save(sent(OTHER_TENANT, "due-elsewhere", "INV-1"));

    List<MarkedOverdue> moved = transactions.inTransaction(
        () -> invoices.markOverdue(TENANT, InvoiceLifecycle.overdueRule(today), 100));

    List<Invoice> expected = List.of(
        duePartly.withStatus(InvoiceStatus.OVERDUE).withVersion(2),
        dueSent.withStatus(InvoiceStatus.OVERDUE).withVersion(2));
    // In any order, each exactly once, with the values of the invoice as now stored.
    assertThat(moved).containsExactlyInAnyOrderElementsOf(
        expected.stream().map(MarkedOverdue::of).toList());
    for (Invoice invoice : expected) {
      assertThat(invoices.findById(TENANT, invoice.id())).contains(invoice);
    }
    for (Invoice untouched : List.of(notYetDue, settled, draft)) {
      assertThat(invoices.findById(TENANT, untouched.id())).contains(untouched);
    }
    assertThat(invoices.findById(OTHER_TENANT, elsewhere.id())).contains(elsewhere);
    assertThat(transactions.inTransaction(
        () -> invoices.markOverdue(TENANT, InvoiceLifecycle.overdueRule(today), 100)))
        .as("a second sweep the same day")
        .isEmpty();
  }

  @Test
  void overdueWritesOfAFewAtATimeReachEveryCandidatePastInvoicesWithNothingDue() {
    LocalDate today = SampleInvoices.INVOICE_DATE.plusDays(31);
    for (int i = 0; i < 5; i++) {
      // Sent, past due, but nothing left to pay, and first in id order.
      invoices.save(sent(TENANT, "a-settled-" + i, "INV-A" + i)
          .withPayments(payment("p-" + i, "148.75")));
    }
    List<InvoiceId> candidates = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      candidates.add(invoices.save(sent(TENANT, "z-due-" + i, "INV-Z" + i)).id());
    }

    List<InvoiceId> moved = new ArrayList<>();
    for (int call = 0; call < 10; call++) {
      List<MarkedOverdue> batch = transactions.inTransaction(
          () -> invoices.markOverdue(TENANT, InvoiceLifecycle.overdueRule(today), 2));
      assertThat(batch).hasSizeLessThanOrEqualTo(2);
      batch.forEach(invoice -> moved.add(invoice.id()));
      if (batch.size() < 2) {
        break;
      }
    }

    // The port promises no order, only that every candidate is moved exactly once.
    assertThat(moved).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(candidates);
    for (InvoiceId id : candidates) {
      assertThat(invoices.findById(TENANT, id).orElseThrow().status())
          .isEqualTo(InvoiceStatus.OVERDUE);
    }
  }

  // ---- tenants
  // -------------------------------------------------------------------------------------

  @Test
  void randomCrossTenantReadsAndWritesNeverSeeOrChangeAnotherTenantsInvoice() {
    Random random = new Random(2026);
    Map<TenantId, Map<InvoiceId, Invoice>> stored = new HashMap<>();
    for (TenantId tenant : List.of(TENANT, OTHER_TENANT)) {
      Map<InvoiceId, Invoice> own = new HashMap<>();
      for (int i = 0; i < 8; i++) {
        String id = (i < 4 ? "shared-" : tenant.value() + "-") + i;
        Invoice invoice = sent(tenant, id, "INV-" + i)
            .withAccount(AccountId.of("account-of-" + tenant.value()));
        own.put(invoice.id(), invoices.save(invoice));
      }
      stored.put(tenant, own);
    }

    for (int step = 0; step < 200; step++) {
      TenantId tenant = random.nextBoolean() ? TENANT : OTHER_TENANT;
      TenantId other = tenant.equals(TENANT) ? OTHER_TENANT : TENANT;
      List<Invoice> own = new ArrayList<>(stored.get(tenant).values());
      own.sort(Comparator.comparing(i -> i.id().value()));
      Invoice target = own.get(random.nextInt(own.size()));
      switch (random.nextInt(5)) {
        case 0 -> assertThat(invoices.findById(other, target.id()))
            .isEqualTo(Optional.ofNullable(stored.get(other).get(target.id())));
        case 1 -> assertThat(invoices.findByNumber(other, target.number().orElseThrow()))
            .hasValueSatisfying(found -> assertThat(found.tenant()).isEqualTo(other));
        case 2 -> assertThat(walk(request ->
                invoices.findByAccount(other, target.account(), request), 3))
            .allSatisfy(found -> assertThat(found.tenant()).isEqualTo(other));
        case 3 -> {
          // The same invoice claiming the other tenant: it can only ever be the other tenant's
          // row with that id, written at that row's version, or nothing.
          Invoice intruder = target.withTenant(other).withNotes("written across tenants");
          Invoice theirs = stored.get(other).get(target.id());
          if (theirs != null && theirs.version() == intruder.version()) {
            stored.get(other).put(intruder.id(), invoices.save(intruder));
          } else {
            assertThatThrownBy(() -> invoices.save(intruder))
                .isInstanceOf(StaleInvoiceException.class);
          }
        }
        default -> {
          Invoice saved = invoices.save(target.withNotes("step " + step));
          stored.get(tenant).put(saved.id(), saved);
        }
      }
    }

    for (TenantId tenant : List.of(TENANT, OTHER_TENANT)) {
      for (Invoice expected : stored.get(tenant).values()) {
        assertThat(invoices.findById(tenant, expected.id())).contains(expected);
      }
      assertThat(walk(request -> invoices.findByStatus(tenant, InvoiceStatus.SENT, request), 5))
          .containsExactlyInAnyOrderElementsOf(stored.get(tenant).values());
    }
  }

  @Test
  void aNewInvoiceInAnotherTenantUnderAnExistingIdDoesNotTouchTheFirst() {
    Invoice ours = invoices.save(SampleInvoices.richEur(TENANT, "inv-1"));

    Invoice theirs = invoices.save(draft(OTHER_TENANT, "inv-1"));

    assertThat(invoices.findById(TENANT, ours.id())).contains(ours);
    assertThat(invoices.findById(OTHER_TENANT, ours.id())).contains(theirs);
  }

  // ---- transactions
  // ------------------------------------------------------------------------------

  @Test
  void aSaveInATransactionThatThenThrowsLeavesNothing() {
    Invoice rich = SampleInvoices.richEur(TENANT, "inv-1");

    assertThatThrownBy(() -> transactions.inTransaction(() -> {
      invoices.save(rich);
      throw new IllegalStateException("the host's work failed after the save");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(invoices.findById(TENANT, rich.id())).isEmpty();
    assertThat(invoices.findByNumber(TENANT, rich.number().orElseThrow())).isEmpty();
    // The id and number are free again.
    assertThat(invoices.save(rich).version()).isEqualTo(1);
  }

  @Test
  void anUpdateInATransactionThatThenThrowsLeavesTheVersionBefore() {
    Invoice before = invoices.save(sent(TENANT, "inv-1", "INV-1")
        .withPayments(payment("pay-1", "5.00")).withStatus(InvoiceStatus.PARTIALLY_PAID));

    assertThatThrownBy(() -> transactions.inTransaction(() -> {
      Invoice second = invoices.save(before
          .withPayments(payment("pay-1", "5.00"), payment("pay-2", "6.00")));
      invoices.save(second.withStatus(InvoiceStatus.PARTIALLY_PAID).withNotes("third"));
      throw new IllegalStateException("rolled back");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(invoices.findById(TENANT, before.id())).contains(before);
  }

  @Test
  void savesInOneTransactionAreCommittedTogether() {
    List<Invoice> saved = transactions.inTransaction(() -> List.of(
        invoices.save(draft("inv-1")),
        invoices.save(draft("inv-2"))));

    assertThat(saved).allSatisfy(invoice ->
        assertThat(invoices.findById(TENANT, invoice.id())).contains(invoice));
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** Ids in random order, in mixed case, with digits, dashes, dots and underscores. */
  private static List<String> shuffledIds(Random random, int count) {
    String alphabet = "abcXYZ019-_.";
    Set<String> unique = new LinkedHashSet<>();
    while (unique.size() < count) {
      StringBuilder id = new StringBuilder("I");
      for (int c = 0; c < 2 + random.nextInt(6); c++) {
        id.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      unique.add(id.toString());
    }
    List<String> ids = new ArrayList<>(unique);
    Collections.shuffle(ids, random);
    return ids;
  }

  /** Follows next keys from the first page to the last; fails on a page that repeats itself. */
  private static List<Invoice> walk(Function<PageRequest, Page<Invoice>> query, int pageSize) {
    List<Invoice> all = new ArrayList<>();
    Optional<PageRequest> request = Optional.of(PageRequest.first(pageSize));
    int pages = 0;
    while (request.isPresent()) {
      Page<Invoice> page = query.apply(request.get());
      assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize);
      if (page.nextKey().isPresent()) {
        assertThat(page.items()).hasSize(pageSize);
        assertThat(page.nextKey()).contains(page.items().get(pageSize - 1).id().value());
      }
      all.addAll(page.items());
      request = request.get().next(page);
      assertThat(++pages).as("pages walked").isLessThan(10_000);
    }
    return all;
  }
}
