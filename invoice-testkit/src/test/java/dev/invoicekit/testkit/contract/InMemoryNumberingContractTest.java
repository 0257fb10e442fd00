package dev.invoicekit.testkit.contract;

import dev.invoicekit.inmemory.InMemoryNumbering;
import dev.invoicekit.inmemory.InMemoryTransactions;

/** The numbering contract on core's in-memory numbering; its transactions run one at a time. */
class InMemoryNumberingContractTest extends InvoiceNumberingContract {

  @Override
  protected Numbering newNumbering() {
    InMemoryTransactions transactions = new InMemoryTransactions();
    return new Numbering(new InMemoryNumbering(transactions), transactions);
  }
}
