package dev.invoicekit.ports;

import dev.invoicekit.events.InvoiceEvent;
import java.util.List;

/**
 * The notification port: receives one event per state change, inside the transaction of that
 * change. An implementation either makes the event part of the transaction (an outbox) or delivers
 * it after commit; either way no event may escape without its state change.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface InvoiceEvents {

  /** Drops every event: for hosts that do not listen. */
  InvoiceEvents NONE = event -> {};

  /**
   * Publishes an event.
   *
   * @param event the event, not null
   */
  void publish(InvoiceEvent event);

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
