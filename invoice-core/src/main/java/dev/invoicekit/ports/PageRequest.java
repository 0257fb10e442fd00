package dev.invoicekit.ports;

import java.util.Objects;
import java.util.Optional;

/**
 * Asks for a page of a keyed query: the items after a key (not the n-th offset, which gets slower
 * and skips or repeats rows as data changes), at most {@code limit} of them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param afterKey the key to start after, empty for the first page
 * @param limit how many items at most, 1 to 1000
 */
public record PageRequest(Optional<String> afterKey, int limit) {

  /** Checks the limit. */
  public PageRequest {
    Objects.requireNonNull(afterKey, "afterKey");
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("A page holds 1 to 1000 items, asked for " + limit);
    }
  }

  /**
   * The first page.
   *
   * @param limit how many items at most
   * @return the request, not null
   */
  public static PageRequest first(int limit) {
    return new PageRequest(Optional.empty(), limit);
  }

  /**
   * The page after the one that returned {@code page}.
   *
   * @param page the previous page, which must have a next key
   * @return the request, or empty after the last page
   */
  public Optional<PageRequest> next(Page<?> page) {
    return page.nextKey().map(key -> new PageRequest(Optional.of(key), limit));
  }
}
