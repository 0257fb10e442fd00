package dev.invoicekit.ports;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a keyed query: the items, and the key to ask for the next page with, if any.
 *
 * <p>Immutable and thread-safe if the items are.
 *
 * @param <T> the item type
 * @param items the items, in key order, not null
 * @param nextKey the key of the last item when more may follow, empty on the last page
 */
public record Page<T>(List<T> items, Optional<String> nextKey) {

  /** Copies the items. */
  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(nextKey, "nextKey");
  }
}
