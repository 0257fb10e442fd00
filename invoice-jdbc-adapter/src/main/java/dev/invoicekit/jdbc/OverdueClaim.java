package dev.invoicekit.jdbc;

import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.internal.Sql;
import dev.invoicekit.jdbc.internal.SqlErrors;
import dev.invoicekit.lifecycle.OverdueRule;
import dev.invoicekit.ports.MarkedOverdue;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.joda.money.CurrencyUnit;

/**
 * The overdue sweep's set-based write: claims up to a limit of the rows the overdue rule applies
 * to ({@code FOR UPDATE SKIP LOCKED}, one statement per status the rule moves from), then moves
 * them with one UPDATE guarded again by the rule. The rule's statuses and date are bound
 * parameters; the guard is the rule's ({@code due_date < asOf AND amount_due > 0}). Nothing but
 * what the OVERDUE events carry is read.
 */
final class OverdueClaim {

  private OverdueClaim() {}

  /** Moves up to {@code limit} invoices of the tenant that the rule applies to. */
  static List<MarkedOverdue> mark(Connection connection, TenantId tenant, OverdueRule rule,
      int limit) throws SQLException {
    // Sorted by name: a fixed order of claims whatever order the rule's set has.
    List<String> statuses = rule.from().stream().map(InvoiceStatus::name).sorted().toList();
    List<Claimed> claimed = new ArrayList<>();
    for (String status : statuses) {
      if (claimed.size() == limit) {
        break;
      }
      claim(connection, tenant, status, rule, limit - claimed.size(), claimed);
    }
    if (claimed.isEmpty()) {
      return List.of();
    }
    try (PreparedStatement mark = connection.prepareStatement(
        Sql.markOverdue(statuses.size(), claimed.size()))) {
      int i = 1;
      mark.setString(i++, rule.to().name());
      mark.setString(i++, tenant.value());
      for (Claimed row : claimed) {
        mark.setString(i++, row.id);
      }
      for (String status : statuses) {
        mark.setString(i++, status);
      }
      mark.setObject(i, rule.asOf());
      int updated = mark.executeUpdate();
      if (updated != claimed.size()) {
        // Cannot happen while the claim's row locks hold; if a database lets it, the values
        // read would not be the ones stored, so roll back and let the caller try again.
        throw SqlErrors.retryable("The overdue sweep claimed " + claimed.size()
            + " invoices of tenant " + tenant + " but moved " + updated);
      }
    }
    List<MarkedOverdue> moved = new ArrayList<>(claimed.size());
    for (Claimed row : claimed) {
      moved.add(row.marked());
    }
    return moved;
  }

  /**
   * Claims up to {@code limit} candidates in one status, adding them to {@code claimed}. One
   * status per query: with an equality on the status, the sweep index yields the candidates in
   * due-date order, so the claim reads about as many index entries as it returns and the planner
   * cannot prefer a table scan that hopes to meet candidates early.
   */
  private static void claim(Connection connection, TenantId tenant, String status,
      OverdueRule rule, int limit, List<Claimed> claimed) throws SQLException {
    try (PreparedStatement claim = connection.prepareStatement(Sql.CLAIM_OVERDUE_CANDIDATES)) {
      claim.setString(1, tenant.value());
      claim.setString(2, status);
      claim.setObject(3, rule.asOf());
      claim.setInt(4, limit);
      try (ResultSet rs = claim.executeQuery()) {
        while (rs.next()) {
          claimed.add(Claimed.read(rs));
        }
      }
    }
  }

  /** A row locked by the claim, with what its OVERDUE event carries. */
  private record Claimed(String id, long version, String number, CurrencyUnit currency,
      BigDecimal total, BigDecimal paid, BigDecimal due) {

    static Claimed read(ResultSet rs) throws SQLException {
      return new Claimed(
          rs.getString("invoice_id"),
          rs.getLong("version"),
          rs.getString("invoice_number"),
          CurrencyUnit.of(rs.getString("currency")),
          rs.getBigDecimal("total_amount"),
          rs.getBigDecimal("amount_paid"),
          rs.getBigDecimal("amount_due"));
    }

    /** As stored by the sweep's UPDATE, which adds one to the version and changes no amount. */
    MarkedOverdue marked() {
      return new MarkedOverdue(InvoiceId.of(id), InvoiceNumber.of(number), version + 1,
          StoredMoney.of(currency, total), StoredMoney.of(currency, paid),
          StoredMoney.of(currency, due));
    }
  }
}
