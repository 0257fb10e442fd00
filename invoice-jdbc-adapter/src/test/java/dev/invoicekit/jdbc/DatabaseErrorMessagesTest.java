package dev.invoicekit.jdbc;

import static dev.invoicekit.jdbc.testing.JdbcDatabase.invoiceRows;
import static dev.invoicekit.jdbc.testing.JdbcDatabase.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.testing.JdbcDatabase;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.ports.InvoicePersistenceException.Kind;
import dev.invoicekit.service.IdempotencyKey;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.service.PaymentRequest;
import dev.invoicekit.tax.TaxCode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.joda.money.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real permanent error on every database, provoked by customer data in bound values: the test
 * database refuses one line description (a CHECK constraint) and one payment reference (a trigger
 * that quotes the value in its error on PostgreSQL and MariaDB, a CHECK constraint on H2). The
 * driver's message names the table, the schema, the constraint and on PostgreSQL the failing row;
 * the library's message names none of that, the driver's exception is its cause, the failure is
 * permanent and nothing is written.
 */
class DatabaseErrorMessagesTest {

  private static final TenantId TENANT = TenantId.of("tenant-a");
  private static final String REFUSED_DESCRIPTION = "Therapy for Jane Roe, 12 Elm Street";
  private static final String REFUSED_REFERENCE = "IBAN DE89370400440532013000 J. Roe";

  private final SteppingClock clock =
      new SteppingClock(Instant.parse("2026-11-02T09:00:00Z"), ZoneId.of("UTC"));

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aLineDescriptionTheDatabaseRefusesGivesAPermanentFailureWithoutTheDescription(
      JdbcDatabase database) throws SQLException {
    DataSource dataSource = database.create();
    execute(dataSource, "ALTER TABLE ik_invoice_line ADD CONSTRAINT refuses_flagged_description"
        + " CHECK (description <> '" + REFUSED_DESCRIPTION + "')");
    InvoiceService service = service(dataSource, database);
    Invoice draft = service.newDraft(TENANT)
        .account(AccountId.of("acme"))
        .currency("EUR")
        .paymentTerms(PaymentTerms.net(30))
        .addLine(line("Consulting", "100.00"))
        .addLine(line(REFUSED_DESCRIPTION, "250.00"))
        .build();

    InvoicePersistenceException failure = catchThrowableOfType(
        InvoicePersistenceException.class, () -> service.createDraft(draft));

    assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(failure.isRetryable()).isFalse();
    assertThat(failure.getMessage()).startsWith("Could not save invoice " + draft.id() + ":");
    assertNothingOfTheDatabaseIn(failure, dataSource, REFUSED_DESCRIPTION,
        "refuses_flagged_description");
    assertThat(invoiceRows(dataSource)).as("nothing written").containsExactly(0, 0, 0);
    assertThat(rows(dataSource, "ik_outbox")).isZero();
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aPaymentReferenceTheDatabaseRefusesGivesAPermanentFailureWithoutTheReference(
      JdbcDatabase database) throws SQLException {
    DataSource dataSource = database.create();
    refuseReference(database, dataSource);
    InvoiceService service = service(dataSource, database);
    Invoice sent = service.send(TENANT, service.createDraft(service.newDraft(TENANT)
        .account(AccountId.of("acme"))
        .currency("EUR")
        .paymentTerms(PaymentTerms.net(30))
        .addLine(line("Consulting", "100.00"))
        .build()).id());
    long events = rows(dataSource, "ik_outbox");
    PaymentRequest payment = new PaymentRequest.Builder()
        .amount(Money.parse("EUR 40.00"))
        .reference(REFUSED_REFERENCE)
        .build();

    InvoicePersistenceException failure = catchThrowableOfType(
        InvoicePersistenceException.class, () -> service.recordPayment(TENANT, sent.id(), payment,
            IdempotencyKey.of("bank-tx-4711")));

    assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(failure.getMessage()).startsWith("Could not save invoice " + sent.id() + ":");
    assertNothingOfTheDatabaseIn(failure, dataSource, REFUSED_REFERENCE,
        "refuses_flagged_reference");
    assertThat(service.find(TENANT, sent.id())).as("nothing written").contains(sent);
    assertThat(rows(dataSource, "ik_payment")).isZero();
    assertThat(rows(dataSource, "ik_outbox")).isEqualTo(events);
    assertThat(rows(dataSource, "ik_idempotency_key")).isZero();
    if (database == JdbcDatabase.MARIADB) {
      // Connector/J throws its type for unknown SQLSTATE classes; SQLSTATE 45000 decides.
      assertThat(causes(failure)).as("MariaDB's exception for SIGNAL SQLSTATE '45000'")
          .hasAtLeastOneElementOfType(SQLTransientConnectionException.class);
    }
  }

  private static List<Throwable> causes(Throwable failure) {
    List<Throwable> causes = new ArrayList<>();
    for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
      causes.add(t);
    }
    return causes;
  }

  /**
   * The driver's exception is the cause and does name the refused value or the table; the
   * library's message names neither, nor SQL, nor the database, nor the constraint.
   */
  private static void assertNothingOfTheDatabaseIn(InvoicePersistenceException failure,
      DataSource dataSource, String refusedValue, String constraint) throws SQLException {
    assertThat(failure.getCause()).isInstanceOf(SQLException.class);
    assertThat(driverMessages(failure.getCause()))
        .as("the driver's own messages, kept in the cause")
        .containsAnyOf(refusedValue, "ik_", constraint, constraint.toUpperCase(Locale.ROOT));
    String catalog;
    try (Connection connection = dataSource.getConnection()) {
      catalog = connection.getCatalog();
    }
    assertThat(failure.getMessage())
        .doesNotContain(refusedValue, "Jane", "Roe", "IBAN", "INSERT", "UPDATE", "SELECT", "ik_")
        .doesNotContainIgnoringCase(constraint)
        .doesNotContainIgnoringCase(catalog)
        .doesNotContainIgnoringCase("public")
        .contains("SQLSTATE ", "vendor code ", "a permanent failure", "Do not retry");
  }

  private static String driverMessages(Throwable cause) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = cause; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
      if (t instanceof SQLException sql && sql.getNextException() != null) {
        all.append(sql.getNextException().getMessage()).append('\n');
      }
    }
    return all.toString();
  }

  /** A trigger that quotes the value in its error where the database has one; else a CHECK. */
  private static void refuseReference(JdbcDatabase database, DataSource dataSource)
      throws SQLException {
    List<String> statements = new ArrayList<>();
    switch (database) {
      case H2 -> statements.add("ALTER TABLE ik_payment ADD CONSTRAINT refuses_flagged_reference"
          + " CHECK (reference IS NULL OR reference <> '" + REFUSED_REFERENCE + "')");
      case POSTGRESQL -> {
        statements.add("CREATE FUNCTION refuses_flagged_reference() RETURNS trigger AS $$"
            + " BEGIN IF NEW.reference = '" + REFUSED_REFERENCE + "' THEN"
            + " RAISE EXCEPTION 'payment reference % refused', NEW.reference; END IF;"
            + " RETURN NEW; END $$ LANGUAGE plpgsql");
        statements.add("CREATE TRIGGER refuses_flagged_reference BEFORE INSERT ON ik_payment"
            + " FOR EACH ROW EXECUTE FUNCTION refuses_flagged_reference()");
      }
      case MARIADB -> statements.add("CREATE TRIGGER refuses_flagged_reference BEFORE INSERT ON"
          + " ik_payment FOR EACH ROW BEGIN DECLARE msg VARCHAR(255);"
          + " IF NEW.reference = '" + REFUSED_REFERENCE + "' THEN"
          + " SET msg = CONCAT('payment reference ', NEW.reference, ' refused');"
          + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = msg; END IF; END");
      default -> throw new IllegalArgumentException("No trigger for " + database);
    }
    for (String sql : statements) {
      execute(dataSource, sql);
    }
  }

  private InvoiceService service(DataSource dataSource, JdbcDatabase database) {
    return JdbcInvoiceKit.of(dataSource, database.dialect()).configure(InvoiceService.builder())
        .clock(clock, ZoneId.of("Europe/Berlin"))
        .ids(new SequentialIdSource("id-"))
        .build();
  }

  private static LineItem line(String description, String price) {
    return new LineItem.Builder()
        .description(description)
        .quantity(1)
        .unitPrice("EUR " + price)
        .taxCode(TaxCode.standard("19"))
        .build();
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
