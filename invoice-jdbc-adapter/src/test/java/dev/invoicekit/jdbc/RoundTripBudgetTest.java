package dev.invoicekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.testing.CountingDataSource;
import dev.invoicekit.jdbc.testing.JdbcDatabase;
import dev.invoicekit.jdbc.testing.RoundTripBudgets;
import dev.invoicekit.jdbc.testing.RoundTripBudgets.Budget;
import dev.invoicekit.ports.MarkedOverdue;
import dev.invoicekit.service.IdempotencyKey;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.service.PaymentRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.assertj.core.api.SoftAssertions;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every command of the service on the JDBC adapter costs exactly the statements and round trips
 * that docs/BENCHMARKS.md ("Round-trip budgets") writes down for it, on every database. A change
 * that adds a round trip fails here; one that saves a round trip fails too, until the table says
 * so. What counts as a round trip: {@link CountingDataSource}.
 */
class RoundTripBudgetTest {

  /** The commands measured, by their name in the table. */
  static final List<String> COMMANDS = List.of("create draft", "edit draft", "send", "payment",
      "payment with key", "refund", "void", "cancel", "load by id", "sweep batch", "relay batch");

  private static final TenantId TENANT = TenantId.of("tenant-a");
  private static final int RELAY_BATCH = 3;

  /** What one command cost. */
  private record Cost(int statements, int roundTrips, List<CountingDataSource.RoundTrip> log) {}

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void everyCommandCostsTheStatementsAndRoundTripsOfItsBudget(JdbcDatabase database) {
    Map<String, Cost> measured = new Scenario(database).run();
    RoundTripBudgets budgets = RoundTripBudgets.read();

    assertThat(measured).containsOnlyKeys(COMMANDS);
    SoftAssertions softly = new SoftAssertions();
    measured.forEach((command, cost) -> {
      String what = "'" + command + "' on " + database + ", which made these round trips:\n  "
          + String.join("\n  ", cost.log().stream().map(Object::toString).toList())
          + "\n(the budget is in " + RoundTripBudgets.DOCUMENT + ": lower it there when a change"
          + " saves one; a change that adds one needs a reason there first)\n";
      Budget budget;
      try {
        budget = budgets.of(command, database);
      } catch (AssertionError missing) {
        softly.fail(missing.getMessage() + "; measured " + cost.statements() + " statements, "
            + cost.roundTrips() + " round trips of " + what);
        return;
      }
      softly.assertThat(cost.statements()).as("statements of " + what)
          .isEqualTo(budget.statements());
      softly.assertThat(cost.roundTrips()).as("round trips of " + what)
          .isEqualTo(budget.roundTrips());
    });
    softly.assertAll();
  }

  @Test
  void everyBudgetRowIsForAMeasuredCommandAndEveryCommandHasOneRowPerDatabase() {
    RoundTripBudgets budgets = RoundTripBudgets.read();

    assertThat(budgets.all()).extracting(Budget::command).allMatch(COMMANDS::contains);
    for (String command : COMMANDS) {
      for (JdbcDatabase database : JdbcDatabase.values()) {
        Budget budget = budgets.of(command, database);
        assertThat(budget.roundTrips()).as("%s on %s", command, database)
            .isGreaterThanOrEqualTo(budget.statements())
            .isGreaterThanOrEqualTo(budget.baselineRoundTrips());
        assertThat(budget.statements()).as("%s on %s", command, database)
            .isGreaterThanOrEqualTo(budget.baselineStatements());
      }
    }
  }

  @Test
  void aCommandWithoutARowFailsNamingTheCommandTheDatabaseAndTheDocument() {
    RoundTripBudgets budgets = RoundTripBudgets.parse("test.md", String.join("\n",
        "# Doc", "", RoundTripBudgets.SECTION, "",
        "| command | databases | statements | round trips | baseline statements |"
            + " baseline round trips |",
        "|---|---|---|---|---|---|",
        "| send | H2, PostgreSQL | 5 | 8 | 4 | 7 |",
        "| send | MariaDB | 6 | 9 | 5 | 8 |",
        "| `load by id` | all | 1 | 1 | 1 | 1 |",
        "", "## Next section", "| void | all | 9 | 9 | 9 | 9 |"));

    assertThat(budgets.of("send", JdbcDatabase.MARIADB).roundTrips()).isEqualTo(9);
    assertThat(budgets.of("send", JdbcDatabase.POSTGRESQL).roundTrips()).isEqualTo(8);
    assertThat(budgets.of("load by id", JdbcDatabase.H2).statements()).isEqualTo(1);
    assertThatThrownBy(() -> budgets.of("void", JdbcDatabase.H2))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("'void'").hasMessageContaining("H2").hasMessageContaining("test.md");
    assertThatThrownBy(() -> RoundTripBudgets.parse("empty.md", "# Doc\n"))
        .isInstanceOf(AssertionError.class).hasMessageContaining(RoundTripBudgets.SECTION);
  }

  /**
   * The commands in the order a host runs them, each measured alone, on a few invoices: the
   * counts do not depend on how many invoices the database holds.
   */
  private static final class Scenario {

    private final CountingDataSource counting;
    private final JdbcInvoiceKit kit;
    private final InvoiceService service;
    private final SteppingClock clock =
        new SteppingClock(Instant.parse("2026-11-02T09:00:00Z"), ZoneId.of("UTC"));
    private final Map<String, Cost> measured = new LinkedHashMap<>();

    Scenario(JdbcDatabase database) {
      counting = new CountingDataSource(database.create());
      kit = JdbcInvoiceKit.of(counting.dataSource(), database.dialect());
      service = kit.configure(InvoiceService.builder())
          .clock(clock, ZoneId.of("Europe/Berlin"))
          .ids(new SequentialIdSource("id-"))
          .build();
    }

    Map<String, Cost> run() {
      // Not measured: the series' first number inserts its counter row; every later send finds it.
      service.send(TENANT, service.createDraft(newDraft()).id());

      Invoice draft = measure("create draft", () -> service.createDraft(newDraft()));
      Invoice edited = measure("edit draft", () -> service.editDraft(TENANT, draft.id(),
          draft.version(), d -> d.withLines(ServiceFixture.line("Consulting", 2, "100.00"),
              ServiceFixture.line("Travel", 1, "80.00"))));
      assertThat(edited.lines()).hasSize(2);
      assertThat(measure("send", () -> service.send(TENANT, draft.id())).status())
          .isEqualTo(InvoiceStatus.SENT);
      measure("payment", () -> service.recordPayment(TENANT, draft.id(), eur("50.00")));
      Invoice paid = measure("payment with key", () -> service.recordPayment(TENANT, draft.id(),
          eur("30.00"), IdempotencyKey.of("bank-tx-4711")));
      assertThat(paid.payments()).hasSize(2);
      assertThat(measure("refund", () -> service.refund(TENANT, draft.id(), eur("20.00")))
          .status()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);

      Invoice toVoid = service.send(TENANT, service.createDraft(newDraft()).id());
      assertThat(measure("void", () -> service.voidInvoice(TENANT, toVoid.id())).status())
          .isEqualTo(InvoiceStatus.VOID);
      Invoice toCancel = service.createDraft(newDraft());
      assertThat(measure("cancel", () -> service.cancel(TENANT, toCancel.id())).status())
          .isEqualTo(InvoiceStatus.CANCELLED);

      assertThat(measure("load by id", () -> service.find(TENANT, draft.id())))
          .hasValueSatisfying(loaded -> assertThat(loaded.payments()).hasSize(3));

      // Past the due date of every sent invoice: the first (SENT) and the paid one
      // (PARTIALLY_PAID), so both claims of the batch find rows. Fewer than a batch: one batch.
      service.send(TENANT, service.createDraft(newDraft()).id());
      clock.advance(Duration.ofDays(45));
      List<MarkedOverdue> overdue = measure("sweep batch", () -> service.sweepOverdue(TENANT));
      assertThat(overdue).hasSize(3);

      OutboxRelay relay = kit.relay(event -> { }, clock).withBatchSize(RELAY_BATCH);
      assertThat(measure("relay batch", relay::relayOnce)).isEqualTo(RELAY_BATCH);
      return measured;
    }

    private <T> T measure(String command, Supplier<T> work) {
      counting.reset();
      T result = work.get();
      measured.put(command,
          new Cost(counting.statements(), counting.roundTrips(), counting.roundTripLog()));
      return result;
    }

    private Invoice newDraft() {
      return service.newDraft(TENANT)
          .account(AccountId.of("acme"))
          .currency("EUR")
          .paymentTerms(PaymentTerms.net(30))
          .addLine(ServiceFixture.line("Consulting", 1, "100.00"))
          .build();
    }

    private static PaymentRequest eur(String amount) {
      return PaymentRequest.of(Money.parse("EUR " + amount));
    }
  }
}
