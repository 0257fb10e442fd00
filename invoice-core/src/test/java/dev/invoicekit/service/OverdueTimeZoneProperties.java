package dev.invoicekit.service;

import static dev.invoicekit.fixtures.ServiceFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.ports.MarkedOverdue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * "Past due" is decided in the business's time zone: an invoice due on day D becomes overdue at
 * the first instant of D + 1 where the business is, in every zone and across daylight-saving
 * changes, never a day early or late.
 */
class OverdueTimeZoneProperties {

  record Case(ZoneId zone, LocalDate dueDate) {}

  @Provide
  Arbitrary<Case> zonesAndDueDates() {
    List<ZoneId> zones = ZoneId.getAvailableZoneIds().stream().sorted().map(ZoneId::of).toList();
    Arbitrary<ZoneId> zone = Arbitraries.of(zones);
    return zone.flatMap(z -> {
      // Due dates on and around this zone's daylight-saving changes, and any date at all.
      List<LocalDate> edges = new ArrayList<>();
      ZoneOffsetTransition transition =
          z.getRules().nextTransition(Instant.parse("2025-01-01T00:00:00Z"));
      for (int i = 0; i < 6 && transition != null; i++) {
        LocalDate day = transition.getDateTimeBefore().toLocalDate();
        edges.add(day.minusDays(1));
        edges.add(day);
        edges.add(day.plusDays(1));
        transition = z.getRules().nextTransition(transition.getInstant());
      }
      Arbitrary<LocalDate> any = Arbitraries.integers().between(0, 3650)
          .map(d -> LocalDate.of(2024, 1, 1).plusDays(d));
      Arbitrary<LocalDate> dueDates = edges.isEmpty() ? any
          : Arbitraries.oneOf(Arbitraries.of(edges), any);
      return Combinators.combine(Arbitraries.just(z), dueDates).as(Case::new);
    });
  }

  @Property(tries = 2000)
  void anInvoiceBecomesOverdueExactlyWhenTheDayAfterItsDueDateBeginsInTheBusinessZone(
      @ForAll("zonesAndDueDates") Case c) {
    ServiceFixture fixture = new ServiceFixture(c.zone());
    InvoiceService service = fixture.service;
    Instant dayAfterDueBegins = c.dueDate().plusDays(1).atStartOfDay(c.zone()).toInstant();
    fixture.clock.set(c.dueDate().atStartOfDay(c.zone()).toInstant());
    Invoice draft = service.createDraft(service.newDraft(TENANT).account(AccountId.of("acme"))
        .currency("EUR").dueDate(c.dueDate())
        .addLine(ServiceFixture.line("Service", 1, "10.00")).build());
    service.send(TENANT, draft.id());

    fixture.clock.set(dayAfterDueBegins.minusNanos(1));
    assertThat(service.statusOf(TENANT, draft.id())).isEqualTo(InvoiceStatus.SENT);
    assertThat(service.sweepOverdue(TENANT)).isEmpty();

    fixture.clock.set(dayAfterDueBegins);
    assertThat(service.statusOf(TENANT, draft.id())).isEqualTo(InvoiceStatus.OVERDUE);
    assertThat(service.sweepOverdue(TENANT)).extracting(MarkedOverdue::id)
        .containsExactly(draft.id());
  }
}
