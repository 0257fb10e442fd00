package dev.invoicekit.service;

import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.events.InvoiceEventType;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.lifecycle.InvoiceLifecycle;
import dev.invoicekit.ports.IdSource;
import dev.invoicekit.ports.InvoiceEvents;
import dev.invoicekit.ports.Invoices;
import dev.invoicekit.ports.MarkedOverdue;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks a tenant's invoices that became overdue as of today, in batches of a set-based, guarded
 * write ({@link Invoices#markOverdue}) with one OVERDUE event per invoice in the same transaction.
 * Invoices are not loaded: the events are made from what the write returns.
 *
 * <p>Stateless and thread-safe.
 */
final class OverdueSweep {

  // The service's logger: hosts configure one category for what the service does.
  private static final Logger LOG = LoggerFactory.getLogger(InvoiceService.class);
  private static final int SWEEP_BATCH = 500;

  private final Invoices invoices;
  private final InvoiceEvents events;
  private final BusinessClock clock;
  private final IdSource ids;
  private final CommandRunner runner;

  OverdueSweep(
      Invoices invoices,
      InvoiceEvents events,
      BusinessClock clock,
      IdSource ids,
      CommandRunner runner) {
    this.invoices = invoices;
    this.events = events;
    this.clock = clock;
    this.ids = ids;
    this.runner = runner;
  }

  /**
   * Sweeps one tenant.
   *
   * @param tenant the tenant, not null
   * @return the invoices marked, with their new versions, not null
   */
  List<MarkedOverdue> sweep(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    LocalDate today = clock.today();
    List<MarkedOverdue> marked = new ArrayList<>();
    while (true) {
      List<MarkedOverdue> batch = runner.inRetriedTransaction(() -> {
        List<MarkedOverdue> moved =
            invoices.markOverdue(tenant, InvoiceLifecycle.overdueRule(today), SWEEP_BATCH);
        if (!moved.isEmpty()) {
          List<InvoiceEvent> overdue = new ArrayList<>(moved.size());
          for (MarkedOverdue invoice : moved) {
            overdue.add(overdueEvent(tenant, invoice));
          }
          events.publishAll(overdue);
        }
        return moved;
      });
      marked.addAll(batch);
      if (batch.size() < SWEEP_BATCH) {
        break;
      }
    }
    LOG.info("Overdue sweep of tenant {} as of {}: {} invoices marked", tenant, today,
        marked.size());
    return marked;
  }

  /** The same event {@link InvoiceEvent#of} makes from the invoice, from the sweep's result. */
  private InvoiceEvent overdueEvent(TenantId tenant, MarkedOverdue invoice) {
    return new InvoiceEvent.Builder()
        .eventId(ids.newId())
        .type(InvoiceEventType.OVERDUE)
        .tenant(tenant)
        .invoiceId(invoice.id())
        .number(invoice.number())
        .version(invoice.version())
        .occurredAt(clock.now())
        .status(InvoiceStatus.OVERDUE)
        .total(invoice.total())
        .amountPaid(invoice.amountPaid())
        .amountDue(invoice.amountDue())
        .build();
  }
}
