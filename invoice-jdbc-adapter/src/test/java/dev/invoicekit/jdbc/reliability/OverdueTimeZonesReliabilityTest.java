package dev.invoicekit.jdbc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.JdbcInvoiceKit;
import dev.invoicekit.jdbc.testing.JdbcDatabase;
import dev.invoicekit.service.InvoiceService;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Time: for business time zones and their daylight-saving edges, an invoice due on day D is not
 * overdue one second before D + 1 starts in the zone, and is overdue from the first instant of
 * D + 1, both as read ({@code statusOf}) and as swept on the database: 0 off-by-one days. The due
 * day is the day of each of the zone's 2026 offset transitions (or a plain day for zones without
 * any). CI takes every 30th zone; the long mode every zone the JVM knows.
 */
class OverdueTimeZonesReliabilityTest {

  @ParameterizedTest(name = "{0}")
  @EnumSource(JdbcDatabase.class)
  void overdueStartsExactlyWithTheDayAfterTheDueDateInEveryZone(JdbcDatabase database) {
    List<String> zones = ZoneId.getAvailableZoneIds().stream().sorted().toList();
    int step = ReliabilityMode.pick(30, 1);
    DataSource dataSource = database.create();
    JdbcInvoiceKit kit = JdbcInvoiceKit.of(dataSource, database.dialect());
    int zonesChecked = 0;
    int edges = 0;
    int decisions = 0;
    List<String> offByOne = new ArrayList<>();
    for (int z = 0; z < zones.size(); z += step) {
      ZoneId zone = ZoneId.of(zones.get(z));
      zonesChecked++;
      for (LocalDate due : dueDays(zone)) {
        edges++;
        TenantId tenant = TenantId.of("z" + z + "-" + due);
        SteppingClock clock =
            new SteppingClock(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);
        InvoiceService service = kit.configure(InvoiceService.builder())
            .clock(clock, zone)
            .ids(new SequentialIdSource("id-"))
            .build();
        Invoice draft = service.createDraft(service.newDraft(tenant)
            .account(AccountId.of("acme"))
            .currency("EUR")
            .invoiceDate(due.minusDays(30))
            .paymentTerms(PaymentTerms.net(30))
            .addLine(ServiceFixture.line("Consulting", 1, "100.00"))
            .build());
        service.send(tenant, draft.id());
        Instant nextDay = due.plusDays(1).atStartOfDay(zone).toInstant();

        clock.set(nextDay.minusSeconds(1));
        decisions += 2;
        if (service.statusOf(tenant, draft.id()) != InvoiceStatus.SENT
            || !service.sweepOverdue(tenant).isEmpty()) {
          offByOne.add(zone + " due " + due + ": overdue before the next day began");
        }
        clock.set(nextDay);
        decisions += 2;
        if (service.statusOf(tenant, draft.id()) != InvoiceStatus.OVERDUE
            || service.sweepOverdue(tenant).size() != 1) {
          offByOne.add(zone + " due " + due + ": not overdue when the next day began");
        }
      }
    }
    assertThat(offByOne).as("off-by-one days").isEmpty();
    ReliabilityMode.report("time", database, zonesChecked + " zones, " + edges
        + " due days (daylight-saving edges included), " + decisions
        + " overdue decisions (status read and sweep), 0 off-by-one days");
  }

  /** The days of the zone's offset changes in 2026, or one plain day if it has none. */
  private static List<LocalDate> dueDays(ZoneId zone) {
    List<LocalDate> days = new ArrayList<>();
    Instant from = Instant.parse("2026-01-01T00:00:00Z");
    ZoneOffsetTransition transition = zone.getRules().nextTransition(from);
    while (transition != null && transition.getInstant().isBefore(
        Instant.parse("2027-01-01T00:00:00Z"))) {
      days.add(transition.getDateTimeBefore().toLocalDate());
      transition = zone.getRules().nextTransition(transition.getInstant());
    }
    if (days.isEmpty()) {
      days.add(LocalDate.of(2026, 6, 15));
    }
    return days;
  }
}
