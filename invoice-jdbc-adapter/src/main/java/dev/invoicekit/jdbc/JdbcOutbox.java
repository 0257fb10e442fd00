package dev.invoicekit.jdbc;

import dev.invoicekit.credit.CreditEvent;
import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.internal.InvoiceCodec;
import dev.invoicekit.jdbc.internal.MalformedJsonException;
import dev.invoicekit.jdbc.internal.Sql;
import dev.invoicekit.jdbc.internal.SqlTime;
import dev.invoicekit.ports.InvoiceEvents;
import dev.invoicekit.ports.InvoicePersistenceException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The notification port as a transactional outbox: {@link #publish(InvoiceEvent)} and
 * {@link #publish(CreditEvent)} write the event into {@code ik_outbox} in the current transaction,
 * so it exists if and only if the state change it describes committed. An {@link OutboxRelay}
 * delivers it afterwards, at least once, to the host's own {@link InvoiceEvents}.
 *
 * <p>Each row records its subject: an invoice, a credit note or an account's credit ledger, with
 * the subject's id and version (the invoice's or the note's version, the ledger entry's
 * sequence); the outbox holds one event per subject and version.
 *
 * <p>Thread-safe.
 */
public final class JdbcOutbox implements InvoiceEvents {

  private final JdbcTransactions transactions;

  /**
   * Creates the outbox.
   *
   * @param transactions the transactions events are written in, not null
   */
  public JdbcOutbox(JdbcTransactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  /**
   * Stores the event as PENDING, due for delivery at once: a relay delivers it on its next run,
   * whatever the relay's clock says about the moment the event occurred.
   *
   * @param event the event, not null
   * @throws dev.invoicekit.ports.DuplicateInvoiceException if an event with the same id, or for
   *     the same invoice version, is already stored in the tenant
   * @throws InvoicePersistenceException if the database fails otherwise
   */
  @Override
  public void publish(InvoiceEvent event) {
    Objects.requireNonNull(event, "event");
    String payload = InvoiceCodec.event(event);
    transactions.withConnection("store event " + event.eventId() + " of invoice "
        + event.invoiceId() + " in the outbox", connection -> {
          try (PreparedStatement insert = connection.prepareStatement(Sql.INSERT_OUTBOX_EVENT)) {
            bind(insert, event, payload);
            insert.executeUpdate();
          }
          return null;
        });
  }

  /**
   * Stores a credit-note or ledger event as PENDING, due for delivery at once, as
   * {@link #publish(InvoiceEvent)} stores an invoice event.
   *
   * @param event the event, not null
   * @throws dev.invoicekit.ports.DuplicateInvoiceException if an event with the same id, or for
   *     the same subject and version, is already stored in the tenant
   * @throws InvoicePersistenceException if the database fails otherwise
   */
  @Override
  public void publish(CreditEvent event) {
    Objects.requireNonNull(event, "event");
    String payload = InvoiceCodec.creditEvent(event);
    transactions.withConnection("store event " + event.eventId() + " of "
        + event.subject().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " "
        + event.subjectId() + " in the outbox", connection -> {
          try (PreparedStatement insert = connection.prepareStatement(Sql.INSERT_OUTBOX_EVENT)) {
            insert.setString(1, event.tenant().value());
            insert.setString(2, event.eventId());
            insert.setString(3, event.subject().name());
            insert.setString(4, event.subjectId());
            insert.setLong(5, event.version());
            insert.setString(6, event.type().name());
            insert.setObject(7, SqlTime.column(event.occurredAt()));
            insert.setString(8, payload);
            insert.setObject(9, SqlTime.column(event.occurredAt()));
            insert.executeUpdate();
          }
          return null;
        });
  }

  /**
   * Stores the events as PENDING with one JDBC batch (one round trip with the PostgreSQL driver's
   * {@code reWriteBatchedInserts} or MariaDB's bulk mode), all or none with the transaction.
   *
   * @param events the events, not null, none null
   * @throws dev.invoicekit.ports.DuplicateInvoiceException if an event with the same id, or for
   *     the same invoice version, is already stored in the tenant
   * @throws InvoicePersistenceException if the database fails otherwise
   */
  @Override
  public void publishAll(List<InvoiceEvent> events) {
    Objects.requireNonNull(events, "events");
    if (events.size() <= 1) {
      events.forEach(this::publish);
      return;
    }
    List<String> payloads = new ArrayList<>(events.size());
    for (InvoiceEvent event : events) {
      payloads.add(InvoiceCodec.event(Objects.requireNonNull(event, "event")));
    }
    transactions.withConnection("store " + events.size() + " events in the outbox", connection -> {
      try (PreparedStatement insert = connection.prepareStatement(Sql.INSERT_OUTBOX_EVENT)) {
        for (int i = 0; i < events.size(); i++) {
          bind(insert, events.get(i), payloads.get(i));
          insert.addBatch();
        }
        insert.executeBatch();
      }
      return null;
    });
  }

  /**
   * Every invoice event the outbox holds for the tenant, delivered or not (PENDING, DELIVERED and
   * PARKED), in the order a relay delivers them: by the moment they occurred, then by invoice
   * version, then by event id; credit-note and ledger events are
   * {@link #committedCreditEvents}'. Meant for a host's tests and checks ("the payment produced
   * exactly these events"), without knowing the table.
   *
   * <p>Called outside a transaction, it reads what is committed. Inside one (this instance's or,
   * when joining, the host's) it reads on that transaction's connection and so also sees the
   * events that transaction wrote and has not yet committed.
   *
   * @param tenant the tenant, not null
   * @return the events, oldest first, not null; empty if the tenant has none
   * @throws InvoicePersistenceException if the database fails or a stored event cannot be read
   */
  public List<InvoiceEvent> committedEvents(TenantId tenant) {
    return read(tenant, Sql.SELECT_OUTBOX_EVENTS, InvoiceCodec::readEvent);
  }

  /**
   * Every credit-note and ledger event the outbox holds for the tenant, delivered or not, in the
   * order a relay delivers them (by the moment they occurred, then by the subject's version, then
   * by event id); as {@link #committedEvents} is for invoice events. Meant for a host's tests and
   * checks ("issuing the credit note produced exactly these events").
   *
   * <p>Called outside a transaction, it reads what is committed; inside one, it also sees what
   * that transaction wrote.
   *
   * @param tenant the tenant, not null
   * @return the events, oldest first, not null; empty if the tenant has none
   * @throws InvoicePersistenceException if the database fails or a stored event cannot be read
   */
  public List<CreditEvent> committedCreditEvents(TenantId tenant) {
    return read(tenant, Sql.SELECT_OUTBOX_CREDIT_EVENTS, InvoiceCodec::readCreditEvent);
  }

  private <T> List<T> read(TenantId tenant, String sql, Function<String, T> decode) {
    Objects.requireNonNull(tenant, "tenant");
    return transactions.withConnection("read the outbox events of tenant " + tenant.value(),
        connection -> {
          List<T> events = new ArrayList<>();
          try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, tenant.value());
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                events.add(decode(tenant, rs.getString("event_id"), rs.getString("payload"),
                    decode));
              }
            }
          }
          return List.copyOf(events);
        });
  }

  private static <T> T decode(TenantId tenant, String eventId, String payload,
      Function<String, T> decode) {
    try {
      return decode.apply(payload);
    } catch (MalformedJsonException e) {
      throw new InvoicePersistenceException("Outbox event " + eventId + " of tenant "
          + tenant.value() + " is damaged (" + e.getMessage() + ")", e);
    }
  }

  private static void bind(PreparedStatement insert, InvoiceEvent event, String payload)
      throws SQLException {
    insert.setString(1, event.tenant().value());
    insert.setString(2, event.eventId());
    insert.setString(3, Sql.OUTBOX_INVOICE);
    insert.setString(4, event.invoiceId().value());
    insert.setLong(5, event.version());
    insert.setString(6, event.type().name());
    insert.setObject(7, SqlTime.column(event.occurredAt()));
    insert.setString(8, payload);
    insert.setObject(9, SqlTime.column(event.occurredAt()));
  }
}
