package dev.invoicekit.jdbc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.fixtures.MutableClock;
import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.JdbcInvoiceKit;
import dev.invoicekit.jdbc.testing.JdbcDatabase;
import dev.invoicekit.service.IdempotencyKey;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.service.PaymentRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.joda.money.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lifecycle's random command sequences (the idea of core's
 * {@code LifecycleStateMachineProperties}) against the service on the JDBC kit: every command,
 * legal and illegal, in random order, with the invariants checked on the committed rows after
 * every step. Each sequence runs in a tenant of its own; a failure names the seed that replays it.
 */
class LifecycleSequencesReliabilityTest {

  private static final long SEED = 20261124L;
  private static final List<BigDecimal> FRACTIONS = List.of("0.01", "0.25", "0.5", "0.999", "1",
      "1.001", "2").stream().map(BigDecimal::new).toList();

  /** Which statuses may follow which, per DESIGN's table (a status may also stay as it is). */
  private static final Map<InvoiceStatus, Set<InvoiceStatus>> NEXT =
      new EnumMap<>(InvoiceStatus.class);

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

  @ParameterizedTest(name = "{0}")
  @EnumSource(JdbcDatabase.class)
  void randomCommandSequencesKeepTheLifecycleInvariantsOnTheDatabase(JdbcDatabase database) {
    int sequences = ReliabilityMode.pick(6, 1000);
    javax.sql.DataSource dataSource = database.create();
    JdbcInvoiceKit kit = JdbcInvoiceKit.of(dataSource, database.dialect());
    Audit audit = new Audit(dataSource);
    int steps = 0;
    int refused = 0;
    for (int s = 0; s < sequences; s++) {
      long seed = SEED + s;
      Run run = new Run(kit, audit, TenantId.of("seq-" + s), new Random(seed));
      int length = 1 + run.random.nextInt(30);
      for (int i = 0; i < length; i++) {
        String command = run.randomCommand();
        try {
          refused += run.step(command, run.last) ? 0 : 1;
        } catch (AssertionError e) {
          throw new AssertionError("Sequence with seed " + seed + ", step " + (i + 1) + " ("
              + command + "): " + e.getMessage(), e);
        }
        steps++;
      }
    }
    ReliabilityMode.report("random command sequences", database, sequences + " sequences, "
        + steps + " commands (" + refused + " refused), 0 invariant violations");
  }

  /** One sequence: its service, clock and what the invariants remember. */
  private static final class Run {
    final MutableClock clock =
        new MutableClock(Instant.parse("2026-11-02T09:00:00Z"), ZoneId.of("UTC"));
    final InvoiceService service;
    final Audit audit;
    final TenantId tenant;
    final Random random;
    final List<InvoiceId> created = new ArrayList<>();
    final Map<InvoiceId, String> frozen = new HashMap<>();
    /** The tenant's invoices after the last step. */
    Map<InvoiceId, Invoice> last = Map.of();

    Run(JdbcInvoiceKit kit, Audit audit, TenantId tenant, Random random) {
      this.service = kit.configure(InvoiceService.builder())
          .clock(clock, ServiceFixture.ZONE)
          .ids(new SequentialIdSource(tenant.value() + "-"))
          .build();
      this.audit = audit;
      this.tenant = tenant;
      this.random = random;
    }

    String randomCommand() {
      int target = random.nextInt(8);
      int roll = random.nextInt(19);
      if (roll < 3) {
        return "create " + random.nextInt(4) + " " + random.nextInt(46);
      } else if (roll < 5) {
        return "edit " + target + " " + random.nextInt(2);
      } else if (roll < 8) {
        return "send " + target;
      } else if (roll < 12) {
        return "pay " + target + " " + FRACTIONS.get(random.nextInt(FRACTIONS.size())) + " "
            + random.nextInt(5);
      } else if (roll < 14) {
        return "refund " + target + " " + FRACTIONS.get(random.nextInt(FRACTIONS.size()));
      } else if (roll < 15) {
        return "cancel " + target;
      } else if (roll < 16) {
        return "void " + target;
      } else if (roll < 18) {
        return "pass " + (1 + random.nextInt(40));
      }
      return "sweep";
    }

    /** Applies the command and checks the invariants; true if the command was accepted. */
    boolean step(String command, Map<InvoiceId, Invoice> before) {
      boolean accepted = true;
      try {
        apply(command.split(" "));
      } catch (RuntimeException refusal) {
        accepted = false;
        assertThat(refusal).isNotInstanceOf(NullPointerException.class);
      }
      Map<InvoiceId, Invoice> after = audit.snapshot(tenant);
      if (!accepted) {
        assertThat(after).as("a refused %s changed nothing", command).isEqualTo(before);
      }
      assertThat(audit.violations(tenant, after)).as("after %s", command).isEmpty();
      checkInvariants(before, after, command);
      last = after;
      return accepted;
    }

    private Invoice target(String index) {
      InvoiceId id = created.isEmpty() ? InvoiceId.of("missing")
          : created.get(Integer.parseInt(index) % created.size());
      return service.find(tenant, id).orElse(null);
    }

    private static InvoiceId idOf(Invoice invoice) {
      return invoice == null ? InvoiceId.of("missing") : invoice.id();
    }

    private void apply(String[] c) {
      switch (c[0]) {
        case "create" -> {
          Invoice.Builder draft = service.newDraft(tenant).account(AccountId.of("acme"))
              .currency("EUR").paymentTerms(PaymentTerms.net(Integer.parseInt(c[2])));
          for (int i = 0; i < Integer.parseInt(c[1]); i++) {
            draft.addLine(ServiceFixture.line("line " + i, i + 1, (17 * (i + 1)) + ".35"));
          }
          created.add(service.createDraft(draft.build()).id());
        }
        case "edit" -> {
          Invoice invoice = target(c[1]);
          service.editDraft(tenant, idOf(invoice),
              invoice == null ? 1 : invoice.version() - Integer.parseInt(c[2]),
              d -> d.withLines(ServiceFixture.line("edited", 2, "9.99")));
        }
        case "send" -> service.send(tenant, idOf(target(c[1])));
        case "pay" -> {
          Invoice invoice = target(c[1]);
          Money amount = invoice == null ? Money.parse("EUR 10.00")
              : invoice.totals().amountDue().multipliedBy(new BigDecimal(c[2]),
                  RoundingMode.HALF_UP);
          PaymentRequest request =
              PaymentRequest.of(amount.isPositive() ? amount : Money.parse("EUR 0.01"));
          if (c[3].equals("0")) {
            service.recordPayment(tenant, idOf(invoice), request);
          } else {
            service.recordPayment(tenant, idOf(invoice), request, IdempotencyKey.of("key-" + c[3]));
          }
        }
        case "refund" -> {
          Invoice invoice = target(c[1]);
          Money paid = invoice == null ? Money.parse("EUR 1.00") : invoice.totals().amountPaid();
          Money amount = paid.multipliedBy(new BigDecimal(c[2]), RoundingMode.HALF_UP);
          service.refund(tenant, idOf(invoice),
              PaymentRequest.of(amount.isPositive() ? amount : Money.parse("EUR 0.01")));
        }
        case "cancel" -> service.cancel(tenant, idOf(target(c[1])));
        case "void" -> service.voidInvoice(tenant, idOf(target(c[1])));
        case "pass" -> clock.advance(Duration.ofDays(Integer.parseInt(c[1])));
        case "sweep" -> service.sweepOverdue(tenant);
        default -> throw new IllegalArgumentException(c[0]);
      }
    }

    private static String financialContent(Invoice invoice) {
      return invoice.withPayments().withStatus(InvoiceStatus.DRAFT).withVersion(0).toString();
    }

    private void checkInvariants(Map<InvoiceId, Invoice> before, Map<InvoiceId, Invoice> after,
        String command) {
      for (Invoice invoice : after.values()) {
        Invoice previous = before.get(invoice.id());
        if (previous != null) {
          assertThat(NEXT.get(previous.status()))
              .as("%s after %s: %s -> %s", invoice.id(), command, previous.status(),
                  invoice.status())
              .contains(invoice.status());
        }
        Money paid = invoice.totals().amountPaid();
        assertThat(paid.isNegative()).as("paid %s is negative", paid).isFalse();
        assertThat(paid.isGreaterThan(invoice.totals().total()))
            .as("paid %s exceeds total %s", paid, invoice.totals().total()).isFalse();
        switch (invoice.status()) {
          case DRAFT, CANCELLED -> assertThat(invoice.number()).isEmpty();
          case PAID -> assertThat(invoice.totals().amountDue().isZero()).isTrue();
          case PARTIALLY_PAID -> assertThat(paid.isPositive()
              && invoice.totals().amountDue().isPositive()).isTrue();
          case SENT, VOID -> assertThat(paid.isZero()).isTrue();
          default -> { }
        }
        if (invoice.status() != InvoiceStatus.DRAFT
            && invoice.status() != InvoiceStatus.CANCELLED) {
          assertThat(invoice.number()).isPresent();
          String content = financialContent(invoice);
          String first = frozen.putIfAbsent(invoice.id(), content);
          if (first != null) {
            assertThat(content).as("content of sent invoice %s", invoice.id()).isEqualTo(first);
          }
        }
      }
      List<InvoiceNumber> numbers = after.values().stream()
          .flatMap(i -> i.number().stream()).toList();
      assertThat(numbers).doesNotHaveDuplicates();
      Map<String, TreeSet<Integer>> bySeries = new HashMap<>();
      for (InvoiceNumber number : numbers) {
        String text = number.value();
        bySeries.computeIfAbsent(text.substring(0, text.lastIndexOf('-') + 1),
            k -> new TreeSet<>()).add(Integer.parseInt(text.substring(text.lastIndexOf('-') + 1)));
      }
      bySeries.forEach((series, sequence) -> assertThat(sequence.last())
          .as("series %s is gapless", series).isEqualTo(sequence.size()));
    }
  }
}
