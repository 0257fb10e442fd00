package dev.invoicekit.ports;

import dev.invoicekit.credit.CreditEvent;
import dev.invoicekit.events.InvoiceEvent;
import java.util.List;

/**
 * The notification port: receives one event per state change (of an invoice, a credit note or an
 * account's credit ledger), inside the transaction of that change. An implementation either
 * makes the event part of the transaction (an outbox) or delivers it after commit; either way
 * no event may escape without its state change.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface InvoiceEvents {

  /** Drops every event: for hosts that do not listen. */
  InvoiceEvents NONE = new InvoiceEvents() {
    @Override
    public void publish(InvoiceEvent event) {}

    @Override
    public void publish(CreditEvent event) {}
  };

  /**
   * Publishes an event.
   *
   * @param event the event, not null
   */
  void publish(InvoiceEvent event);

  /**
   * Publishes an event of a credit note or an account's credit ledger, on the same terms. The
   * default refuses: a host whose implementation predates credit notes keeps compiling (this
   * interface stays functional) and a credit command then fails loudly, rolling its change back,
   * instead of losing its event. The JDBC outbox and the in-memory recorder implement it.
   *
   * @param event the event, not null
   * @throws UnsupportedOperationException unless implemented
   */
  default void publish(CreditEvent event) {
    throw new UnsupportedOperationException("This InvoiceEvents implementation ("
        + getClass().getName() + ") does not publish credit-note and account-credit events;"
        + " implement publish(CreditEvent) to use credit notes and account credit");
  }

  /**
   * Publishes several events of one transaction, in order, as {@link #publish} would one by one;
   * the overdue sweep publishes a batch at a time. The default calls {@link #publish} for each; an
   * implementation may write them at once (the JDBC outbox sends one batch).
   *
   * @param events the events, not null, none null
   */
  default void publishAll(List<InvoiceEvent> events) {
    for (InvoiceEvent event : events) {
      publish(event);
    }
  }
}
