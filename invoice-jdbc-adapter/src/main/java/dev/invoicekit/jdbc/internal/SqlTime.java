package dev.invoicekit.jdbc.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants in {@code TIMESTAMP} / {@code DATETIME(6)} columns: stored as UTC wall-clock time, cut
 * to microseconds (what all three databases keep), so the session's time zone never shifts them
 * and a stored instant is never later than the one it came from.
 */
public final class SqlTime {

  private SqlTime() {}

  /**
   * The column value for an instant.
   *
   * @param instant the instant
   * @return UTC date-time, whole microseconds
   */
  public static LocalDateTime column(Instant instant) {
    return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  /**
   * Reads what {@link #column(Instant)} stored.
   *
   * @param rs the row
   * @param column the column name
   * @return the instant, or null for SQL NULL
   * @throws SQLException if the driver fails
   */
  public static Instant read(ResultSet rs, String column) throws SQLException {
    LocalDateTime value = rs.getObject(column, LocalDateTime.class);
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }
}
