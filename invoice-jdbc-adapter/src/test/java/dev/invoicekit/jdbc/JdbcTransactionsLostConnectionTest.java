package dev.invoicekit.jdbc;

import static dev.invoicekit.jdbc.testing.JdbcDatabase.invoiceRows;
import static dev.invoicekit.testkit.contract.SampleInvoices.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.invoicekit.jdbc.testing.JdbcDatabase;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.ports.InvoicePersistenceException.Kind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The two ends of an adapter transaction when the database goes away, with the drivers' real
 * exceptions: a connection refused at the start is transient (nothing was done); a connection the
 * server ends before the commit answers leaves the outcome unknown.
 */
class JdbcTransactionsLostConnectionTest {

  @ParameterizedTest(name = "on {0}")
  @EnumSource(Dialect.class)
  void aConnectionRefusedAtTheStartOfATransactionIsTransient(Dialect dialect) throws Exception {
    JdbcTransactions transactions = JdbcTransactions.of(refusing(dialect, unusedLoopbackPort()));
    JdbcInvoices invoices = new JdbcInvoices(transactions);

    InvoicePersistenceException failure = catchThrowableOfType(
        InvoicePersistenceException.class,
        () -> transactions.inTransaction(() -> invoices.save(draft("inv-1"))));

    assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(failure.isRetryable()).isTrue();
    assertThat(failure.getMessage())
        .startsWith("Could not begin a transaction: the connection to the database failed")
        .contains("Retry the whole command later")
        .doesNotContain("127.0.0.1", "refused. Check", "Socket fail");
    assertThat(failure.getCause()).isInstanceOf(SQLException.class);
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aConnectionTheServerEndsBeforeTheCommitLeavesTheOutcomeUnknown(JdbcDatabase database) {
    DataSource dataSource = database.create();
    JdbcTransactions transactions = JdbcTransactions.of(dataSource);
    JdbcInvoices invoices = new JdbcInvoices(transactions);

    InvoicePersistenceException failure = catchThrowableOfType(
        InvoicePersistenceException.class,
        () -> transactions.inTransaction(() -> {
          invoices.save(draft("inv-1"));
          return transactions.withConnection("end the session",
              connection -> endSession(database, dataSource, connection));
        }));

    assertThat(failure.kind()).isEqualTo(Kind.OUTCOME_UNKNOWN);
    assertThat(failure.isOutcomeUnknown()).isTrue();
    assertThat(failure.getMessage())
        .startsWith("Could not commit the transaction: the connection was lost while committing")
        .contains("the change may or may not be stored; retry with the same idempotency key");
    assertThat(failure.getCause()).isInstanceOf(SQLException.class);
    if (database != JdbcDatabase.H2) { // H2 closes the whole in-memory database with the session
      assertThat(invoiceRows(dataSource)).as("the server rolled it back").containsExactly(0, 0, 0);
    }
  }

  /** Ends the connection's session from another connection, as an administrator would. */
  private static Void endSession(JdbcDatabase database, DataSource dataSource,
      Connection connection) throws SQLException {
    String idQuery = switch (database) {
      case H2 -> "SELECT SESSION_ID()";
      case POSTGRESQL -> "SELECT pg_backend_pid()";
      case MARIADB -> "SELECT CONNECTION_ID()";
    };
    long id;
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(idQuery)) {
      rs.next();
      id = rs.getLong(1);
    }
    String end = switch (database) {
      case H2 -> "SELECT ABORT_SESSION(" + id + ")";
      case POSTGRESQL -> "SELECT pg_terminate_backend(" + id + ")";
      case MARIADB -> "KILL " + id;
    };
    try (Connection admin = dataSource.getConnection();
        Statement statement = admin.createStatement()) {
      statement.execute(end);
      if (database == JdbcDatabase.POSTGRESQL) {
        awaitGone(statement, "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = " + id);
      }
    }
    return null;
  }

  /** pg_terminate_backend only signals: waits (at most 10 s) until the backend is gone. */
  private static void awaitGone(Statement statement, String countQuery) throws SQLException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (ResultSet rs = statement.executeQuery(countQuery)) {
        rs.next();
        if (rs.getLong(1) == 0) {
          return;
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException("The terminated backend is still there after 10 s");
  }

  /** A data source of the dialect's driver pointed at a loopback port where nothing listens. */
  private static DataSource refusing(Dialect dialect, int port) throws SQLException {
    switch (dialect) {
      case H2 -> {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:tcp://127.0.0.1:" + port + "/mem:refused");
        return h2;
      }
      case POSTGRESQL -> {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL("jdbc:postgresql://127.0.0.1:" + port + "/refused");
        postgres.setConnectTimeout(5);
        return postgres;
      }
      case MARIADB -> {
        return new MariaDbDataSource(
            "jdbc:mariadb://127.0.0.1:" + port + "/refused?user=root&connectTimeout=5000");
      }
      default -> throw new IllegalArgumentException("No driver for " + dialect);
    }
  }

  /** A loopback port that was free a moment ago. */
  static int unusedLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
