package dev.invoicekit.testkit.contract;

import dev.invoicekit.inmemory.InMemoryCreditNotes;
import dev.invoicekit.inmemory.InMemoryInvoices;
import dev.invoicekit.inmemory.InMemoryTransactions;

/** The credit-note contract on core's in-memory repository, the reference behaviour. */
class InMemoryCreditNotesContractTest extends CreditNotesContract {

  @Override
  protected Repository newRepository() {
    InMemoryTransactions transactions = new InMemoryTransactions();
    return new Repository(new InMemoryCreditNotes(transactions),
        new InMemoryInvoices(transactions), transactions);
  }
}
