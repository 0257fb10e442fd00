package dev.invoicekit.jdbc.reliability;

import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.JdbcInvoices;
import dev.invoicekit.jdbc.JdbcTransactions;
import dev.invoicekit.ports.Page;
import dev.invoicekit.ports.PageRequest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Reads what is committed, on healthy connections, and lists every broken promise of one tenant:
 * a header that disagrees with its lines, payments or settlements, an orphan line, payment or
 * settlement, a stored version (of an invoice, a credit note, an account's ledger) without its
 * outbox event, an event without its stored version, a ledger whose balance is not the sum of its
 * entries or whose sequence has a gap.
 */
final class Audit {

  /**
   * A tenant's headers (H), line, payment and settlement counts (L, P, S), credit notes (C),
   * ledger entries (A: sequence, currency in the status column, signed amount, balance after) and
   * balances (B), and outbox versions per subject (E, N, K).
   */
  private static final String TENANT_ROWS = "SELECT 'H', invoice_id, version, status, amount_paid,"
      + " total_amount FROM ik_invoice WHERE tenant_id = ?"
      + " UNION ALL SELECT 'L', invoice_id, COUNT(*), NULL, NULL, NULL FROM ik_invoice_line"
      + " WHERE tenant_id = ? GROUP BY invoice_id"
      + " UNION ALL SELECT 'P', invoice_id, COUNT(*), NULL, NULL, NULL FROM ik_payment"
      + " WHERE tenant_id = ? GROUP BY invoice_id"
      + " UNION ALL SELECT 'S', invoice_id, COUNT(*), NULL, NULL, NULL FROM ik_settlement"
      + " WHERE tenant_id = ? GROUP BY invoice_id"
      + " UNION ALL SELECT 'C', credit_note_id, version, status, NULL, NULL FROM ik_credit_note"
      + " WHERE tenant_id = ?"
      + " UNION ALL SELECT 'A', account_id, seq, currency, CASE WHEN kind IN ('OVERPAYMENT',"
      + " 'CREDIT_NOTE') THEN amount ELSE -amount END, balance_after FROM ik_account_credit_entry"
      + " WHERE tenant_id = ?"
      + " UNION ALL SELECT 'B', account_id, 0, currency, balance, NULL FROM"
      + " ik_account_credit_balance WHERE tenant_id = ?"
      + " UNION ALL SELECT CASE subject_kind WHEN 'INVOICE' THEN 'E' WHEN 'CREDIT_NOTE' THEN 'N'"
      + " ELSE 'K' END, invoice_id, invoice_version, NULL, NULL, NULL FROM ik_outbox"
      + " WHERE tenant_id = ?";
  private static final int TENANT_PARAMETERS = 8;

  private final DataSource dataSource;
  private final JdbcTransactions transactions;
  private final JdbcInvoices invoices;

  Audit(DataSource dataSource) {
    this.dataSource = dataSource;
    this.transactions = JdbcTransactions.of(dataSource);
    this.invoices = new JdbcInvoices(transactions);
  }

  /** Every invoice of the tenant as stored, by id. */
  Map<InvoiceId, Invoice> snapshot(TenantId tenant) {
    Map<InvoiceId, Invoice> all = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
    // One transaction, so one connection for all the reads.
    transactions.inTransaction(() -> {
      for (InvoiceStatus status : InvoiceStatus.values()) {
        Optional<PageRequest> request = Optional.of(PageRequest.first(1000));
        while (request.isPresent()) {
          Page<Invoice> page = invoices.findByStatus(tenant, status, request.get());
          page.items().forEach(invoice -> all.put(invoice.id(), invoice));
          request = request.get().next(page);
        }
      }
      return null;
    });
    return all;
  }

  /** The broken promises of the tenant; empty when all hold. */
  List<String> violations(TenantId tenant) {
    return violations(tenant, snapshot(tenant));
  }

  /**
   * The broken promises of the tenant, given its invoices as {@link #snapshot} (or any listing
   * through the repository) just read them. One query reads the tenant's headers, line and payment
   * counts and outbox versions, so it is cheap enough to run after every step of a sequence.
   */
  List<String> violations(TenantId tenant, Map<InvoiceId, Invoice> stored) {
    List<String> violations = new ArrayList<>();
    Map<String, Header> headers = new TreeMap<>();
    Map<String, Long> lines = new TreeMap<>();
    Map<String, Long> payments = new TreeMap<>();
    Map<String, List<Long>> events = new TreeMap<>();
    Map<String, Long> settlements = new TreeMap<>();
    Map<String, Long> notes = new TreeMap<>();
    Map<String, List<Long>> noteEvents = new TreeMap<>();
    Map<String, List<Entry>> ledgers = new TreeMap<>();
    Map<String, BigDecimal> balances = new TreeMap<>();
    Map<String, List<Long>> ledgerEvents = new TreeMap<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(TENANT_ROWS)) {
      for (int i = 1; i <= TENANT_PARAMETERS; i++) {
        select.setString(i, tenant.value());
      }
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          String id = rs.getString(2);
          switch (rs.getString(1)) {
            case "H" -> headers.put(id, new Header(id, rs.getLong(3), rs.getString(4),
                rs.getBigDecimal(5), rs.getBigDecimal(6)));
            case "L" -> lines.put(id, rs.getLong(3));
            case "P" -> payments.put(id, rs.getLong(3));
            case "S" -> settlements.put(id, rs.getLong(3));
            case "C" -> notes.put(id, rs.getLong(3));
            case "A" -> ledgers.computeIfAbsent(id, k -> new ArrayList<>()).add(new Entry(
                rs.getLong(3), rs.getString(4).trim(), rs.getBigDecimal(5), rs.getBigDecimal(6)));
            case "B" -> balances.put(id + " " + rs.getString(4).trim(), rs.getBigDecimal(5));
            case "N" -> noteEvents.computeIfAbsent(id, k -> new ArrayList<>()).add(rs.getLong(3));
            case "K" -> ledgerEvents.computeIfAbsent(id, k -> new ArrayList<>())
                .add(rs.getLong(3));
            default -> events.computeIfAbsent(id, k -> new ArrayList<>()).add(rs.getLong(3));
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot audit tenant " + tenant, e);
    }
    events.values().forEach(versions -> versions.sort(null));
    noteEvents.values().forEach(versions -> versions.sort(null));
    ledgerEvents.values().forEach(versions -> versions.sort(null));
    for (String id : settlements.keySet()) {
      if (!headers.containsKey(id)) {
        violations.add("orphan settlements of " + id);
      }
    }
    for (Map.Entry<String, Long> note : notes.entrySet()) {
      List<Long> actual = noteEvents.getOrDefault(note.getKey(), List.of());
      if (!actual.equals(oneTo(note.getValue()))) {
        violations.add("credit note " + note.getKey() + " at version " + note.getValue()
            + " has the events of versions " + actual);
      }
    }
    for (String id : noteEvents.keySet()) {
      if (!notes.containsKey(id)) {
        violations.add("events " + noteEvents.get(id) + " of credit note " + id
            + ", which is not stored");
      }
    }
    Map<String, BigDecimal> sums = new TreeMap<>();
    for (Map.Entry<String, List<Entry>> ledger : ledgers.entrySet()) {
      List<Entry> entries = ledger.getValue();
      entries.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
      List<Long> sequences = entries.stream().map(Entry::sequence).toList();
      if (!sequences.equals(oneTo(entries.size()))) {
        violations.add("the ledger of " + ledger.getKey() + " has the sequences " + sequences);
      }
      for (Entry entry : entries) {
        String key = ledger.getKey() + " " + entry.currency();
        BigDecimal sum = sums.getOrDefault(key, BigDecimal.ZERO).add(entry.signed());
        sums.put(key, sum);
        if (sum.signum() < 0 || sum.compareTo(entry.balanceAfter()) != 0) {
          violations.add("entry " + entry.sequence() + " of the ledger of " + key
              + " records a balance of " + entry.balanceAfter() + " after a sum of " + sum);
        }
      }
      List<Long> actual = ledgerEvents.getOrDefault(ledger.getKey(), List.of());
      if (!actual.equals(sequences)) {
        violations.add("the ledger of " + ledger.getKey() + " has the entries " + sequences
            + " but the events of " + actual);
      }
    }
    for (String id : ledgerEvents.keySet()) {
      if (!ledgers.containsKey(id)) {
        violations.add("ledger events " + ledgerEvents.get(id) + " of " + id
            + ", which has no entries");
      }
    }
    Set<String> currencies = new TreeSet<>(sums.keySet());
    currencies.addAll(balances.keySet());
    for (String key : currencies) {
      BigDecimal sum = sums.getOrDefault(key, BigDecimal.ZERO);
      BigDecimal balance = balances.getOrDefault(key, BigDecimal.ZERO);
      if (sum.compareTo(balance) != 0) {
        violations.add("the balance of " + key + " is " + balance + " but its entries add up to "
            + sum);
      }
    }
    for (String id : lines.keySet()) {
      if (!headers.containsKey(id)) {
        violations.add("orphan lines of " + id);
      }
    }
    for (String id : payments.keySet()) {
      if (!headers.containsKey(id)) {
        violations.add("orphan payments of " + id);
      }
    }
    for (String id : events.keySet()) {
      if (!headers.containsKey(id)) {
        violations.add("events " + events.get(id) + " of " + id + ", which is not stored");
      }
    }
    for (InvoiceId id : stored.keySet()) {
      if (!headers.containsKey(id.value())) {
        violations.add(id + " is listed but has no header row");
      }
    }
    for (Header header : headers.values()) {
      Invoice invoice = stored.get(InvoiceId.of(header.id()));
      if (invoice == null) {
        violations.add("header row of " + header.id() + " is missing from the listing");
        continue;
      }
      if (invoice.version() != header.version()
          || invoice.status() != InvoiceStatus.valueOf(header.status())
          || invoice.totals().amountPaid().getAmount().compareTo(header.amountPaid()) != 0
          || invoice.totals().total().getAmount().compareTo(header.total()) != 0) {
        violations.add("header of " + header.id() + " disagrees with its content: " + header);
      }
      if (lines.getOrDefault(header.id(), 0L) != invoice.lines().size()) {
        violations.add(header.id() + " has " + lines.getOrDefault(header.id(), 0L)
            + " line rows for " + invoice.lines().size() + " lines");
      }
      if (settlements.getOrDefault(header.id(), 0L) != invoice.settlements().size()) {
        violations.add(header.id() + " has " + settlements.getOrDefault(header.id(), 0L)
            + " settlement rows for " + invoice.settlements().size() + " settlements");
      }
      if (payments.getOrDefault(header.id(), 0L) != invoice.payments().size()) {
        violations.add(header.id() + " has " + payments.getOrDefault(header.id(), 0L)
            + " payment rows for " + invoice.payments().size() + " payments");
      }
      List<Long> expected = oneTo(header.version());
      List<Long> actual = events.getOrDefault(header.id(), List.of());
      if (!actual.equals(expected)) {
        violations.add(header.id() + " at version " + header.version()
            + " has the events of versions " + actual);
      }
    }
    return violations;
  }

  private static List<Long> oneTo(long last) {
    List<Long> all = new ArrayList<>();
    for (long v = 1; v <= last; v++) {
      all.add(v);
    }
    return all;
  }

  /**
   * The tenant's credit notes and ledger entries as committed, as text rows in a fixed order: what
   * a failed command must leave exactly as it was.
   */
  List<String> creditRows(TenantId tenant) {
    List<String> rows = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT 'C', credit_note_id,"
            + " version, status, credit_note_number, total_amount FROM ik_credit_note"
            + " WHERE tenant_id = ? UNION ALL SELECT 'A', entry_id, seq, kind, currency, amount"
            + " FROM ik_account_credit_entry WHERE tenant_id = ? UNION ALL SELECT 'B',"
            + " account_id, 0, currency, NULL, balance FROM ik_account_credit_balance"
            + " WHERE tenant_id = ?")) {
      for (int i = 1; i <= 3; i++) {
        select.setString(i, tenant.value());
      }
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getLong(3) + "|"
              + rs.getString(4) + "|" + rs.getString(5) + "|"
              + rs.getBigDecimal(6).stripTrailingZeros().toPlainString());
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the credit rows of " + tenant, e);
    }
    rows.sort(null);
    return rows;
  }

  /** Outbox rows in a state, all tenants. */
  long outboxRows(String state) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT COUNT(*) FROM ik_outbox WHERE state = ?")) {
      select.setString(1, state);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot count the outbox", e);
    }
  }

  /** The invoice numbers stored for the tenant. */
  List<String> numbers(TenantId tenant) {
    List<String> numbers = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT invoice_number FROM"
            + " ik_invoice WHERE tenant_id = ? AND invoice_number IS NOT NULL")) {
      select.setString(1, tenant.value());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          numbers.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the numbers of " + tenant, e);
    }
    return numbers;
  }

  private record Header(String id, long version, String status, BigDecimal amountPaid,
      BigDecimal total) {}

  private record Entry(long sequence, String currency, BigDecimal signed,
      BigDecimal balanceAfter) {}
}
