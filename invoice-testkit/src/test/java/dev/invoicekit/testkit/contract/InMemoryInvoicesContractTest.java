package dev.invoicekit.testkit.contract;

import dev.invoicekit.inmemory.InMemoryInvoices;
import dev.invoicekit.inmemory.InMemoryTransactions;

/** The repository contract on core's in-memory repository, the reference behaviour. */
class InMemoryInvoicesContractTest extends InvoicesContract {

  @Override
  protected Repository newRepository() {
    InMemoryTransactions transactions = new InMemoryTransactions();
    return new Repository(new InMemoryInvoices(transactions), transactions);
  }
}
