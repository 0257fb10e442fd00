package dev.invoicekit.inmemory;

import dev.invoicekit.ports.IdSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids made of a prefix and a counter ({@code inv-1}, {@code inv-2}, ...): predictable, for tests
 * and prototypes. Unique only within one instance's lifetime.
 *
 * <p>Thread-safe.
 */
public final class SequentialIdSource implements IdSource {

  private final String prefix;
  private final AtomicLong counter = new AtomicLong();

  /**
   * Creates a source.
   *
   * @param prefix what every id starts with, not null
   */
  public SequentialIdSource(String prefix) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  @Override
  public String newId() {
    return prefix + counter.incrementAndGet();
  }
}
