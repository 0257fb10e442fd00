package dev.invoicekit.testkit.contract;

import dev.invoicekit.credit.CreditEvent;
import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.inmemory.InMemoryTransactions;
import dev.invoicekit.inmemory.RecordingInvoiceEvents;
import java.util.List;

/** The notification contract on core's recording port: what it recorded is what was observed. */
class InMemoryEventsContractTest extends InvoiceEventsContract {

  private RecordingInvoiceEvents recording;

  @Override
  protected Events newEvents() {
    InMemoryTransactions transactions = new InMemoryTransactions();
    recording = new RecordingInvoiceEvents(transactions);
    return new Events(recording, transactions);
  }

  @Override
  protected List<InvoiceEvent> observed() {
    return recording.events();
  }

  @Override
  protected List<CreditEvent> observedCreditEvents() {
    return recording.creditEvents();
  }
}
