package dev.invoicekit.inmemory;

/**
 * A full set of in-memory ports sharing one {@link InMemoryTransactions}, ready to hand to
 * {@code InvoiceService.builder()}.
 *
 * <p>Thread-safe.
 *
 * @param transactions the shared transactions
 * @param invoices the repository
 * @param numbering gapless counters
 * @param events the recorded events
 * @param idempotencyKeys the idempotency store
 * @param creditNotes the credit notes
 * @param accountCredits the account-credit ledger
 */
public record InMemoryPorts(
    InMemoryTransactions transactions,
    InMemoryInvoices invoices,
    InMemoryNumbering numbering,
    RecordingInvoiceEvents events,
    InMemoryIdempotencyKeys idempotencyKeys,
    InMemoryCreditNotes creditNotes,
    InMemoryAccountCredits accountCredits) {

  /**
   * Creates empty in-memory ports.
   *
   * @return the ports, not null
   */
  public static InMemoryPorts create() {
    InMemoryTransactions transactions = new InMemoryTransactions();
    return new InMemoryPorts(
        transactions,
        new InMemoryInvoices(transactions),
        new InMemoryNumbering(transactions),
        new RecordingInvoiceEvents(transactions),
        new InMemoryIdempotencyKeys(transactions),
        new InMemoryCreditNotes(transactions),
        new InMemoryAccountCredits(transactions));
  }
}
