package dev.invoicekit.inmemory;

import dev.invoicekit.credit.CreditNote;
import dev.invoicekit.credit.CreditNoteId;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.ports.CreditNotes;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.ports.StaleCreditNoteException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Credit notes in memory, by tenant and id, with the same version and uniqueness rules as the
 * JDBC adapter.
 *
 * <p>Thread-safe.
 */
public final class InMemoryCreditNotes implements CreditNotes {

  private final InMemoryTransactions transactions;
  private final Map<TenantId, TreeMap<String, CreditNote>> byTenant = new HashMap<>();

  /**
   * Creates an empty repository.
   *
   * @param transactions the transactions it takes part in, not null
   */
  public InMemoryCreditNotes(InMemoryTransactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  @Override
  public CreditNote save(CreditNote note) {
    Objects.requireNonNull(note, "note");
    return transactions.inTransaction(() -> {
      TreeMap<String, CreditNote> notes =
          byTenant.computeIfAbsent(note.tenant(), t -> new TreeMap<>());
      String key = note.id().value();
      CreditNote stored = notes.get(key);
      if (stored == null && note.version() != 0) {
        throw new StaleCreditNoteException(note.id(), note.version(), -1);
      }
      if (stored != null && note.version() == 0) {
        throw new InvoicePersistenceException("Credit note id " + note.id()
            + " is already taken in tenant " + note.tenant() + "; a new note needs a new id");
      }
      if (stored != null && stored.version() != note.version()) {
        throw new StaleCreditNoteException(note.id(), note.version(), stored.version());
      }
      if (note.number().isPresent()) {
        for (CreditNote other : notes.values()) {
          if (!other.id().equals(note.id()) && other.number().equals(note.number())) {
            throw new InvoicePersistenceException("Credit note number " + note.number().get()
                + " is already used in tenant " + note.tenant());
          }
        }
      }
      CreditNote saved = note.withVersion(note.version() + 1);
      transactions.write(() -> notes.put(key, saved), () -> {
        if (stored == null) {
          notes.remove(key);
        } else {
          notes.put(key, stored);
        }
      });
      return saved;
    });
  }

  @Override
  public Optional<CreditNote> findById(TenantId tenant, CreditNoteId id) {
    return transactions.read(() -> {
      TreeMap<String, CreditNote> notes = byTenant.get(tenant);
      return Optional.ofNullable(notes == null ? null : notes.get(id.value()));
    });
  }

  @Override
  public List<CreditNote> findByInvoice(TenantId tenant, InvoiceId invoice) {
    return transactions.read(() -> {
      List<CreditNote> found = new ArrayList<>();
      for (CreditNote note : byTenant.getOrDefault(tenant, new TreeMap<>()).values()) {
        if (note.invoiceId().equals(invoice)) {
          found.add(note);
        }
      }
      return found;
    });
  }
}
