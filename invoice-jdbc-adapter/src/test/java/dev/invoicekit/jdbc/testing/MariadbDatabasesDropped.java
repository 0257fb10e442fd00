package dev.invoicekit.jdbc.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Drops the MariaDB databases the tests made, when the test JVM ends: one shutdown hook, one
 * connection, one database after the other. A hook per database would open hundreds of connections
 * at the same moment and meet the server's connection limit, leaving databases behind.
 */
final class MariadbDatabasesDropped {

  private static final List<String> NAMES = new ArrayList<>();
  private static DataSource admin;

  private MariadbDatabasesDropped() {}

  /** Drops {@code name} through {@code server} when the JVM ends. */
  static synchronized void atExit(DataSource server, String name) {
    if (admin == null) {
      admin = server;
      Runtime.getRuntime().addShutdownHook(new Thread(MariadbDatabasesDropped::dropAll));
    }
    NAMES.add(name);
  }

  private static synchronized void dropAll() {
    try (Connection connection = admin.getConnection();
        Statement statement = connection.createStatement()) {
      for (String name : NAMES) {
        statement.execute("DROP DATABASE IF EXISTS " + name);
      }
    } catch (SQLException e) {
      // The JVM is ending; what is left is dropped by hand (names start with ik_).
      System.err.println("Could not drop every MariaDB test database: " + e.getMessage());
    }
  }
}
