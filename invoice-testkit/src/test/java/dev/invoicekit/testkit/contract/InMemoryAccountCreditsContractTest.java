package dev.invoicekit.testkit.contract;

import dev.invoicekit.inmemory.InMemoryAccountCredits;
import dev.invoicekit.inmemory.InMemoryTransactions;

/** The ledger contract on core's in-memory ledger, the reference behaviour. */
class InMemoryAccountCreditsContractTest extends AccountCreditsContract {

  @Override
  protected Ledger newLedger() {
    InMemoryTransactions transactions = new InMemoryTransactions();
    return new Ledger(new InMemoryAccountCredits(transactions), transactions);
  }
}
