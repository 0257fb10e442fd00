package dev.invoicekit.service;

import dev.invoicekit.internal.Ids;
import java.util.Objects;

/**
 * A key the caller attaches to a mutating command so that sending it twice has the effect of
 * sending it once: the same key with the same payload returns the first result; the same key with
 * another payload is refused. {@link #NONE} stands for "no key": the command runs every time it is
 * sent.
 *
 * <p>A key is never null: a command without a key takes {@link #NONE}, and the service's short
 * overloads do so for the caller.
 *
 * <p>Immutable and thread-safe.
 */
public final class IdempotencyKey {

  /** No key: the command is not deduplicated. Its {@link #value()} throws. */
  public static final IdempotencyKey NONE = new IdempotencyKey(null);

  private final String value;

  private IdempotencyKey(String value) {
    this.value = value;
  }

  /**
   * Returns the key.
   *
   * @param value the key text: not blank, at most 100 characters, see {@link
   *     dev.invoicekit.invoice.InputLimits}
   * @return the key, not null
   * @throws IllegalArgumentException if the text is not a valid key
   * @throws NullPointerException if the text is null
   */
  public static IdempotencyKey of(String value) {
    Ids.require(value, "idempotency key");
    return new IdempotencyKey(value);
  }

  /**
   * Whether this is {@link #NONE}.
   *
   * @return true for "no key"
   */
  public boolean isNone() {
    return value == null;
  }

  /**
   * The key text.
   *
   * @return the text, not null
   * @throws IllegalStateException if this is {@link #NONE}, which has none
   */
  public String value() {
    if (value == null) {
      throw new IllegalStateException("IdempotencyKey.NONE has no value; ask isNone() first");
    }
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IdempotencyKey && Objects.equals(((IdempotencyKey) other).value, value);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(value);
  }

  /** The key text, or {@code NONE} for {@link #NONE}. */
  @Override
  public String toString() {
    return value == null ? "NONE" : value;
  }
}
