package dev.invoicekit.numbering;

import dev.invoicekit.internal.Inputs;
import dev.invoicekit.invoice.TenantId;
import java.util.Objects;

/**
 * The key of one gapless counter: a tenant and a series key such as {@code INV-2026-}, as given by
 * {@link NumberPattern#seriesKey(java.time.LocalDate)}. Invoices of one series take consecutive
 * sequence numbers; a new series (a new year, for a pattern with a year) starts again at 1.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tenant the tenant the counter belongs to, not null
 * @param key the series key, not null; empty for a pattern with nothing but the sequence
 */
public record NumberSeries(TenantId tenant, String key) {

  /** The longest series key, in code points, that every supported database stores. */
  public static final int MAX_KEY_LENGTH = 150;

  /**
   * Checks the parts.
   *
   * @throws NullPointerException if the tenant or the key is null
   * @throws IllegalArgumentException if the key is not well-formed text without U+0000 of at most
   *     {@link #MAX_KEY_LENGTH} code points
   */
  public NumberSeries {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(key, "key");
    String problem = Inputs.textProblem(key, MAX_KEY_LENGTH);
    if (problem != null) {
      throw new IllegalArgumentException("The number series key " + problem);
    }
  }

  /**
   * Returns the series of a tenant with the given key.
   *
   * @param tenant the tenant, not null
   * @param key the series key, not null
   * @return the series, not null
   */
  public static NumberSeries of(TenantId tenant, String key) {
    return new NumberSeries(tenant, key);
  }
}
