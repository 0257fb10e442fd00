package dev.invoicekit.service;

import dev.invoicekit.invoice.InvoiceRefusal;
import java.util.Objects;

/**
 * Thrown when an idempotency key is reused with a different command or payload: the key already
 * stands for something else. Nothing was changed; use a new key for a new command. An
 * {@link InvoiceRefusal}; keeps the key and the command that was refused.
 */
public class IdempotencyConflictException extends IllegalArgumentException
    implements InvoiceRefusal {

  private static final long serialVersionUID = 1L;

  private final transient IdempotencyKey key;
  private final String command;

  /**
   * Creates the exception.
   *
   * @param key the key, not null and not {@link IdempotencyKey#NONE}
   * @param command the command attempted, such as "payment", not null
   */
  public IdempotencyConflictException(IdempotencyKey key, String command) {
    super("Idempotency key '" + Objects.requireNonNull(key, "key") + "' was already used for a"
        + " different command or payload than this " + Objects.requireNonNull(command, "command")
        + "; use a new key for a new command");
    if (key.isNone()) {
      throw new IllegalArgumentException("A conflict is about a key; IdempotencyKey.NONE is none");
    }
    this.key = key;
    this.command = command;
  }

  /** The key that already stands for something else. @return the key, not null, never NONE */
  public IdempotencyKey key() {
    return key;
  }

  /** The command that was refused, such as "payment". @return the command, not null */
  public String command() {
    return command;
  }
}
