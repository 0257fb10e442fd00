package dev.invoicekit.jdbc;

import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.internal.Sql;
import dev.invoicekit.jdbc.internal.SqlErrors;
import dev.invoicekit.ports.IdempotencyKeyTakenException;
import dev.invoicekit.ports.IdempotencyKeys;
import dev.invoicekit.ports.IdempotencyRecord;
import dev.invoicekit.ports.InvoicePersistenceException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * Idempotency keys on JDBC: one row per tenant and key in {@code ik_idempotency_key}, written in
 * the current transaction together with the command's effect, so a key is recorded if and only if
 * the command committed.
 *
 * <p>When two transactions record the same key at once, the database's primary key lets one
 * through; the other throws {@link IdempotencyKeyTakenException}, which is retryable: the
 * service's next attempt finds the key and returns the first result. Thread-safe.
 */
public final class JdbcIdempotencyKeys implements IdempotencyKeys {

  private final JdbcTransactions transactions;

  /**
   * Creates the store.
   *
   * @param transactions the transactions it reads and writes in, not null
   */
  public JdbcIdempotencyKeys(JdbcTransactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  /**
   * The record of a key of the tenant, if it was used.
   *
   * @param tenant the tenant, not null
   * @param key the key, not null
   * @return the record, or empty
   * @throws InvoicePersistenceException if the database fails
   */
  @Override
  public Optional<IdempotencyRecord> find(TenantId tenant, String key) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(key, "key");
    return transactions.withConnection("look up idempotency key '" + key + "' in tenant "
        + tenant, connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(Sql.SELECT_IDEMPOTENCY_KEY)) {
            select.setString(1, tenant.value());
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              return Optional.of(new IdempotencyRecord(tenant, key, rs.getString("fingerprint"),
                  rs.getString("invoice_id"), rs.getLong("result_version")));
            }
          }
        });
  }

  /**
   * Records a key in the current transaction.
   *
   * @param record the record, not null
   * @throws IdempotencyKeyTakenException if the key is already recorded in the tenant, possibly
   *     by a transaction that committed a moment ago; retryable
   * @throws InvoicePersistenceException if the database fails otherwise
   */
  @Override
  public void remember(IdempotencyRecord record) {
    Objects.requireNonNull(record, "record");
    transactions.withConnection("record idempotency key '" + record.key() + "' in tenant "
        + record.tenant(), connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(Sql.INSERT_IDEMPOTENCY_KEY)) {
            insert.setString(1, record.tenant().value());
            insert.setString(2, record.key());
            insert.setString(3, record.fingerprint());
            insert.setString(4, record.resultId());
            insert.setLong(5, record.resultVersion());
            insert.executeUpdate();
          } catch (SQLException e) {
            if (SqlErrors.isUniqueViolation(e)) {
              IdempotencyKeyTakenException taken = new IdempotencyKeyTakenException(
                  record.tenant(), record.key(), "Idempotency key '" + record.key()
                      + "' is already recorded in tenant " + record.tenant() + "; the command is"
                      + " tried again and returns the first result");
              taken.initCause(e);
              throw taken;
            }
            throw e;
          }
          return null;
        });
  }
}
