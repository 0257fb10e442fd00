package dev.invoicekit.inmemory;

import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.Settlement;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.lifecycle.InvoiceLifecycle;
import dev.invoicekit.lifecycle.OverdueRule;
import dev.invoicekit.ports.DuplicateInvoiceException;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.ports.Invoices;
import dev.invoicekit.ports.MarkedOverdue;
import dev.invoicekit.ports.Page;
import dev.invoicekit.ports.PageRequest;
import dev.invoicekit.ports.PaymentsRewrittenException;
import dev.invoicekit.ports.StaleInvoiceException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The repository in memory: invoices by tenant and id, with the same version and uniqueness rules
 * as the JDBC adapter.
 *
 * <p>Thread-safe.
 */
public final class InMemoryInvoices implements Invoices {

  private final InMemoryTransactions transactions;
  /** Per tenant: invoices ordered by id (the paging key). */
  private final Map<TenantId, TreeMap<String, Invoice>> byTenant = new HashMap<>();

  /**
   * Creates an empty repository.
   *
   * @param transactions the transactions it takes part in, not null
   */
  public InMemoryInvoices(InMemoryTransactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  @Override
  public Invoice save(Invoice invoice) {
    Objects.requireNonNull(invoice, "invoice");
    return transactions.inTransaction(
        () -> {
          TreeMap<String, Invoice> invoices =
              byTenant.computeIfAbsent(invoice.tenant(), t -> new TreeMap<>());
          String key = invoice.id().value();
          Invoice stored = invoices.get(key);
          long storedVersion = stored == null ? -1 : stored.version();
          if (stored == null && invoice.version() != 0) {
            throw new StaleInvoiceException(invoice.id(), invoice.version(), -1);
          }
          if (stored != null && invoice.version() == 0) {
            throw new DuplicateInvoiceException(invoice.tenant(), invoice.id(), invoice.number(),
                "Invoice id " + invoice.id() + " is already taken in tenant " + invoice.tenant()
                    + "; a new invoice needs a new id");
          }
          if (stored != null && storedVersion != invoice.version()) {
            throw new StaleInvoiceException(invoice.id(), invoice.version(), storedVersion);
          }
          invoice.number().ifPresent(number -> requireNumberFree(invoices, invoice, number));
          if (stored != null) {
            PaymentsRewrittenException.requireStoredPrefix(invoice, stored.payments());
            requireStoredSettlements(invoice, stored);
          }
          Invoice saved =
              invoice.withVersion(invoice.version() + 1);
          transactions.write(
              () -> invoices.put(key, saved),
              () -> {
                if (stored == null) {
                  invoices.remove(key);
                } else {
                  invoices.put(key, stored);
                }
              });
          return saved;
        });
  }

  /** Settlements are append-only, as payments are. */
  private static void requireStoredSettlements(Invoice invoice, Invoice stored) {
    List<Settlement> given = invoice.settlements();
    List<Settlement> kept = stored.settlements();
    if (given.size() < kept.size() || !given.subList(0, kept.size()).equals(kept)) {
      throw new InvoicePersistenceException("Invoice " + invoice.id() + ": a save must keep the"
          + " " + kept.size() + " stored settlements unchanged as the start of its own; they are"
          + " never removed or rewritten");
    }
  }

  private static void requireNumberFree(
      TreeMap<String, Invoice> invoices, Invoice invoice, InvoiceNumber number) {
    for (Invoice other : invoices.values()) {
      if (!other.id().equals(invoice.id()) && other.number().equals(invoice.number())) {
        throw new DuplicateInvoiceException(invoice.tenant(), invoice.id(), invoice.number(),
            "Invoice number " + number + " is already used by invoice " + other.id()
                + " in tenant " + invoice.tenant() + "; numbers are unique, choose another");
      }
    }
  }

  @Override
  public Optional<Invoice> findById(TenantId tenant, InvoiceId id) {
    return transactions.read(
        () -> {
          TreeMap<String, Invoice> invoices = byTenant.get(tenant);
          return Optional.ofNullable(invoices == null ? null : invoices.get(id.value()));
        });
  }

  @Override
  public Optional<Invoice> findByNumber(TenantId tenant, InvoiceNumber number) {
    return transactions.read(
        () ->
            byTenant.getOrDefault(tenant, new TreeMap<>()).values().stream()
                .filter(invoice -> invoice.number().equals(Optional.of(number)))
                .findFirst());
  }

  @Override
  public Page<Invoice> findByAccount(TenantId tenant, AccountId account, PageRequest page) {
    return page(tenant, page, invoice -> invoice.account().equals(account));
  }

  @Override
  public Page<Invoice> findByStatus(TenantId tenant, InvoiceStatus status, PageRequest page) {
    return page(tenant, page, invoice -> invoice.status() == status);
  }

  @Override
  public List<MarkedOverdue> markOverdue(TenantId tenant, OverdueRule rule, int limit) {
    Objects.requireNonNull(rule, "rule");
    return transactions.inTransaction(
        () -> {
          List<MarkedOverdue> moved = new ArrayList<>();
          // A page holds at most 1000; the caller calls again until fewer than asked come back.
          PageRequest batch = PageRequest.first(Math.min(limit, 1000));
          for (Invoice candidate : page(tenant, batch, rule::appliesTo).items()) {
            moved.add(MarkedOverdue.of(
                save(InvoiceLifecycle.markOverdue(candidate, rule.asOf()).invoice())));
          }
          return moved;
        });
  }

  private Page<Invoice> page(TenantId tenant, PageRequest request, Predicate<Invoice> filter) {
    return transactions.read(
        () -> {
          TreeMap<String, Invoice> invoices = byTenant.getOrDefault(tenant, new TreeMap<>());
          Map<String, Invoice> after =
              request.afterKey().map(key -> invoices.tailMap(key, false)).orElse(invoices);
          List<Invoice> items = new ArrayList<>();
          for (Invoice invoice : after.values()) {
            if (filter.test(invoice)) {
              if (items.size() == request.limit()) {
                return new Page<>(items, Optional.of(items.get(items.size() - 1).id().value()));
              }
              items.add(invoice);
            }
          }
          return new Page<>(items, Optional.empty());
        });
  }
}
