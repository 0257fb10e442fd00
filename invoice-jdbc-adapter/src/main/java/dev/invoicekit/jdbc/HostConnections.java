package dev.invoicekit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Gives the connection of the transaction the host already holds, such as the one its framework
 * bound to the current thread. The adapter runs its statements on it and never commits, rolls back
 * or closes it: the host's transaction decides.
 */
@FunctionalInterface
public interface HostConnections {

  /**
   * The connection of the host's current transaction.
   *
   * @return the connection, with auto-commit off, not null
   * @throws SQLException if there is none
   */
  Connection currentConnection() throws SQLException;
}
