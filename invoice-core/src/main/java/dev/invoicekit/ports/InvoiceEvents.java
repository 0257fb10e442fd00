package dev.invoicekit.ports;

import dev.invoicekit.events.InvoiceEvent;

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
}
