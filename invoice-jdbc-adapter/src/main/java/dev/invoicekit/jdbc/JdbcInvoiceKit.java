package dev.invoicekit.jdbc;

import dev.invoicekit.ports.InvoiceEvents;
import dev.invoicekit.service.InvoiceServiceBuilder;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Every port of the JDBC adapter, wired to one {@link JdbcTransactions}, so that an invoice, its
 * number, its event and its idempotency key (and a credit note, a ledger entry and their events)
 * are written in one transaction or not at all.
 *
 * <pre>{@code
 * JdbcInvoiceKit kit = JdbcInvoiceKit.of(dataSource);
 * InvoiceService service = kit.configure(InvoiceService.builder())
 *     .clock(clock, zone)
 *     .ids(ids)
 *     .build();
 * OutboxRelay relay = kit.relay(notifications, clock); // the host runs relay.relayOnce() on a
 * schedule
 * }</pre>
 *
 * <p>The schema must be installed ({@link SchemaInstaller} or Flyway with
 * {@link Dialect#flywayLocation()}). Immutable and thread-safe; build one per database and share
 * it.
 */
public final class JdbcInvoiceKit {

  private final Dialect dialect;
  private final JdbcTransactions transactions;
  private final JdbcInvoices invoices;
  private final JdbcNumbering numbering;
  private final JdbcSequenceNumbering sequenceNumbering;
  private final JdbcOutbox events;
  private final JdbcIdempotencyKeys idempotencyKeys;
  private final JdbcCreditNotes creditNotes;
  private final JdbcAccountCredits accountCredits;

  private JdbcInvoiceKit(JdbcTransactions transactions, Dialect dialect) {
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    this.transactions = transactions;
    this.invoices = new JdbcInvoices(transactions);
    this.numbering = new JdbcNumbering(transactions, dialect);
    this.sequenceNumbering = new JdbcSequenceNumbering(transactions, dialect);
    this.events = new JdbcOutbox(transactions);
    this.idempotencyKeys = new JdbcIdempotencyKeys(transactions);
    this.creditNotes = new JdbcCreditNotes(transactions);
    this.accountCredits = new JdbcAccountCredits(transactions, dialect);
  }

  /**
   * The adapter running its own transactions on the data source, its dialect told from the
   * database (one connection is opened to ask).
   *
   * @param dataSource the data source, not null
   * @return the kit, not null
   * @throws dev.invoicekit.ports.InvoicePersistenceException if the database cannot be reached or
   *     is not supported
   */
  public static JdbcInvoiceKit of(DataSource dataSource) {
    return of(dataSource, Dialect.detect(Objects.requireNonNull(dataSource, "dataSource")));
  }

  /**
   * The adapter running its own transactions on the data source.
   *
   * @param dataSource the data source, not null
   * @param dialect the database, not null
   * @return the kit, not null
   */
  public static JdbcInvoiceKit of(DataSource dataSource, Dialect dialect) {
    return new JdbcInvoiceKit(JdbcTransactions.of(dataSource), dialect);
  }

  /**
   * The adapter joining the transactions the host holds: every statement runs on the host's
   * current connection and the host commits or rolls back. Each command (or port call made outside
   * one) acquires the connection once, runs inside a savepoint of the host's transaction, so that a
   * refused command leaves that transaction usable, and releases the connection afterwards. A
   * command on a connection in auto-commit mode (outside the host's transaction) is refused and
   * writes nothing; see {@link JdbcTransactions} and {@link HostConnections} for the wirings of
   * Spring, JTA and plain JDBC. The relay then runs inside a host transaction as well.
   *
   * @param host gives and takes back the connection of the host's current transaction, not null
   * @param dialect the database, not null
   * @return the kit, not null
   */
  public static JdbcInvoiceKit joining(HostConnections host, Dialect dialect) {
    return new JdbcInvoiceKit(JdbcTransactions.joining(host), dialect);
  }

  /**
   * The database this kit speaks.
   *
   * @return the dialect, not null
   */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * The transactions every port of this kit runs in.
   *
   * @return the transactions, not null
   */
  public JdbcTransactions transactions() {
    return transactions;
  }

  /**
   * The invoice repository.
   *
   * @return the repository, not null
   */
  public JdbcInvoices invoices() {
    return invoices;
  }

  /**
   * Gapless numbering per series, the default.
   *
   * @return the numbering, not null
   */
  public JdbcNumbering numbering() {
    return numbering;
  }

  /**
   * Gaps-allowed numbering from a database sequence, unique across all series; for hosts whose
   * law asks only for unique numbers. Pass it to the service builder after {@link #configure}.
   *
   * @return the numbering, not null
   */
  public JdbcSequenceNumbering sequenceNumbering() {
    return sequenceNumbering;
  }

  /**
   * The notification port as an outbox in the same transactions; deliver with
   * {@link #relay(InvoiceEvents, Clock)}.
   *
   * @return the outbox, not null
   */
  public JdbcOutbox events() {
    return events;
  }

  /**
   * The idempotency key store.
   *
   * @return the store, not null
   */
  public JdbcIdempotencyKeys idempotencyKeys() {
    return idempotencyKeys;
  }

  /**
   * The credit-note repository.
   *
   * @return the repository, not null
   */
  public JdbcCreditNotes creditNotes() {
    return creditNotes;
  }

  /**
   * The account-credit ledger.
   *
   * @return the ledger, not null
   */
  public JdbcAccountCredits accountCredits() {
    return accountCredits;
  }

  /**
   * A relay from this kit's outbox to the host's notification port, with the default batch size,
   * attempts and backoff (change them with the relay's {@code with...} methods).
   *
   * @param target where events go, not null
   * @param clock the relay's only source of time, not null
   * @return the relay, not null
   */
  public OutboxRelay relay(InvoiceEvents target, Clock clock) {
    return new OutboxRelay(transactions, target, clock);
  }

  /**
   * Sets this kit's repositories (invoices, credit notes), account-credit ledger, gapless numbering
   * (for invoices and credit notes alike), outbox, idempotency keys and transactions on a service
   * builder; the host adds the clock and zone and the id source.
   *
   * @param builder the builder, not null
   * @return the same builder, for chaining
   */
  public InvoiceServiceBuilder configure(InvoiceServiceBuilder builder) {
    return Objects.requireNonNull(builder, "builder")
        .invoices(invoices)
        .numbering(numbering)
        .events(events)
        .idempotencyKeys(idempotencyKeys)
        .creditNotes(creditNotes)
        .accountCredits(accountCredits)
        .transactions(transactions);
  }
}
