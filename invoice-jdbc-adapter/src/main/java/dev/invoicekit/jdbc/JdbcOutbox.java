package dev.invoicekit.jdbc;

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
import java.util.Objects;

/**
 * The notification port as a transactional outbox: {@link #publish(InvoiceEvent)} writes the event
 * into {@code ik_outbox} in the current transaction, so it exists if and only if the state change
 * it describes committed. An {@link OutboxRelay} delivers it afterwards, at least once, to the
 * host's own {@link InvoiceEvents}.
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
   * Every event the outbox holds for the tenant, delivered or not (PENDING, DELIVERED and PARKED),
   * in the order a relay delivers them: by the moment they occurred, then by invoice version, then
   * by event id. Meant for a host's tests and checks ("the payment produced exactly these
   * events"), without knowing the table.
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
    Objects.requireNonNull(tenant, "tenant");
    return transactions.withConnection("read the outbox events of tenant " + tenant.value(),
        connection -> {
          List<InvoiceEvent> events = new ArrayList<>();
          try (PreparedStatement select = connection.prepareStatement(Sql.SELECT_OUTBOX_EVENTS)) {
            select.setString(1, tenant.value());
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                events.add(readEvent(tenant, rs.getString("event_id"), rs.getString("payload")));
              }
            }
          }
          return List.copyOf(events);
        });
  }

  private static InvoiceEvent readEvent(TenantId tenant, String eventId, String payload) {
    try {
      return InvoiceCodec.readEvent(payload);
    } catch (MalformedJsonException e) {
      throw new InvoicePersistenceException("Outbox event " + eventId + " of tenant "
          + tenant.value() + " is damaged (" + e.getMessage() + ")", e);
    }
  }

  private static void bind(PreparedStatement insert, InvoiceEvent event, String payload)
      throws SQLException {
    insert.setString(1, event.tenant().value());
    insert.setString(2, event.eventId());
    insert.setString(3, event.invoiceId().value());
    insert.setLong(4, event.version());
    insert.setString(5, event.type().name());
    insert.setObject(6, SqlTime.column(event.occurredAt()));
    insert.setString(7, payload);
    insert.setObject(8, SqlTime.column(event.occurredAt()));
  }
}
