package dev.invoicekit.service;

import dev.invoicekit.inmemory.InMemoryPorts;
import dev.invoicekit.money.RoundingPolicy;
import dev.invoicekit.numbering.NumberPattern;
import dev.invoicekit.ports.AccountCredits;
import dev.invoicekit.ports.CreditNotes;
import dev.invoicekit.ports.IdSource;
import dev.invoicekit.ports.IdempotencyKeys;
import dev.invoicekit.ports.InvoiceEvents;
import dev.invoicekit.ports.InvoiceNumbering;
import dev.invoicekit.ports.Invoices;
import dev.invoicekit.ports.Transactions;
import dev.invoicekit.tax.TaxCode;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds an {@link InvoiceService}. The ports, the clock and zone and the id source are required;
 * the rounding policy (EN 16931), number pattern ({@code INV-{yyyy}-{seq:5}}) and retry budget
 * ({@value #DEFAULT_MAX_ATTEMPTS} attempts, see {@link #maxAttempts(int)}) have defaults. The tax
 * code of opportunity lines whose product names none has no default, since any rate would be one
 * country's: set {@link #defaultTaxCode(TaxCode)} if such opportunities come in.
 *
 * <p>Not thread-safe; build the service once and share it.
 */
public final class InvoiceServiceBuilder {

  /** How many times a command is tried by default when it loses a race: {@value}. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  // Parsed once (why: docs/BENCHMARKS.md, "Why the code is shaped this way").
  private static final NumberPattern DEFAULT_PATTERN = NumberPattern.of("INV-{yyyy}-{seq:5}");
  private static final NumberPattern DEFAULT_CREDIT_NOTE_PATTERN =
      NumberPattern.of("CN-{yyyy}-{seq:5}");

  Invoices invoices;
  InvoiceNumbering numbering;
  InvoiceEvents events = InvoiceEvents.NONE;
  IdempotencyKeys idempotencyKeys;
  Transactions transactions;
  BusinessClock clock;
  IdSource ids;
  RoundingPolicy roundingPolicy = RoundingPolicy.en16931();
  NumberPattern numberPattern = DEFAULT_PATTERN;
  NumberPattern creditNotePattern = DEFAULT_CREDIT_NOTE_PATTERN;
  CreditNotes creditNotes;
  AccountCredits accountCredits;
  Optional<TaxCode> defaultTaxCode = Optional.empty();
  int maxAttempts = DEFAULT_MAX_ATTEMPTS;

  InvoiceServiceBuilder() {}

  /**
   * Takes every port from a set of in-memory ones (events included).
   *
   * @param ports the ports, not null
   * @return this builder
   */
  public InvoiceServiceBuilder inMemory(InMemoryPorts ports) {
    return invoices(ports.invoices())
        .numbering(ports.numbering())
        .events(ports.events())
        .idempotencyKeys(ports.idempotencyKeys())
        .creditNotes(ports.creditNotes())
        .accountCredits(ports.accountCredits())
        .transactions(ports.transactions());
  }

  /**
   * The repository.
   *
   * @param invoices the repository, not null
   * @return this builder
   */
  public InvoiceServiceBuilder invoices(Invoices invoices) {
    this.invoices = Objects.requireNonNull(invoices, "invoices");
    return this;
  }

  /**
   * The numbering port.
   *
   * @param numbering the counters, not null
   * @return this builder
   */
  public InvoiceServiceBuilder numbering(InvoiceNumbering numbering) {
    this.numbering = Objects.requireNonNull(numbering, "numbering");
    return this;
  }

  /**
   * The notification port; {@link InvoiceEvents#NONE} by default.
   *
   * @param events the port, not null
   * @return this builder
   */
  public InvoiceServiceBuilder events(InvoiceEvents events) {
    this.events = Objects.requireNonNull(events, "events");
    return this;
  }

  /**
   * The idempotency store.
   *
   * @param idempotencyKeys the store, not null
   * @return this builder
   */
  public InvoiceServiceBuilder idempotencyKeys(IdempotencyKeys idempotencyKeys) {
    this.idempotencyKeys = Objects.requireNonNull(idempotencyKeys, "idempotencyKeys");
    return this;
  }

  /**
   * The transactions every command runs in.
   *
   * @param transactions the transactions, not null
   * @return this builder
   */
  public InvoiceServiceBuilder transactions(Transactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    return this;
  }

  /**
   * The clock and the business's time zone, which decide "today".
   *
   * @param clock the clock, not null
   * @param zone the business's zone, not null
   * @return this builder
   */
  public InvoiceServiceBuilder clock(Clock clock, ZoneId zone) {
    this.clock = new BusinessClock(clock, zone);
    return this;
  }

  /**
   * Where new ids come from.
   *
   * @param ids the id source, not null
   * @return this builder
   */
  public InvoiceServiceBuilder ids(IdSource ids) {
    this.ids = Objects.requireNonNull(ids, "ids");
    return this;
  }

  /**
   * The repository of credit notes, needed by the credit-note commands; without it they throw an
   * {@link IllegalStateException} that says to set it.
   *
   * @param creditNotes the repository, not null
   * @return this builder
   */
  public InvoiceServiceBuilder creditNotes(CreditNotes creditNotes) {
    this.creditNotes = Objects.requireNonNull(creditNotes, "creditNotes");
    return this;
  }

  /**
   * The account-credit ledger, needed by overpayments kept as credit, credit notes whose excess is
   * kept, and applying or refunding account credit; without it those throw an
   * {@link IllegalStateException} that says to set it.
   *
   * @param accountCredits the ledger, not null
   * @return this builder
   */
  public InvoiceServiceBuilder accountCredits(AccountCredits accountCredits) {
    this.accountCredits = Objects.requireNonNull(accountCredits, "accountCredits");
    return this;
  }

  /**
   * The pattern of credit-note numbers, {@code CN-{yyyy}-{seq:5}} by default: a gapless series of
   * its own, apart from the invoices' (its prefix must differ from theirs).
   *
   * @param creditNotePattern the pattern, not null
   * @return this builder
   */
  public InvoiceServiceBuilder creditNotePattern(NumberPattern creditNotePattern) {
    this.creditNotePattern = Objects.requireNonNull(creditNotePattern, "creditNotePattern");
    return this;
  }

  /**
   * The rounding policy of new drafts.
   *
   * @param roundingPolicy the policy, not null
   * @return this builder
   */
  public InvoiceServiceBuilder roundingPolicy(RoundingPolicy roundingPolicy) {
    this.roundingPolicy = Objects.requireNonNull(roundingPolicy, "roundingPolicy");
    return this;
  }

  /**
   * The pattern of generated invoice numbers, such as {@code INV-{yyyy}-{seq:5}}.
   *
   * @param numberPattern the pattern, not null
   * @return this builder
   */
  public InvoiceServiceBuilder numberPattern(NumberPattern numberPattern) {
    this.numberPattern = Objects.requireNonNull(numberPattern, "numberPattern");
    return this;
  }

  /**
   * The tax code of opportunity lines whose product names none, and of the one line of an
   * opportunity without products. There is none unless set here: without it, such an opportunity
   * is refused with an {@link dev.invoicekit.invoice.InvalidInvoiceException} that says to set it.
   *
   * @param defaultTaxCode the tax code, not null
   * @return this builder
   */
  public InvoiceServiceBuilder defaultTaxCode(TaxCode defaultTaxCode) {
    this.defaultTaxCode = Optional.of(Objects.requireNonNull(defaultTaxCode, "defaultTaxCode"));
    return this;
  }

  /**
   * How many times a command is tried when it loses a race; {@value #DEFAULT_MAX_ATTEMPTS} by
   * default, 1 means never retried. A race lost is a retryable
   * {@link dev.invoicekit.ports.InvoicePersistenceException} (its {@code isRetryable()} is true):
   * a stale write ({@link dev.invoicekit.ports.StaleInvoiceException}), a deadlock or
   * serialization failure, an idempotency key or a number series taken at the same moment. Each
   * attempt is one {@link Transactions#inTransaction} that reads the invoice again; an edit based
   * on a version the caller read is never retried, as the caller must see the newer content.
   *
   * <p>When the attempts are used up, the last failure reaches the caller, and the command wrote
   * nothing. A {@code StaleInvoiceException} then means that others keep changing the invoice, or
   * that every attempt read the same old version: with the adapter joining a host's transaction
   * (its {@code joining} mode), the attempts run inside that one transaction, and under
   * REPEATABLE READ (MariaDB's and MySQL's default) they all read the snapshot the transaction
   * started with. The host should then roll back its transaction and run it again (a new
   * transaction reads the new version), or report the conflict to its user; retrying inside the
   * same transaction does not help there.
   *
   * @param maxAttempts attempts, 1 to 100
   * @return this builder
   * @throws IllegalArgumentException if out of range
   */
  public InvoiceServiceBuilder maxAttempts(int maxAttempts) {
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new IllegalArgumentException("maxAttempts must be 1 to 100, was " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    return this;
  }

  /**
   * Builds the service.
   *
   * @return the service, not null
   * @throws NullPointerException naming the first required part that is missing
   */
  public InvoiceService build() {
    return new InvoiceService(this);
  }
}
