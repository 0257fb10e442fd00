package dev.invoicekit.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.invoicekit.jdbc.internal.SqlErrors.Code;
import dev.invoicekit.jdbc.internal.SqlErrors.Reason;
import dev.invoicekit.ports.DuplicateInvoiceException;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.ports.InvoicePersistenceException.Kind;
import java.io.EOFException;
import java.net.ConnectException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.Locale;
import java.util.stream.Stream;
import org.h2.api.ErrorCode;
import org.h2.message.DbException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

/**
 * The classification table of {@link SqlErrors}, over the exceptions the three drivers throw (built
 * with the drivers' own classes, SQLSTATEs and vendor codes, as the adapter's database tests saw
 * them), and the library's messages, which never repeat the driver's.
 */
class SqlErrorsTest {

  /** In every driver message of this test; it must never reach a library message. */
  private static final String DRIVER_TEXT = "INSERT INTO ik_invoice VALUES ('secret-customer')";

  static Stream<Arguments> driverExceptions() {
    return Stream.of(
        // PostgreSQL, pgjdbc 42.7: client-side states, then server errors.
        arguments("PostgreSQL connection refused", pg(PSQLState.CONNECTION_UNABLE_TO_CONNECT,
            new ConnectException("Connection refused")), Reason.CONNECTION),
        arguments("PostgreSQL I/O error on a broken connection",
            pg(PSQLState.CONNECTION_FAILURE, new EOFException()), Reason.CONNECTION),
        arguments("PostgreSQL connection already closed",
            pg(PSQLState.CONNECTION_DOES_NOT_EXIST, null), Reason.CONNECTION),
        arguments("PostgreSQL admin shutdown", pgServer("FATAL", "57P01"), Reason.CONNECTION),
        arguments("PostgreSQL crash shutdown", pgServer("FATAL", "57P02"), Reason.CONNECTION),
        arguments("PostgreSQL cannot connect now", pgServer("FATAL", "57P03"),
            Reason.UNAVAILABLE),
        arguments("PostgreSQL idle session timeout", pgServer("FATAL", "57P05"),
            Reason.CONNECTION),
        arguments("PostgreSQL too many connections", pgServer("FATAL", "53300"),
            Reason.UNAVAILABLE),
        arguments("PostgreSQL serialization failure", pgServer("ERROR", "40001"),
            Reason.CONFLICT),
        arguments("PostgreSQL deadlock", pgServer("ERROR", "40P01"), Reason.CONFLICT),
        arguments("PostgreSQL lock not available", pgServer("ERROR", "55P03"), Reason.CONFLICT),
        arguments("PostgreSQL statement timeout", pgServer("ERROR", "57014"), Reason.CANCELLED),
        arguments("PostgreSQL unique violation", pgServer("ERROR", "23505"), Reason.DUPLICATE),
        arguments("PostgreSQL check violation", pgServer("ERROR", "23514"), Reason.REFUSED),
        arguments("PostgreSQL value too long", pgServer("ERROR", "22001"), Reason.REFUSED),
        arguments("PostgreSQL undefined table", pgServer("ERROR", "42P01"), Reason.REFUSED),
        arguments("PostgreSQL wrong password", pgServer("FATAL", "28P01"), Reason.REFUSED),
        arguments("PostgreSQL no such database", pgServer("FATAL", "3D000"), Reason.REFUSED),
        arguments("PostgreSQL trigger RAISE EXCEPTION", pgServer("ERROR", "P0001"),
            Reason.REFUSED),
        arguments("PostgreSQL internal error", pgServer("ERROR", "XX000"), Reason.REFUSED),
        arguments("PostgreSQL batch refused by a check", pgBatch("23514"), Reason.REFUSED),
        arguments("PostgreSQL batch in a deadlock", pgBatch("40P01"), Reason.CONFLICT),
        // MariaDB Connector/J 3.5: java.sql types chosen by SQLSTATE class.
        arguments("MariaDB socket error on a lost connection",
            new SQLNonTransientConnectionException("(conn=13) Socket error " + DRIVER_TEXT,
                "08000", -1, new EOFException()), Reason.CONNECTION),
        arguments("MariaDB statement on a closed connection",
            new SQLNonTransientConnectionException("(conn=13) Connection is closed " + DRIVER_TEXT,
                "08000", 1220), Reason.CONNECTION),
        arguments("MariaDB connection refused",
            new SQLNonTransientConnectionException("Socket fail to connect " + DRIVER_TEXT,
                "08000", 0, new ConnectException("Connection refused")), Reason.CONNECTION),
        arguments("MariaDB too many connections",
            new SQLNonTransientConnectionException(DRIVER_TEXT, "08004", 1040),
            Reason.UNAVAILABLE),
        arguments("MariaDB server shutdown",
            new SQLNonTransientConnectionException(DRIVER_TEXT, "08S01", 1053),
            Reason.CONNECTION),
        arguments("MariaDB connection killed",
            new SQLTimeoutException(DRIVER_TEXT, "70100", 1927), Reason.CONNECTION),
        arguments("MariaDB query killed",
            new SQLTimeoutException(DRIVER_TEXT, "70100", 1317), Reason.CANCELLED),
        arguments("MariaDB max_statement_time",
            new SQLTimeoutException(DRIVER_TEXT, "70100", 1969), Reason.CANCELLED),
        arguments("MariaDB lock wait timeout", new SQLException(DRIVER_TEXT, "HY000", 1205),
            Reason.CONFLICT),
        arguments("MariaDB record changed", new SQLException(DRIVER_TEXT, "HY000", 1020),
            Reason.CONFLICT),
        arguments("MariaDB deadlock",
            new SQLTransactionRollbackException(DRIVER_TEXT, "40001", 1213), Reason.CONFLICT),
        arguments("MariaDB duplicate entry",
            new SQLIntegrityConstraintViolationException(DRIVER_TEXT, "23000", 1062),
            Reason.DUPLICATE),
        arguments("MariaDB check constraint",
            new SQLIntegrityConstraintViolationException(DRIVER_TEXT, "23000", 4025),
            Reason.REFUSED),
        arguments("MariaDB trigger SIGNAL, thrown as a transient connection exception",
            new SQLTransientConnectionException(DRIVER_TEXT, "45000", 1644), Reason.REFUSED),
        arguments("MariaDB no database selected, thrown as a transient connection exception",
            new SQLTransientConnectionException(DRIVER_TEXT, "3D000", 1046), Reason.REFUSED),
        arguments("MariaDB data too long",
            new SQLSyntaxErrorException(DRIVER_TEXT, "22001", 1406), Reason.REFUSED),
        arguments("MariaDB access denied",
            new SQLInvalidAuthorizationSpecException(DRIVER_TEXT, "28000", 1045), Reason.REFUSED),
        arguments("MariaDB batch refused by a check",
            new BatchUpdateException(DRIVER_TEXT, "23000", 4025, new int[] {-3},
                new SQLIntegrityConstraintViolationException(DRIVER_TEXT, "23000", 4025)),
            Reason.REFUSED),
        arguments("MySQL client: server gone", new SQLException(DRIVER_TEXT, "HY000", 2006),
            Reason.CONNECTION),
        arguments("MySQL client: server lost", new SQLException(DRIVER_TEXT, "HY000", 2013),
            Reason.CONNECTION),
        arguments("MySQL client: cannot connect", new SQLException(DRIVER_TEXT, "HY000", 2002),
            Reason.CONNECTION),
        arguments("MySQL client: cannot reach host", new SQLException(DRIVER_TEXT, "HY000", 2003),
            Reason.CONNECTION),
        // H2 2.3: the driver's own exceptions for each code.
        arguments("H2 concurrent update", h2(ErrorCode.CONCURRENT_UPDATE_1), Reason.CONFLICT),
        arguments("H2 deadlock", h2(ErrorCode.DEADLOCK_1), Reason.CONFLICT),
        arguments("H2 lock timeout", h2(ErrorCode.LOCK_TIMEOUT_1), Reason.CONFLICT),
        arguments("H2 statement cancelled", h2(ErrorCode.STATEMENT_WAS_CANCELED),
            Reason.CANCELLED),
        arguments("H2 connection broken", h2(ErrorCode.CONNECTION_BROKEN_1), Reason.CONNECTION),
        arguments("H2 database closed", h2(ErrorCode.DATABASE_IS_CLOSED), Reason.CONNECTION),
        arguments("H2 database closed at shutdown", h2(ErrorCode.DATABASE_CALLED_AT_SHUTDOWN),
            Reason.CONNECTION),
        arguments("H2 database already open elsewhere", h2(ErrorCode.DATABASE_ALREADY_OPEN_1),
            Reason.CONNECTION),
        arguments("H2 row not found, a transient exception",
            h2(ErrorCode.ROW_NOT_FOUND_WHEN_DELETING_1), Reason.TRANSIENT_OTHER),
        arguments("H2 unique violation", h2(ErrorCode.DUPLICATE_KEY_1), Reason.DUPLICATE),
        arguments("H2 check violation", h2(ErrorCode.CHECK_CONSTRAINT_VIOLATED_1),
            Reason.REFUSED),
        arguments("H2 value too long", h2(ErrorCode.VALUE_TOO_LONG_2), Reason.REFUSED),
        arguments("H2 table not found", h2(ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1), Reason.REFUSED),
        arguments("H2 bad URL, a connection exception", h2(ErrorCode.URL_FORMAT_ERROR_2),
            Reason.REFUSED),
        arguments("H2 database not found, a connection exception",
            h2(ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1), Reason.REFUSED),
        arguments("H2 corrupted file, a connection exception", h2(ErrorCode.FILE_CORRUPTED_1),
            Reason.REFUSED),
        // JDBC's own types, as pools and other drivers throw them.
        arguments("a pool's timeout without SQLSTATE",
            new SQLTransientConnectionException("pool - Connection is not available"),
            Reason.CONNECTION),
        arguments("a pool's timeout caused by a wrong password",
            new SQLTransientConnectionException("pool - Connection is not available", "28P01",
                pgServer("FATAL", "28P01")), Reason.REFUSED),
        arguments("a recoverable exception", new SQLRecoverableException(DRIVER_TEXT),
            Reason.CONNECTION),
        arguments("a non-transient connection exception",
            new SQLNonTransientConnectionException(DRIVER_TEXT), Reason.CONNECTION),
        arguments("a transient exception", new SQLTransientException(DRIVER_TEXT),
            Reason.TRANSIENT_OTHER),
        arguments("a timeout", new SQLTimeoutException(DRIVER_TEXT), Reason.CANCELLED),
        arguments("a rollback", new SQLTransactionRollbackException(DRIVER_TEXT),
            Reason.CONFLICT),
        arguments("an unknown driver's connection class",
            new SQLException(DRIVER_TEXT, "08001", 17002), Reason.CONNECTION),
        arguments("a wrapper around a deadlock",
            new SQLException(DRIVER_TEXT, new SQLException(DRIVER_TEXT, "40001")),
            Reason.CONFLICT),
        arguments("a general error", new SQLException(DRIVER_TEXT, "HY000", 1105),
            Reason.REFUSED),
        arguments("an error without SQLSTATE", new SQLException(DRIVER_TEXT), Reason.REFUSED));
  }

  @ParameterizedTest(name = "{0} is {2}")
  @MethodSource("driverExceptions")
  void everyDriverExceptionGetsItsReasonAndKind(String label, SQLException e, Reason expected) {
    assertThat(SqlErrors.reasonOf(e)).as(label).isEqualTo(expected);
    assertThat(SqlErrors.kindOf(e)).as(label).isEqualTo(expected.kind());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("driverExceptions")
  void theLibrarysMessageNamesTheCommandTheKindAndTheCodesButNeverTheDriversText(String label,
      SQLException e, Reason expected) {
    InvoicePersistenceException translated = SqlErrors.translate("save invoice inv-1", e);

    assertThat(translated.getMessage()).as(label)
        .startsWith("Could not save invoice inv-1: ")
        .contains("a " + expected.kind().name().toLowerCase(Locale.ROOT) + " failure")
        .contains("vendor code ")
        .contains("The driver's exception is the cause.")
        .doesNotContain("secret-customer", "INSERT", "ik_invoice", "terminating", "Socket");
    assertThat(translated.getCause()).isSameAs(e);
    assertThat(translated.kind()).isEqualTo(expected.kind());
    assertThat(translated).isInstanceOf(expected == Reason.DUPLICATE
        ? DuplicateInvoiceException.class : InvoicePersistenceException.class);
  }

  @Test
  void aPermanentMessageSaysTheCodesAndNotToRetry() {
    InvoicePersistenceException e =
        SqlErrors.translate("save invoice inv-1", pgServer("ERROR", "23514"));

    assertThat(e.getMessage()).isEqualTo("Could not save invoice inv-1: the database refused the"
        + " statement (a constraint, a value, the schema, a permission or the configuration); a"
        + " permanent failure (SQLSTATE 23514, vendor code 0). Do not retry: fix the input, the"
        + " schema or the database configuration. The driver's exception is the cause.");
    assertThat(e.isRetryable()).isFalse();
  }

  @Test
  void aRefusedConnectionIsTransientAndSaysToRetryLater() {
    InvoicePersistenceException e = SqlErrors.translate("begin a transaction",
        pg(PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("Connection refused")));

    assertThat(e.getMessage()).isEqualTo("Could not begin a transaction: the connection to the"
        + " database failed (refused, broken or closed by the server); a transient failure"
        + " (SQLSTATE 08001, vendor code 0). Retry the whole command later, once the database is"
        + " reachable. The driver's exception is the cause.");
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.isOutcomeUnknown()).isFalse();
  }

  @Test
  void aSqlStateThatIsNotFiveLettersOrDigitsIsNotRepeated() {
    InvoicePersistenceException e =
        SqlErrors.translate("save invoice inv-1", new SQLException(DRIVER_TEXT, "secret-customer"));

    assertThat(e.getMessage()).contains("SQLSTATE not standard").doesNotContain("secret");
  }

  static Stream<Arguments> lostConnections() {
    return Stream.of(
        arguments("PostgreSQL I/O error", pg(PSQLState.CONNECTION_FAILURE, new EOFException())),
        arguments("PostgreSQL admin shutdown", pgServer("FATAL", "57P01")),
        arguments("PostgreSQL closed connection", pg(PSQLState.CONNECTION_DOES_NOT_EXIST, null)),
        arguments("MariaDB socket error", new SQLNonTransientConnectionException(
            "(conn=15) Socket error", "08000", -1, new EOFException())),
        arguments("MariaDB connection killed", new SQLTimeoutException("killed", "70100", 1927)),
        arguments("H2 connection broken", h2(ErrorCode.CONNECTION_BROKEN_1)),
        arguments("H2 database closed", h2(ErrorCode.DATABASE_CALLED_AT_SHUTDOWN)),
        arguments("a recoverable exception", new SQLRecoverableException("gone")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lostConnections")
  void aConnectionLostWhileCommittingLeavesTheOutcomeUnknown(String label, SQLException e) {
    InvoicePersistenceException failure = SqlErrors.commitFailed(e);

    assertThat(failure.kind()).as(label).isEqualTo(Kind.OUTCOME_UNKNOWN);
    assertThat(failure.isRetryable()).isTrue();
    assertThat(failure.isOutcomeUnknown()).isTrue();
    assertThat(failure.getCause()).isSameAs(e);
    assertThat(failure.getMessage())
        .startsWith("Could not commit the transaction: the connection was lost while committing (")
        .contains("the change may or may not be stored; retry with the same idempotency key")
        .doesNotContain(DRIVER_TEXT);
  }

  @Test
  void aCommitTheDatabaseRefusedHasAKnownOutcome() {
    assertThat(SqlErrors.commitFailed(pgServer("ERROR", "40001")).kind())
        .as("serialization failure at commit").isEqualTo(Kind.TRANSIENT);
    assertThat(SqlErrors.commitFailed(pgServer("ERROR", "23503")).kind())
        .as("deferred foreign key at commit").isEqualTo(Kind.PERMANENT);
    assertThat(SqlErrors.commitFailed(pgServer("ERROR", "23505")))
        .as("deferred unique key at commit").isInstanceOf(DuplicateInvoiceException.class);
  }

  @Test
  void theTableHasOneRowPerCodeAndEveryRowSaysWhichDatabase() {
    assertThat(SqlErrors.CODES).allSatisfy(code -> {
      assertThat(code.database()).isNotBlank();
      assertThat(code.name()).isNotBlank();
      assertThat(code.sqlState() == null).isEqualTo(code.vendorCode() != 0);
    });
    assertThat(SqlErrors.CODES.stream().filter(c -> c.sqlState() != null).map(Code::sqlState))
        .doesNotHaveDuplicates();
    assertThat(SqlErrors.CODES.stream().filter(c -> c.sqlState() == null).map(Code::vendorCode))
        .doesNotHaveDuplicates();
  }

  private static PSQLException pg(PSQLState state, Throwable cause) {
    return new PSQLException("Client-side failure " + DRIVER_TEXT, state, cause);
  }

  /** A server error as pgjdbc parses it from the wire: severity, SQLSTATE, message, detail. */
  private static PSQLException pgServer(String severity, String sqlState) {
    return new PSQLException(new ServerErrorMessage("S" + severity + "\0V" + severity + "\0C"
        + sqlState + "\0Mterminating " + DRIVER_TEXT + "\0DFailing row contains (secret-customer)"
        + "\0tik_invoice\0"));
  }

  /** How pgjdbc reports a failed batch: the entry's statement with its values, the cause. */
  private static BatchUpdateException pgBatch(String sqlState) {
    PSQLException cause = pgServer("ERROR", sqlState);
    return new BatchUpdateException("Batch entry 0 " + DRIVER_TEXT + " was aborted: "
        + cause.getMessage(), sqlState, 0, new int[] {-3}, cause);
  }

  private static SQLException h2(int code) {
    return DbException.get(code, "secret-customer", DRIVER_TEXT, "ik_invoice").getSQLException();
  }
}
