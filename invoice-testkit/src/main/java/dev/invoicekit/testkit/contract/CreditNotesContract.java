package dev.invoicekit.testkit.contract;

import static dev.invoicekit.testkit.contract.SampleInvoices.OTHER_TENANT;
import static dev.invoicekit.testkit.contract.SampleInvoices.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.invoicekit.credit.CreditNote;
import dev.invoicekit.credit.CreditNoteId;
import dev.invoicekit.credit.CreditNoteLifecycle;
import dev.invoicekit.credit.CreditNoteStatus;
import dev.invoicekit.credit.CreditedLine;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.ports.CreditNotes;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.ports.Invoices;
import dev.invoicekit.ports.StaleCreditNoteException;
import dev.invoicekit.ports.Transactions;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.joda.money.Money;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the {@link CreditNotes} port must do: the repository contract that
 * the in-memory repository and the JDBC adapter on H2, PostgreSQL and MariaDB pass.
 *
 * <p>A host runs it against its own repository by extending this class in its test sources and
 * implementing {@link #newRepository()}:
 *
 * <pre>{@code
 * class MyCreditNotesContractTest extends CreditNotesContract {
 *   @Override
 *   protected Repository newRepository() {
 *     MyTransactions transactions = new MyTransactions(freshDatabase());
 *     return new Repository(new MyCreditNotes(transactions), new MyInvoices(transactions),
 *         transactions);
 *   }
 * }
 * }</pre>
 *
 * <p>The tests cover saving and loading each kind of note (line quantities, an amount per tax
 * group, the whole invoice) with every field, issuing and cancelling, optimistic versions,
 * concurrent writers, unique ids and numbers per tenant, the notes of an invoice in id order,
 * tenant isolation and rollback. Every note credits an invoice the test stored first in the
 * invoice repository given with it (a repository may require that), in the tenants
 * {@link SampleInvoices#TENANT} and {@link SampleInvoices#OTHER_TENANT}.
 *
 * <p>Not thread-safe itself: JUnit makes one instance per test.
 */
public abstract class CreditNotesContract {

  /**
   * A credit-note repository under test, the invoice repository that holds the credited invoices,
   * and the transactions both take part in.
   *
   * @param notes the credit-note repository, empty, not null
   * @param invoices where the credited invoices are stored, empty, not null
   * @param transactions the transactions the writes commit or roll back in, not null
   */
  protected record Repository(CreditNotes notes, Invoices invoices, Transactions transactions) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException if one is null
     */
    public Repository {
      Objects.requireNonNull(notes, "notes");
      Objects.requireNonNull(invoices, "invoices");
      Objects.requireNonNull(transactions, "transactions");
    }
  }

  /** For subclasses. */
  protected CreditNotesContract() {}

  /**
   * A new, empty repository with its invoice repository and transactions; called before every
   * test. May abort the test with JUnit's {@code Assumptions} when the implementation cannot run
   * here, saying why.
   *
   * @return the repository under test, not null
   */
  protected abstract Repository newRepository();

  /**
   * Whether the repository may be used from several threads at once; the concurrency test is
   * skipped when not. True unless overridden: the port asks for thread-safe implementations.
   *
   * @return true to run the concurrency test
   */
  protected boolean supportsConcurrency() {
    return true;
  }

  private CreditNotes notes;
  private Invoices invoices;
  private Transactions transactions;

  @BeforeEach
  void freshRepository() {
    Repository repository = newRepository();
    notes = repository.notes();
    invoices = repository.invoices();
    transactions = repository.transactions();
  }

  /** A sent two-line invoice, stored. */
  private Invoice storedInvoice(TenantId tenant, String id, String number) {
    return invoices.save(SampleCreditNotes.creditable(tenant, id, number));
  }

  private Invoice storedInvoice(String id) {
    return storedInvoice(TENANT, id, "INV-" + id);
  }

  // ---- save and load ---------------------------------------------------------------------------

  @Test
  void aDraftCreditingALinesQuantityIsStoredAtVersionOneAndLoadsBackEqual() {
    Invoice invoice = storedInvoice("inv-1");
    CreditNote draft = SampleCreditNotes.lineDraft(invoice, "cn-1", 2, "1.5");

    CreditNote saved = notes.save(draft);

    assertThat(saved).isEqualTo(draft.withVersion(1));
    CreditNote loaded = notes.findById(TENANT, draft.id()).orElseThrow();
    assertThat(loaded).isEqualTo(saved);
    assertThat(loaded.creditedLines()).containsExactly(new CreditedLine(2, new BigDecimal("1.5")));
    assertThat(loaded.content().lines()).isEqualTo(draft.content().lines());
    assertThat(loaded.totals()).isEqualTo(draft.totals());
    assertThat(loaded.number()).isEmpty();
    assertThat(loaded.allocation()).isEmpty();
  }

  @Test
  void aDraftCreditingAnAmountInATaxGroupLoadsBackEqual() {
    Invoice invoice = storedInvoice("inv-1");
    CreditNote draft = SampleCreditNotes.amountDraft(invoice, "cn-1", "10.00");

    notes.save(draft);

    CreditNote loaded = notes.findById(TENANT, draft.id()).orElseThrow();
    assertThat(loaded).isEqualTo(draft.withVersion(1));
    assertThat(loaded.kind()).isEqualTo(CreditNote.Kind.AMOUNTS);
    assertThat(loaded.creditedLines()).isEmpty();
    assertThat(loaded.total()).isEqualTo(Money.parse("EUR 11.90"));
  }

  @Test
  void aDraftCreditingAWholeInvoiceUsingEveryFieldLoadsBackEqual() {
    // Allowances and charges on lines and the document, a discount, a return line, sub-cent
    // prices, a per-line rounding policy with cash rounding: all in the credit note's content.
    Invoice rich = invoices.save(SampleInvoices.richEur(TENANT, "rich"));
    CreditNote draft = SampleCreditNotes.wholeDraft(rich, "cn-whole");

    notes.save(draft);

    CreditNote loaded = notes.findById(TENANT, draft.id()).orElseThrow();
    assertThat(loaded).isEqualTo(draft.withVersion(1));
    assertThat(loaded.content()).isEqualTo(draft.content());
    assertThat(loaded.total()).isEqualTo(rich.totals().total());
  }

  @Test
  void aYenInvoiceCreditedAsAWholeLoadsBackEqual() {
    Invoice jpy = invoices.save(SampleInvoices.richJpy(TENANT, "rich-jpy"));
    CreditNote draft = SampleCreditNotes.wholeDraft(jpy, "cn-jpy");

    notes.save(draft);

    assertThat(notes.findById(TENANT, draft.id())).contains(draft.withVersion(1));
  }

  @Test
  void aReasonOfTheLongestLengthInEmojiAndRightToLeftTextLoadsBackWhole() {
    Invoice invoice = storedInvoice("inv-1");
    CreditNote draft = SampleCreditNotes.amountDraft(invoice, "cn-1", "1.00")
        .withReason(SampleCreditNotes.longestReason());

    notes.save(draft);

    assertThat(notes.findById(TENANT, draft.id()).orElseThrow().reason())
        .isEqualTo(SampleCreditNotes.longestReason());
  }

  @Test
  void anIssuedNoteIsStoredWithItsNumberDateAndAllocationAtTheNextVersion() {
    Invoice invoice = storedInvoice("inv-1");
    CreditNote draft = notes.save(SampleCreditNotes.lineDraft(invoice, "cn-1", 1, "2"));
    CreditNote issued = SampleCreditNotes.issued(draft, invoice, "CN-2026-00001");

    CreditNote saved = notes.save(issued);

    assertThat(saved.version()).isEqualTo(2);
    assertThat(saved).isEqualTo(issued.withVersion(2));
    CreditNote loaded = notes.findById(TENANT, draft.id()).orElseThrow();
    assertThat(loaded).isEqualTo(saved);
    assertThat(loaded.status()).isEqualTo(CreditNoteStatus.ISSUED);
    assertThat(loaded.number()).contains(InvoiceNumber.of("CN-2026-00001"));
    assertThat(loaded.allocation()).isEqualTo(issued.allocation());
    assertThat(loaded.allocation().orElseThrow().total()).isEqualTo(loaded.total());
    assertThat(loaded.content()).isEqualTo(draft.content());
  }

  @Test
  void aCancelledDraftKeepsItsContentAndHasNoNumber() {
    Invoice invoice = storedInvoice("inv-1");
    CreditNote draft = notes.save(SampleCreditNotes.amountDraft(invoice, "cn-1", "5.00"));

    CreditNote cancelled = notes.save(CreditNoteLifecycle.cancel(draft));

    assertThat(notes.findById(TENANT, draft.id())).contains(cancelled);
    assertThat(cancelled.status()).isEqualTo(CreditNoteStatus.CANCELLED);
    assertThat(cancelled.content()).isEqualTo(draft.content());
    assertThat(cancelled.number()).isEmpty();
  }

  @Test
  void aDraftSavedAgainWithOtherLinesHasOnlyItsNewLines() {
    Invoice invoice = storedInvoice("inv-1");
    CreditNote first = notes.save(SampleCreditNotes.lineDraft(invoice, "cn-1", 1, "3"));
    CreditNote other = SampleCreditNotes.lineDraft(invoice, "cn-1", 2, "1");

    CreditNote saved = notes.save(other.withVersion(first.version()));

    CreditNote loaded = notes.findById(TENANT, first.id()).orElseThrow();
    assertThat(loaded).isEqualTo(saved);
    assertThat(loaded.creditedLines()).containsExactly(new CreditedLine(2, BigDecimal.ONE));
    assertThat(loaded.content().lines()).hasSize(1);
  }

  @Test
  void anUnknownIdFindsNothing() {
    Invoice invoice = storedInvoice("inv-1");
    notes.save(SampleCreditNotes.lineDraft(invoice, "cn-1", 1, "1"));

    assertThat(notes.findById(TENANT, CreditNoteId.of("cn-2"))).isEmpty();
    assertThat(notes.findByInvoice(TENANT, InvoiceId.of("inv-2"))).isEmpty();
  }

  // ---- versions --------------------------------------------------------------------------------

  @Test
  void aWriteWithAVersionNoLongerStoredIsStaleAndChangesNothing() {
    Invoice invoice = storedInvoice("inv-1");
    CreditNote v1 = notes.save(SampleCreditNotes.lineDraft(invoice, "cn-1", 1, "1"));
    CreditNote v2 = notes.save(SampleCreditNotes.issued(v1, invoice, "CN-1"));

    StaleCreditNoteException stale = catchThrowableOfType(StaleCreditNoteException.class,
        () -> notes.save(CreditNoteLifecycle.cancel(v1)));

    assertThat(stale.creditNoteId()).isEqualTo(v1.id());
    assertThat(stale.isRetryable()).isTrue();
    assertThat(stale).hasMessageContaining("version 1").hasMessageContaining("version 2");
    assertThat(notes.findById(TENANT, v1.id())).contains(v2);
  }

  @Test
  void aWriteOfANoteThatWasNeverStoredIsStale() {
    Invoice invoice = storedInvoice("inv-1");
    CreditNote neverSaved = SampleCreditNotes.lineDraft(invoice, "cn-1", 1, "1").withVersion(3);

    StaleCreditNoteException stale = catchThrowableOfType(StaleCreditNoteException.class,
        () -> notes.save(neverSaved));

    assertThat(stale.creditNoteId()).isEqualTo(neverSaved.id());
    assertThat(stale).hasMessageContaining("absent");
    assertThat(notes.findById(TENANT, neverSaved.id())).isEmpty();
  }

  @Test
  void twoWritersSavingTheSameVersionAtOnceNeverBothSucceed() throws Exception {
    Assumptions.assumeTrue(supportsConcurrency(), "the repository is not used concurrently");
    Invoice invoice = storedInvoice("inv-1");
    for (int round = 0; round < 10; round++) {
      CreditNote read = notes.save(SampleCreditNotes.lineDraft(invoice, "race-" + round, 1, "1"));
      List<Callable<Optional<CreditNote>>> saves = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        CreditNote mine = w == 0 ? CreditNoteLifecycle.cancel(read)
            : SampleCreditNotes.issued(read, invoice, "CN-" + round + "-" + w);
        saves.add(() -> {
          try {
            return Optional.of(notes.save(mine));
          } catch (StaleCreditNoteException e) {
            return Optional.empty();
          } catch (InvoicePersistenceException e) {
            // A writer that lost the race may also meet the winner's row lock as a conflict.
            assertThat(e.isRetryable()).as(e.getMessage()).isTrue();
            return Optional.empty();
          }
        });
      }
      List<CreditNote> winners = new ArrayList<>();
      for (Optional<CreditNote> result : Concurrently.each(saves, Duration.ofSeconds(30))) {
        result.ifPresent(winners::add);
      }

      assertThat(winners).as("writers that saved version 1 in round %d", round).hasSize(1);
      assertThat(notes.findById(TENANT, read.id())).contains(winners.get(0));
    }
  }

  // ---- uniqueness ------------------------------------------------------------------------------

  @Test
  void aNewNoteUnderATakenIdIsRefusedAndChangesNothing() {
    Invoice invoice = storedInvoice("inv-1");
    CreditNote first = notes.save(SampleCreditNotes.lineDraft(invoice, "cn-1", 1, "1"));

    assertThatThrownBy(() -> notes.save(SampleCreditNotes.amountDraft(invoice, "cn-1", "1.00")))
        .isInstanceOf(InvoicePersistenceException.class)
        .hasMessageContaining("cn-1");

    assertThat(notes.findById(TENANT, first.id())).contains(first);
  }

  @Test
  void aNumberIsUniqueAmongTheTenantsCreditNotesButFreeInAnotherTenant() {
    Invoice invoice = storedInvoice("inv-1");
    CreditNote first = notes.save(SampleCreditNotes.issued(
        notes.save(SampleCreditNotes.lineDraft(invoice, "cn-1", 1, "1")), invoice, "CN-7"));
    CreditNote second = notes.save(SampleCreditNotes.lineDraft(invoice, "cn-2", 1, "1"));

    assertThatThrownBy(() -> notes.save(SampleCreditNotes.issued(second, invoice, "CN-7")))
        .isInstanceOf(InvoicePersistenceException.class)
        .hasMessageContaining("CN-7");
    Invoice theirs = storedInvoice(OTHER_TENANT, "inv-1", "INV-inv-1");
    CreditNote elsewhere = notes.save(SampleCreditNotes.issued(
        notes.save(SampleCreditNotes.lineDraft(theirs, "cn-1", 1, "1")), theirs, "CN-7"));

    assertThat(notes.findById(TENANT, first.id())).contains(first);
    assertThat(notes.findById(TENANT, second.id())).contains(second);
    assertThat(notes.findById(OTHER_TENANT, elsewhere.id())).contains(elsewhere);
    assertThat(elsewhere.number()).isEqualTo(first.number());
  }

  // ---- the notes of an invoice -----------------------------------------------------------------

  @Test
  void theNotesOfAnInvoiceAreEveryStatusInIdOrderAndOnlyItsOwn() {
    Invoice invoice = storedInvoice("inv-1");
    Invoice other = storedInvoice("inv-2");
    CreditNote b = notes.save(SampleCreditNotes.lineDraft(invoice, "cn-b", 1, "1"));
    CreditNote c = notes.save(CreditNoteLifecycle.cancel(
        notes.save(SampleCreditNotes.amountDraft(invoice, "cn-c", "2.00"))));
    CreditNote a = notes.save(SampleCreditNotes.issued(
        notes.save(SampleCreditNotes.lineDraft(invoice, "cn-a", 2, "1")), invoice, "CN-1"));
    CreditNote elsewhere = notes.save(SampleCreditNotes.wholeDraft(other, "cn-0"));

    assertThat(notes.findByInvoice(TENANT, invoice.id())).containsExactly(a, b, c);
    assertThat(notes.findByInvoice(TENANT, other.id())).containsExactly(elsewhere);
  }

  // ---- tenants ---------------------------------------------------------------------------------

  @Test
  void theSameIdsInAnotherTenantAreAnotherNoteAndNeverSeenAcross() {
    Invoice ours = storedInvoice("inv-1");
    CreditNote mine = notes.save(SampleCreditNotes.lineDraft(ours, "cn-1", 1, "1"));
    assertThat(notes.findById(OTHER_TENANT, mine.id())).isEmpty();
    assertThat(notes.findByInvoice(OTHER_TENANT, ours.id())).isEmpty();
    assertThatThrownBy(() -> notes.save(mine.withTenant(OTHER_TENANT)))
        .as("an update of a note the other tenant does not have")
        .isInstanceOf(StaleCreditNoteException.class);

    Invoice theirs = storedInvoice(OTHER_TENANT, "inv-1", "INV-inv-1");
    CreditNote their = notes.save(SampleCreditNotes.amountDraft(theirs, "cn-1", "3.00"));

    assertThat(notes.findById(TENANT, mine.id())).contains(mine);
    assertThat(notes.findById(OTHER_TENANT, their.id())).contains(their);
    assertThat(notes.findByInvoice(TENANT, ours.id())).containsExactly(mine);
    assertThat(notes.findByInvoice(OTHER_TENANT, theirs.id())).containsExactly(their);
  }

  // ---- transactions ----------------------------------------------------------------------------

  @Test
  void aSaveInATransactionThatThenThrowsLeavesNothing() {
    Invoice invoice = storedInvoice("inv-1");
    CreditNote draft = SampleCreditNotes.lineDraft(invoice, "cn-1", 1, "1");

    assertThatThrownBy(() -> transactions.inTransaction(() -> {
      notes.save(draft);
      throw new IllegalStateException("the command failed after the save");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(notes.findById(TENANT, draft.id())).isEmpty();
    assertThat(notes.findByInvoice(TENANT, invoice.id())).isEmpty();
    assertThat(notes.save(draft).version()).isEqualTo(1);
  }

  @Test
  void anIssueInATransactionThatThenThrowsLeavesTheDraftAndItsNumberFree() {
    Invoice invoice = storedInvoice("inv-1");
    CreditNote draft = notes.save(SampleCreditNotes.lineDraft(invoice, "cn-1", 1, "1"));

    assertThatThrownBy(() -> transactions.inTransaction(() -> {
      notes.save(SampleCreditNotes.issued(draft, invoice, "CN-1"));
      throw new IllegalStateException("rolled back");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(notes.findById(TENANT, draft.id())).contains(draft);
    CreditNote other = notes.save(SampleCreditNotes.lineDraft(invoice, "cn-2", 2, "1"));
    assertThat(notes.save(SampleCreditNotes.issued(other, invoice, "CN-1")).number())
        .contains(InvoiceNumber.of("CN-1"));
  }
}
