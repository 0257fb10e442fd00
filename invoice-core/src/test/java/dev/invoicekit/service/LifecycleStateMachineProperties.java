package dev.invoicekit.service;

import static dev.invoicekit.fixtures.ServiceFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.ports.PageRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.joda.money.Money;

/**
 * Random sequences of every command, legal and illegal, against the service on in-memory ports,
 * with the lifecycle's invariants checked after every step. jqwik shrinks a failing sequence to a
 * short one.
 */
class LifecycleStateMachineProperties {

  /** Which statuses may follow which, per DESIGN's table (a status may also stay as it is). */
  private static final Map<InvoiceStatus, Set<InvoiceStatus>> NEXT = new EnumMap<>(InvoiceStatus.class);

  static {
    NEXT.put(InvoiceStatus.DRAFT, EnumSet.of(InvoiceStatus.DRAFT, InvoiceStatus.SENT,
        InvoiceStatus.PAID, InvoiceStatus.CANCELLED));
    NEXT.put(InvoiceStatus.SENT, EnumSet.of(InvoiceStatus.SENT, InvoiceStatus.PARTIALLY_PAID,
        InvoiceStatus.OVERDUE, InvoiceStatus.PAID, InvoiceStatus.VOID));
    NEXT.put(InvoiceStatus.PARTIALLY_PAID, EnumSet.of(InvoiceStatus.PARTIALLY_PAID,
        InvoiceStatus.OVERDUE, InvoiceStatus.PAID, InvoiceStatus.SENT));
    NEXT.put(InvoiceStatus.OVERDUE, EnumSet.of(InvoiceStatus.OVERDUE, InvoiceStatus.PAID,
        InvoiceStatus.VOID));
    NEXT.put(InvoiceStatus.PAID, EnumSet.of(InvoiceStatus.PAID, InvoiceStatus.PARTIALLY_PAID,
        InvoiceStatus.SENT, InvoiceStatus.OVERDUE));
    NEXT.put(InvoiceStatus.CANCELLED, EnumSet.of(InvoiceStatus.CANCELLED));
    NEXT.put(InvoiceStatus.VOID, EnumSet.of(InvoiceStatus.VOID));
  }

  /** One step of a random sequence; {@code target} picks an invoice among those created. */
  sealed interface Command permits Create, Edit, Send, Pay, Refund, Cancel, Void, PassDays,
      Sweep {}

  record Create(int lines, int netDays) implements Command {}

  record Edit(int target, int staleBy) implements Command {}

  record Send(int target) implements Command {}

  /** Pays a fraction of the balance (above 1 is an overpayment), maybe with a reused key. */
  record Pay(int target, BigDecimal fraction, int key) implements Command {}

  record Refund(int target, BigDecimal fraction) implements Command {}

  record Cancel(int target) implements Command {}

  record Void(int target) implements Command {}

  record PassDays(int days) implements Command {}

  record Sweep() implements Command {}

  @Provide
  Arbitrary<List<Command>> sequences() {
    Arbitrary<Integer> target = Arbitraries.integers().between(0, 7);
    Arbitrary<BigDecimal> fraction =
        Arbitraries.of("0.01", "0.25", "0.5", "0.999", "1", "1.001", "2").map(BigDecimal::new);
    Arbitrary<Command> command = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Combinators.combine(Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 45)).as(Create::new)),
        net.jqwik.api.Tuple.of(2, Combinators.combine(target, Arbitraries.integers().between(0, 1))
            .as(Edit::new)),
        net.jqwik.api.Tuple.of(3, target.map(Send::new)),
        net.jqwik.api.Tuple.of(4, Combinators.combine(target, fraction,
            Arbitraries.integers().between(0, 4)).as(Pay::new)),
        net.jqwik.api.Tuple.of(2, Combinators.combine(target, fraction).as(Refund::new)),
        net.jqwik.api.Tuple.of(1, target.map(Cancel::new)),
        net.jqwik.api.Tuple.of(1, target.map(Void::new)),
        net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1, 40).map(PassDays::new)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(new Sweep())));
    return command.list().ofMinSize(1).ofMaxSize(30);
  }

  @Property(tries = 1000)
  void everyStepKeepsTheLifecycleInvariants(@ForAll("sequences") List<Command> commands) {
    Run run = new Run();
    for (Command command : commands) {
      run.step(command);
    }
  }

  /** The service under test and what the invariants need to remember. */
  private static final class Run {
    final ServiceFixture fixture = new ServiceFixture();
    final InvoiceService service = fixture.service;
    final List<InvoiceId> created = new ArrayList<>();
    /** Financial content of each invoice when it left DRAFT: it may never change afterwards. */
    final Map<InvoiceId, String> frozen = new HashMap<>();

    void step(Command command) {
      Map<InvoiceId, Invoice> before = snapshot();
      int eventsBefore = fixture.ports.events().events().size();
      boolean refused = false;
      try {
        apply(command);
      } catch (RuntimeException refusal) {
        refused = true;
        assertThat(refusal).isNotInstanceOf(NullPointerException.class)
            .isNotInstanceOf(AssertionError.class);
      }
      Map<InvoiceId, Invoice> after = snapshot();
      if (refused) {
        assertThat(after).as("a refused %s changed nothing", command).isEqualTo(before);
        assertThat(fixture.ports.events().events()).hasSize(eventsBefore);
      }
      checkInvariants(before, after, command);
    }

    private Invoice target(int index) {
      InvoiceId id = created.isEmpty() ? InvoiceId.of("missing") : created.get(index % created.size());
      return service.find(TENANT, id).orElse(null);
    }

    private void apply(Command command) {
      if (command instanceof Create c) {
        Invoice.Builder draft = service.newDraft(TENANT).account(AccountId.of("acme"))
            .currency("EUR").paymentTerms(PaymentTerms.net(c.netDays()));
        for (int i = 0; i < c.lines(); i++) {
          draft.addLine(ServiceFixture.line("line " + i, i + 1, (17 * (i + 1)) + ".35"));
        }
        created.add(service.createDraft(draft.build()).id());
      } else if (command instanceof Edit e) {
        Invoice invoice = target(e.target());
        service.editDraft(TENANT, invoice == null ? InvoiceId.of("missing") : invoice.id(),
            invoice == null ? 1 : invoice.version() - e.staleBy(),
            d -> d.withLines(ServiceFixture.line("edited", 2, "9.99")));
      } else if (command instanceof Send s) {
        service.send(TENANT, idOf(target(s.target())));
      } else if (command instanceof Pay p) {
        Invoice invoice = target(p.target());
        Money amount = fractionOfBalance(invoice, p.fraction());
        PaymentRequest request = PaymentRequest.of(amount);
        if (p.key() == 0) {
          service.recordPayment(TENANT, idOf(invoice), request);
        } else {
          // A reused key replays when the payload matches and is refused when it does not.
          service.recordPayment(TENANT, idOf(invoice), request, IdempotencyKey.of("key-" + p.key()));
        }
      } else if (command instanceof Refund r) {
        Invoice invoice = target(r.target());
        Money paid = invoice == null ? Money.parse("EUR 1.00") : invoice.totals().amountPaid();
        Money amount = paid.multipliedBy(r.fraction(), RoundingMode.HALF_UP);
        service.refund(TENANT, idOf(invoice),
            PaymentRequest.of(amount.isPositive() ? amount : Money.parse("EUR 0.01")));
      } else if (command instanceof Cancel c) {
        service.cancel(TENANT, idOf(target(c.target())));
      } else if (command instanceof Void v) {
        service.voidInvoice(TENANT, idOf(target(v.target())));
      } else if (command instanceof PassDays d) {
        fixture.clock.advance(Duration.ofDays(d.days()));
      } else if (command instanceof Sweep) {
        service.sweepOverdue(TENANT);
      }
    }

    private static InvoiceId idOf(Invoice invoice) {
      return invoice == null ? InvoiceId.of("missing") : invoice.id();
    }

    private static Money fractionOfBalance(Invoice invoice, BigDecimal fraction) {
      if (invoice == null) {
        return Money.parse("EUR 10.00");
      }
      Money balance = invoice.totals().amountDue();
      Money amount = balance.multipliedBy(fraction, RoundingMode.HALF_UP);
      return amount.isPositive() ? amount : Money.parse("EUR 0.01");
    }

    private Map<InvoiceId, Invoice> snapshot() {
      Map<InvoiceId, Invoice> all = new HashMap<>();
      for (InvoiceStatus status : InvoiceStatus.values()) {
        fixture.ports.invoices().findByStatus(TENANT, status, PageRequest.first(1000)).items()
            .forEach(invoice -> all.put(invoice.id(), invoice));
      }
      return all;
    }

    private static String financialContent(Invoice invoice) {
      return invoice.withPayments().withStatus(InvoiceStatus.DRAFT).withVersion(0).toString();
    }

    private void checkInvariants(Map<InvoiceId, Invoice> before, Map<InvoiceId, Invoice> after,
        Command command) {
      for (Invoice invoice : after.values()) {
        Invoice previous = before.get(invoice.id());
        if (previous != null) {
          assertThat(NEXT.get(previous.status()))
              .as("%s after %s: %s -> %s", invoice.id(), command, previous.status(), invoice.status())
              .contains(invoice.status());
        }
        Money paid = invoice.totals().amountPaid();
        assertThat(paid.isNegative()).as("paid %s is negative", paid).isFalse();
        assertThat(paid.isGreaterThan(invoice.totals().total()))
            .as("paid %s exceeds total %s", paid, invoice.totals().total()).isFalse();
        switch (invoice.status()) {
          case DRAFT, CANCELLED -> assertThat(invoice.number()).isEmpty();
          case PAID -> assertThat(invoice.totals().amountDue().isZero()).isTrue();
          case PARTIALLY_PAID -> assertThat(paid.isPositive() && invoice.totals().amountDue()
              .isPositive()).isTrue();
          case SENT -> assertThat(paid.isZero()).isTrue();
          case VOID -> assertThat(paid.isZero()).isTrue();
          default -> { }
        }
        if (invoice.status() != InvoiceStatus.DRAFT && invoice.status() != InvoiceStatus.CANCELLED) {
          assertThat(invoice.number()).isPresent();
          String content = financialContent(invoice);
          String first = frozen.putIfAbsent(invoice.id(), content);
          if (first != null) {
            assertThat(content).as("content of sent invoice %s", invoice.id()).isEqualTo(first);
          }
        }
      }
      // Numbers: unique, and gapless from 1 within each series.
      List<InvoiceNumber> numbers = after.values().stream()
          .flatMap(i -> i.number().stream()).toList();
      assertThat(numbers).doesNotHaveDuplicates();
      Map<String, TreeSet<Integer>> bySeries = new HashMap<>();
      for (InvoiceNumber number : numbers) {
        String text = number.value();
        bySeries.computeIfAbsent(text.substring(0, text.lastIndexOf('-') + 1), k -> new TreeSet<>())
            .add(Integer.parseInt(text.substring(text.lastIndexOf('-') + 1)));
      }
      bySeries.forEach((series, sequence) ->
          assertThat(sequence.last()).as("series %s is gapless", series).isEqualTo(sequence.size()));
      // Every stored version has exactly one event, and no event lacks its stored version.
      Map<InvoiceId, List<Long>> eventVersions = fixture.ports.events().events().stream()
          .collect(Collectors.groupingBy(InvoiceEvent::invoiceId,
              Collectors.mapping(InvoiceEvent::version, Collectors.toList())));
      for (Invoice invoice : after.values()) {
        List<Long> expected = new ArrayList<>();
        for (long v = 1; v <= invoice.version(); v++) {
          expected.add(v);
        }
        assertThat(eventVersions.getOrDefault(invoice.id(), List.of()))
            .as("events of %s", invoice.id()).isEqualTo(expected);
      }
      assertThat(eventVersions.keySet()).isEqualTo(after.keySet());
    }
  }
}
