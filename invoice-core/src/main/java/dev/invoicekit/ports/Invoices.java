package dev.invoicekit.ports;

import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.TenantId;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The repository of invoices. It stores what the lifecycle decided and never decides a transition
 * itself (the overdue sweep's set-based write applies the lifecycle's own table and rule). Every
 * query is within one tenant; one tenant never sees another's invoices.
 *
 * <p>Implementations must be thread-safe and take part in the {@link Transactions} the service
 * runs its commands in.
 */
public interface Invoices {

  /**
   * Stores an invoice with its lines and payments, all or nothing. The invoice's
   * {@link Invoice#version()} is the version it was read at (0 for a new one); the stored copy gets
   * the next version, which the returned invoice carries.
   *
   * @param invoice the invoice as the lifecycle left it, not null
   * @return the stored invoice with its new version, not null
   * @throws StaleInvoiceException if the stored version is not the invoice's version
   * @throws DuplicateInvoiceException if a new invoice's id, or any invoice's number, is already
   *     taken in the tenant
   */
  Invoice save(Invoice invoice);

  /**
   * Loads an invoice by id.
   *
   * @param tenant the tenant, not null
   * @param id the invoice id, not null
   * @return the invoice, or empty if the tenant has none with that id
   */
  Optional<Invoice> findById(TenantId tenant, InvoiceId id);

  /**
   * Loads an invoice by number.
   *
   * @param tenant the tenant, not null
   * @param number the number, not null
   * @return the invoice, or empty if the tenant has none with that number
   */
  Optional<Invoice> findByNumber(TenantId tenant, InvoiceNumber number);

  /**
   * The invoices of one account, ordered by id.
   *
   * @param tenant the tenant, not null
   * @param account the account, not null
   * @param page which page, not null
   * @return the page, not null
   */
  Page<Invoice> findByAccount(TenantId tenant, AccountId account, PageRequest page);

  /**
   * The invoices stored with one status, ordered by id.
   *
   * @param tenant the tenant, not null
   * @param status the stored status, not null
   * @param page which page, not null
   * @return the page, not null
   */
  Page<Invoice> findByStatus(TenantId tenant, InvoiceStatus status, PageRequest page);

  /**
   * Invoices stored as SENT or PARTIALLY_PAID whose due date is before {@code today} and with a
   * positive balance due: the candidates of the overdue sweep, ordered by id, at most
   * {@code limit}.
   *
   * @param tenant the tenant, not null
   * @param today the business date, not null
   * @param limit how many at most, positive
   * @return the candidates, not null
   */
  List<Invoice> findDueForOverdue(TenantId tenant, LocalDate today, int limit);

  /**
   * Stores the lifecycle's overdue decision for many invoices at once: every invoice of the tenant
   * stored in a status from which {@code InvoiceLifecycle} allows MARK_OVERDUE (SENT,
   * PARTIALLY_PAID), due before {@code today} and with a positive balance becomes OVERDUE with its
   * next version, in one set-based write guarded by those same conditions, so an invoice paid in
   * the meantime is never marked. At most {@code limit} invoices are moved per call, in no
   * particular order; the caller calls again until fewer than {@code limit} come back. An
   * implementation shared by several application instances must never let two concurrent calls
   * move the same invoice (the JDBC adapter claims rows with {@code FOR UPDATE SKIP LOCKED}).
   *
   * <p>Runs in the caller's transaction; the caller publishes one OVERDUE event per returned
   * element. It returns, for each invoice moved and only for those, a {@link MarkedOverdue} with
   * the values stored by this call: the id, the number, the new version (the version read plus
   * one) and the total, amount paid and balance due (which the move does not change). It need not
   * read lines, payments or anything else of the invoices; {@link MarkedOverdue#of(Invoice)} makes
   * the element from a whole invoice as stored after the move.
   *
   * @param tenant the tenant, not null
   * @param today the business date, not null
   * @param limit how many at most, positive
   * @return one element per invoice moved, not null, no invoice twice
   */
  List<MarkedOverdue> markOverdue(TenantId tenant, LocalDate today, int limit);
}
