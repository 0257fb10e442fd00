package dev.invoicekit.inmemory;

import dev.invoicekit.numbering.NumberSeries;
import dev.invoicekit.ports.InvoiceNumbering;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Gapless counters in memory: a rolled-back transaction gives its numbers back.
 *
 * <p>Thread-safe.
 */
public final class InMemoryNumbering implements InvoiceNumbering {

  private final InMemoryTransactions transactions;
  private final Map<NumberSeries, Long> counters = new HashMap<>();

  /**
   * Creates counters that all start at 1.
   *
   * @param transactions the transactions they take part in, not null
   */
  public InMemoryNumbering(InMemoryTransactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  @Override
  public long next(NumberSeries series) {
    Objects.requireNonNull(series, "series");
    return transactions.inTransaction(
        () -> {
          Long previous = counters.get(series);
          long next = previous == null ? 1 : previous + 1;
          transactions.write(
              () -> counters.put(series, next),
              () -> {
                if (previous == null) {
                  counters.remove(series);
                } else {
                  counters.put(series, previous);
                }
              });
          return next;
        });
  }
}
