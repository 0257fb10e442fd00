package dev.invoicekit.service;

/**
 * Thrown when an idempotency key is reused with a different command or payload: the key already
 * stands for something else. Nothing was changed; use a new key for a new command.
 */
public class IdempotencyConflictException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param key the key, not null
   * @param command the command attempted, not null
   */
  public IdempotencyConflictException(IdempotencyKey key, String command) {
    super("Idempotency key '" + key + "' was already used for a different command or payload than"
        + " this " + command + "; use a new key for a new command");
  }
}
