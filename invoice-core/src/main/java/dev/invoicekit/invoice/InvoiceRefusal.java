package dev.invoicekit.invoice;

/**
 * Marks every exception with which the library refuses a command or an input: the command, the
 * value or the invoice's state is wrong, and nothing was changed. A host (or a test harness) that
 * wants to tell "the library refused" from "something broke" catches {@code RuntimeException} and
 * asks {@code e instanceof InvoiceRefusal}, instead of listing the classes.
 *
 * <p>Each refusal keeps the JDK supertype a caller expects ({@link IllegalArgumentException} for a
 * wrong input, {@link IllegalStateException} for a state that refuses, {@link
 * java.util.NoSuchElementException} for an unknown invoice, and the library's
 * {@link dev.invoicekit.ports.InvoicePersistenceException} for a write the store refuses), and
 * carries the ids, keys and statuses its message names. They are:
 *
 * <ul>
 *   <li>{@link InvalidInvoiceException} (and {@link CurrencyMismatchException}): a value breaks a
 *       rule and is not built;
 *   <li>{@link dev.invoicekit.lifecycle.IllegalTransitionException} and
 *       {@link dev.invoicekit.lifecycle.PaymentRejectedException}: the lifecycle refuses;
 *   <li>{@link dev.invoicekit.service.InvoiceNotFoundException} and
 *       {@link dev.invoicekit.service.IdempotencyConflictException}: the service refuses;
 *   <li>{@link dev.invoicekit.ports.DuplicateInvoiceException},
 *       {@link dev.invoicekit.ports.StaleInvoiceException} and
 *       {@link dev.invoicekit.ports.IdempotencyKeyTakenException}: the store refuses a write that
 *       would break uniqueness or overwrite a newer version (the last two are transient: the
 *       service retries them itself and they reach a caller only when its attempts run out or the
 *       caller edits a version it read);
 *   <li>{@link dev.invoicekit.ports.PaymentsRewrittenException}: a save would remove, change or
 *       reorder a stored payment, which is never rewritten.
 * </ul>
 *
 * <p>Not a refusal: a plain {@link dev.invoicekit.ports.InvoicePersistenceException}, which says
 * that storage failed (a lost connection, a full disk, a missing table), not that the command was
 * wrong; its {@link dev.invoicekit.ports.InvoicePersistenceException#kind() kind} says whether to
 * retry.
 *
 * <p>Implemented by exceptions only; they are immutable apart from what every {@link Throwable}
 * allows.
 */
public interface InvoiceRefusal {}
