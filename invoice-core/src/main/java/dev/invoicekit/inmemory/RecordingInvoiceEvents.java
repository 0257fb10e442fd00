package dev.invoicekit.inmemory;

import dev.invoicekit.credit.CreditEvent;
import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.ports.InvoiceEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Keeps every published event in memory, in order; an event published in a transaction that rolls
 * back is taken back with it.
 *
 * <p>Thread-safe.
 */
public final class RecordingInvoiceEvents implements InvoiceEvents {

  private final InMemoryTransactions transactions;
  private final List<InvoiceEvent> events = new ArrayList<>();
  private final List<CreditEvent> creditEvents = new ArrayList<>();

  /**
   * Creates an empty recorder.
   *
   * @param transactions the transactions it takes part in, not null
   */
  public RecordingInvoiceEvents(InMemoryTransactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  @Override
  public void publish(InvoiceEvent event) {
    Objects.requireNonNull(event, "event");
    transactions.write(() -> events.add(event), () -> events.remove(events.size() - 1));
  }

  @Override
  public void publish(CreditEvent event) {
    Objects.requireNonNull(event, "event");
    transactions.write(() -> creditEvents.add(event),
        () -> creditEvents.remove(creditEvents.size() - 1));
  }

  /**
   * The credit-note and account-credit events published and committed so far, oldest first.
   *
   * @return a copy, not null
   */
  public List<CreditEvent> creditEvents() {
    return transactions.read(() -> List.copyOf(creditEvents));
  }

  /**
   * The invoice events published and committed so far, oldest first.
   *
   * @return a copy, not null
   */
  public List<InvoiceEvent> events() {
    return transactions.read(() -> List.copyOf(events));
  }
}
