package dev.invoicekit.testkit.lifecycle;

import dev.invoicekit.credit.AccountCreditEntry;
import dev.invoicekit.credit.CreditEvent;
import dev.invoicekit.credit.CreditEventType;
import dev.invoicekit.credit.CreditNote;
import dev.invoicekit.credit.CreditNoteId;
import dev.invoicekit.credit.CreditNoteRequest;
import dev.invoicekit.credit.CreditNoteStatus;
import dev.invoicekit.credit.ExcessCredit;
import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.events.InvoiceEventType;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceRefusal;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.lifecycle.Action;
import dev.invoicekit.lifecycle.InvoiceLifecycle;
import dev.invoicekit.lifecycle.OverdueRule;
import dev.invoicekit.ports.Page;
import dev.invoicekit.ports.PageRequest;
import dev.invoicekit.service.IdempotencyConflictException;
import dev.invoicekit.service.IdempotencyKey;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.service.PaymentRequest;
import dev.invoicekit.tax.TaxCode;
import dev.invoicekit.testkit.lifecycle.CreditState.Ledger;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.ApplyAccountCredit;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Cancel;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.CancelCreditNote;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Create;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.DraftCreditNote;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Edit;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.IssueCreditNote;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Overpay;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.PassDays;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Pay;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Refund;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.RefundAccountCredit;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Send;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.Sweep;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.VoidInvoice;
import dev.invoicekit.testkit.lifecycle.LifecycleCommand.WriteOff;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.joda.money.Money;

/**
 * Runs random {@link LifecycleCommand} sequences against an {@link InvoiceService} on any ports
 * (a {@link LifecycleTarget}) and checks the lifecycle's invariants on the committed state after
 * every step. Each sequence runs in a tenant of its own with a clock of its own, so sequences are
 * independent and may run at the same time; a sequence's outcome depends only on its commands.
 *
 * <p>After every step it checks, reading through the target:
 *
 * <ol>
 *   <li>a refused command threw one of the documented refusals (illegal transition, rejected
 *       payment or credit, invalid input, not found, stale version, idempotency conflict, credit
 *       note state, insufficient account credit), naming the invoice (by id or number) when it
 *       exists, and changed nothing: the tenant's invoices, credit notes, account-credit ledgers
 *       and both kinds of events are as before;
 *   <li>an idempotency key reused with the same payment is answered without any change, with
 *       another payment it is refused as a conflict;
 *   <li>an accepted command changed exactly what it names: a create adds one invoice at version 1,
 *       a command on an invoice moves that invoice alone by one version, days passing change
 *       nothing, a sweep moves only SENT or PARTIALLY_PAID invoices, to OVERDUE; no invoice ever
 *       disappears or changes without a new version; a draft adds one credit note at version 1,
 *       an issue or cancel moves that note alone by one version from DRAFT, and issuing moves the
 *       note's invoice; the ledger only grows, by the entries the command books; the command
 *       returns what was stored;
 *   <li>statuses follow DESIGN's table; paid is between 0 and the total; DRAFT and CANCELLED carry
 *       no number and every other status one; PAID owes nothing; PARTIALLY_PAID has paid
 *       something and owes something; SENT and VOID have nothing paid;
 *   <li>an invoice's financial content never changes once it has left DRAFT;
 *   <li>numbers are unique, and gapless from 1 within each series;
 *   <li>every stored version of every invoice has exactly one event, and no event lacks its stored
 *       version; the events a step adds are of the command's type and carry the stored invoice's
 *       status, number and amounts; event ids are unique;
 *   <li>nothing left unmarked after a sweep: no invoice is left SENT or PARTIALLY_PAID past its
 *       due date (given outright or derived from its payment terms) with a balance;
 *   <li>the corrections' invariants ({@link CorrectionInvariants}), reading the notes and the
 *       ledger rather than the invoice's own sums: amount due = total - paid - credited (what
 *       the issued notes applied) - applied credit (the ledger's entries for the invoice) -
 *       written off (+ rounding), never below zero; the notes never credit more than the total,
 *       nor more of a line than invoiced; each issued note's allocation adds up to its total and
 *       its kept part is what the ledger booked for it; each ledger's balance is the sum of its
 *       entries, which never goes below zero, entry by entry; credit-note numbers are unique and
 *       gapless per series; every stored version of a note and every ledger entry has exactly
 *       one credit event, and the credit events a step adds are those its command publishes
 *       (one per state change, counted per command);
 *   <li>at the end of the sequence, looking each invoice up by id gives what the tenant's listing
 *       holds, and the listing by status holds the same invoices as the listing by account;
 *   <li>every {@link LifecycleCheck} added with {@link #withCheck}.
 * </ol>
 *
 * <p>The first step that breaks anything ends the sequence with a {@link LifecycleViolation}
 * listing everything broken after that step.
 *
 * <p>Immutable and thread-safe (if the target and the checks are).
 */
public final class LifecycleChecker {

  /** The account of every invoice the sequences create. */
  public static final AccountId ACCOUNT = AccountId.of("acme");

  /** Where every sequence's clock starts: 2026-11-02T09:00:00Z. */
  public static final Instant START = Instant.parse("2026-11-02T09:00:00Z");

  /** The business's zone unless {@link #withZone} says otherwise. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Berlin");

  /** Which statuses may follow which, per DESIGN's table (a status may also stay as it is). */
  private static final Map<InvoiceStatus, Set<InvoiceStatus>> NEXT =
      new EnumMap<>(InvoiceStatus.class);

  static {
    NEXT.put(InvoiceStatus.DRAFT, EnumSet.of(InvoiceStatus.DRAFT, InvoiceStatus.SENT,
        InvoiceStatus.PAID, InvoiceStatus.CANCELLED));
    NEXT.put(InvoiceStatus.SENT, EnumSet.of(InvoiceStatus.SENT, InvoiceStatus.PARTIALLY_PAID,
        InvoiceStatus.OVERDUE, InvoiceStatus.PAID, InvoiceStatus.VOID,
        InvoiceStatus.UNCOLLECTIBLE));
    NEXT.put(InvoiceStatus.PARTIALLY_PAID, EnumSet.of(InvoiceStatus.PARTIALLY_PAID,
        InvoiceStatus.OVERDUE, InvoiceStatus.PAID, InvoiceStatus.SENT,
        InvoiceStatus.UNCOLLECTIBLE));
    NEXT.put(InvoiceStatus.OVERDUE, EnumSet.of(InvoiceStatus.OVERDUE, InvoiceStatus.PAID,
        InvoiceStatus.VOID, InvoiceStatus.UNCOLLECTIBLE));
    NEXT.put(InvoiceStatus.PAID, EnumSet.of(InvoiceStatus.PAID, InvoiceStatus.PARTIALLY_PAID,
        InvoiceStatus.SENT, InvoiceStatus.OVERDUE));
    NEXT.put(InvoiceStatus.CANCELLED, EnumSet.of(InvoiceStatus.CANCELLED));
    NEXT.put(InvoiceStatus.VOID, EnumSet.of(InvoiceStatus.VOID));
    // A payment takes a write-off back.
    NEXT.put(InvoiceStatus.UNCOLLECTIBLE, EnumSet.of(InvoiceStatus.UNCOLLECTIBLE,
        InvoiceStatus.PARTIALLY_PAID, InvoiceStatus.OVERDUE, InvoiceStatus.PAID));
  }

  private static final Money SMALLEST = Money.parse("EUR 0.01");

  /** The id a note command uses before any note was drafted: one the tenant does not have. */
  private static final CreditNoteId MISSING_NOTE = CreditNoteId.of("missing");

  private final LifecycleTarget target;
  private final List<LifecycleCheck> checks;
  private final ZoneId zone;

  private LifecycleChecker(LifecycleTarget target, List<LifecycleCheck> checks, ZoneId zone) {
    this.target = target;
    this.checks = List.copyOf(checks);
    this.zone = zone;
  }

  /**
   * A checker of the built-in invariants on a target.
   *
   * @param target the ports under test, not null
   * @return the checker, not null
   */
  public static LifecycleChecker on(LifecycleTarget target) {
    return new LifecycleChecker(Objects.requireNonNull(target, "target"), List.of(), DEFAULT_ZONE);
  }

  /**
   * This checker with one more invariant checked after every step.
   *
   * @param check the extra check, not null
   * @return a new checker, not null
   */
  public LifecycleChecker withCheck(LifecycleCheck check) {
    List<LifecycleCheck> more = new ArrayList<>(checks);
    more.add(Objects.requireNonNull(check, "check"));
    return new LifecycleChecker(target, more, zone);
  }

  /**
   * This checker with another business zone ("today" and "past due" are decided in it).
   *
   * @param zone the zone, not null
   * @return a new checker, not null
   */
  public LifecycleChecker withZone(ZoneId zone) {
    return new LifecycleChecker(target, checks, Objects.requireNonNull(zone, "zone"));
  }

  /**
   * Runs one sequence in a tenant that must hold no invoices yet.
   *
   * @param tenant a fresh tenant, not null
   * @param commands the commands, not null
   * @return what the sequence did, not null
   * @throws LifecycleViolation after the first step that broke an invariant
   * @throws IllegalStateException if the tenant already holds invoices
   */
  public SequenceResult run(TenantId tenant, List<LifecycleCommand> commands) {
    return new Sequence(tenant, OptionalLong.empty()).run(commands);
  }

  /**
   * Runs sequences {@code 0 .. count-1}: sequence {@code i} has the commands of seed
   * {@code firstSeed + i} ({@link LifecycleCommands#fromSeed}) and tenant
   * {@code tenantPrefix + i}, so any one of them can be replayed alone. Sequences run on
   * {@code threads} threads at once; each is checked exactly as when run alone.
   *
   * @param tenantPrefix what the fresh tenants' ids start with, not null
   * @param firstSeed the seed of sequence 0
   * @param count how many sequences, 0 or more
   * @param threads how many sequences at once, 1 or more
   * @return the summary of all sequences, not null
   * @throws LifecycleViolation of the failing sequence with the lowest index, if any failed
   */
  public LifecycleSummary runSeeded(String tenantPrefix, long firstSeed, int count, int threads) {
    Objects.requireNonNull(tenantPrefix, "tenantPrefix");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be 1 or more, was " + threads);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "lifecycle-sequences");
      thread.setDaemon(true);
      return thread;
    });
    // Once one sequence failed, the others still queued are not started: the run reports soon.
    AtomicBoolean failed = new AtomicBoolean();
    try {
      List<Future<SequenceResult>> results = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        long seed = firstSeed + i;
        TenantId tenant = TenantId.of(tenantPrefix + i);
        results.add(pool.submit(() -> {
          if (failed.get()) {
            return null;
          }
          try {
            return new Sequence(tenant, OptionalLong.of(seed))
                .run(LifecycleCommands.fromSeed(seed));
          } catch (RuntimeException | Error e) {
            failed.set(true);
            throw e;
          }
        }));
      }
      LifecycleSummary summary = new LifecycleSummary(0, 0, 0, 0, Map.of());
      for (Future<SequenceResult> result : results) {
        SequenceResult one = result.get();
        if (one != null) {
          summary = summary.plus(LifecycleSummary.of(one));
        }
      }
      return summary;
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw (RuntimeException) e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running sequences", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** What one step expects because of an idempotency key used before. */
  private enum Expectation { ANY, REPLAY, CONFLICT }

  /** One sequence: its service, clock and what the invariants remember. */
  private final class Sequence {
    final TenantId tenant;
    final OptionalLong seed;
    final SteppingClock clock = new SteppingClock(START, ZoneId.of("UTC"));
    final InvoiceService service;
    final List<InvoiceId> created = new ArrayList<>();
    /** Financial content of each invoice when it left DRAFT: it may never change afterwards. */
    final Map<InvoiceId, String> frozen = new HashMap<>();
    /**
     * Per key, the payment it was first accepted with: the same again is a replay, another a
     * conflict; a client retrying after a timeout resends it.
     */
    final Map<Integer, KeyedPayment> keyedPayments = new HashMap<>();
    /** The credit notes drafted so far, in order: what note commands name by index. */
    final List<CreditNoteId> drafted = new ArrayList<>();
    Map<InvoiceId, Invoice> stored;
    Map<String, InvoiceEvent> events;
    CreditState credits;
    final Map<String, Integer> accepted = new TreeMap<>();
    int refused;
    int replays;

    Sequence(TenantId tenant, OptionalLong seed) {
      this.tenant = Objects.requireNonNull(tenant, "tenant");
      this.seed = seed;
      this.service = target.configure(InvoiceService.builder())
          .clock(clock, zone)
          .ids(new SequentialIdSource(tenant.value() + "-"))
          .build();
    }

    SequenceResult run(List<LifecycleCommand> commands) {
      stored = listByAccount();
      events = eventsById(new ArrayList<>());
      credits = CreditState.read(target, tenant, ACCOUNT, stored.keySet(), new ArrayList<>());
      boolean ledgers = credits.ledgers().values().stream().allMatch(List::isEmpty);
      if (!stored.isEmpty() || !events.isEmpty() || !credits.events().isEmpty() || !ledgers) {
        throw new IllegalStateException("Tenant " + tenant + " already holds " + stored.size()
            + " invoices, " + events.size() + " events and " + credits.events().size()
            + " credit events; each sequence needs a fresh tenant");
      }
      for (int i = 0; i < commands.size(); i++) {
        List<String> violations = step(commands.get(i));
        if (i == commands.size() - 1 && violations.isEmpty()) {
          checkLookups(violations);
        }
        if (!violations.isEmpty()) {
          throw new LifecycleViolation(tenant, seed, i + 1, commands.get(i),
              commands.subList(0, i + 1), violations);
        }
      }
      return new SequenceResult(tenant, commands.size(), refused, replays, accepted);
    }

    /** A payment made with an idempotency key: the invoice and the amount. */
    private record KeyedPayment(InvoiceId invoice, Money amount) {}

    List<String> step(LifecycleCommand command) {
      List<String> violations = new ArrayList<>();
      Invoice targeted = targeted(command);
      Expectation expectation = Expectation.ANY;
      KeyedPayment keyed = null;
      if (command instanceof Pay pay && pay.key() != 0) {
        keyed = new KeyedPayment(idOf(targeted), paymentAmount(targeted, pay));
        KeyedPayment earlier = keyedPayments.get(pay.key());
        expectation = earlier == null ? Expectation.ANY
            : earlier.equals(keyed) ? Expectation.REPLAY : Expectation.CONFLICT;
      }
      Object returned = null;
      RuntimeException refusal = null;
      try {
        returned = apply(command, targeted);
      } catch (RuntimeException e) {
        refusal = e;
      }
      Map<InvoiceId, Invoice> before = stored;
      Map<String, InvoiceEvent> eventsBefore = events;
      CreditState creditsBefore = credits;
      Map<InvoiceId, Invoice> after = listByAccount();
      Map<String, InvoiceEvent> eventsAfter = eventsById(violations);
      CreditState creditsAfter =
          CreditState.read(target, tenant, ACCOUNT, after.keySet(), violations);
      boolean unchanged = after.equals(before) && eventsAfter.equals(eventsBefore)
          && creditsAfter.equals(creditsBefore);

      if (refusal != null) {
        refused++;
        checkRefusal(refusal, targeted, violations);
        if (!unchanged) {
          violations.add("the refused command changed the tenant's invoices, credit notes,"
              + " account-credit ledgers or events");
        }
      }
      if (expectation == Expectation.CONFLICT
          && !(refusal instanceof IdempotencyConflictException)) {
        violations.add("a key reused with another payment was not refused as a conflict but "
            + (refusal == null ? "accepted" : "refused with " + refusal));
      }
      if (expectation == Expectation.REPLAY) {
        replays++;
        if (refusal != null) {
          violations.add("a key reused with the same payment was refused instead of replayed");
        } else if (!unchanged) {
          violations.add("a key reused with the same payment changed the tenant again");
        }
      }
      if (refusal == null) {
        accepted.merge(command.getClass().getSimpleName(), 1, Integer::sum);
        if (keyed != null && expectation == Expectation.ANY) {
          keyedPayments.put(((Pay) command).key(), keyed);
        }
        if (command instanceof Create && returned instanceof Invoice invoice) {
          created.add(invoice.id());
        }
        if (command instanceof DraftCreditNote && returned instanceof CreditNote note) {
          drafted.add(note.id());
        }
        checkChanges(command, targeted, returned, expectation, before, after, violations);
        checkCreditChanges(command, returned, expectation, creditsBefore, creditsAfter,
            violations);
        checkNewEvents(command, before, after, eventsBefore, eventsAfter, violations);
        checkNewCreditEvents(command, expectation, creditsBefore, creditsAfter, violations);
      }
      for (Invoice invoice : after.values()) {
        checkInvoice(before.get(invoice.id()), invoice, violations);
      }
      checkNumbers(after, violations);
      checkEventsPerVersion(after, eventsAfter, violations);
      CorrectionInvariants.invoices(after, creditsAfter, ACCOUNT, violations);
      CorrectionInvariants.allocations(creditsAfter, violations);
      CorrectionInvariants.ledgers(creditsAfter, violations);
      CorrectionInvariants.numbers(creditsAfter, violations);
      CorrectionInvariants.eventsPerChange(creditsAfter, violations);
      if (command instanceof Sweep && refusal == null) {
        checkNothingLeftOverdue(after, violations);
      }
      for (LifecycleCheck check : checks) {
        violations.addAll(check.violations(tenant, after));
      }
      stored = after;
      events = eventsAfter;
      credits = creditsAfter;
      return violations;
    }

    /** The target as committed after the previous step (what a lookup by id would give). */
    private Invoice targeted(LifecycleCommand command) {
      CreditNote note = namedNote(command);
      if (note != null) {
        return stored.get(note.invoiceId());
      }
      OptionalLong index = targetIndex(command);
      if (index.isEmpty() || created.isEmpty()) {
        return null;
      }
      if (command instanceof ApplyAccountCredit) {
        // Credit goes to an invoice that owes something: the target-th of those, if any.
        List<InvoiceId> owing = created.stream()
            .filter(id -> InvoiceLifecycle.isAllowed(stored.get(id).status(),
                Action.APPLY_ACCOUNT_CREDIT))
            .toList();
        if (!owing.isEmpty()) {
          return stored.get(owing.get((int) (index.getAsLong() % owing.size())));
        }
      }
      return stored.get(created.get((int) (index.getAsLong() % created.size())));
    }

    /** At the end: each invoice by id, and the listing by status, agree with the listing. */
    private void checkLookups(List<String> violations) {
      for (Invoice listed : stored.values()) {
        Optional<Invoice> found = service.find(tenant, listed.id());
        if (!found.equals(Optional.of(listed))) {
          violations.add("finding " + listed.id() + " by id gives " + found.orElse(null)
              + " but the tenant's listing holds " + listed);
        }
      }
      Map<InvoiceId, Invoice> byStatus = listByStatus();
      if (!byStatus.equals(stored)) {
        violations.add("the listing by status " + byStatus.keySet()
            + " differs from the listing by account " + stored.keySet());
      }
    }

    private OptionalLong targetIndex(LifecycleCommand command) {
      if (command instanceof Edit c) {
        return OptionalLong.of(c.target());
      } else if (command instanceof Send c) {
        return OptionalLong.of(c.target());
      } else if (command instanceof Pay c) {
        return OptionalLong.of(c.target());
      } else if (command instanceof Refund c) {
        return OptionalLong.of(c.target());
      } else if (command instanceof Cancel c) {
        return OptionalLong.of(c.target());
      } else if (command instanceof VoidInvoice c) {
        return OptionalLong.of(c.target());
      } else if (command instanceof DraftCreditNote c) {
        return OptionalLong.of(c.target());
      } else if (command instanceof WriteOff c) {
        return OptionalLong.of(c.target());
      } else if (command instanceof Overpay c) {
        return OptionalLong.of(c.target());
      } else if (command instanceof ApplyAccountCredit c) {
        return OptionalLong.of(c.target());
      }
      return OptionalLong.empty();
    }

    /** The drafted note a note command names, as committed after the previous step. */
    private CreditNote namedNote(LifecycleCommand command) {
      OptionalLong index = command instanceof IssueCreditNote c ? OptionalLong.of(c.note())
          : command instanceof CancelCreditNote c ? OptionalLong.of(c.note())
          : OptionalLong.empty();
      if (index.isEmpty() || drafted.isEmpty()) {
        return null;
      }
      return credits.notes().get(drafted.get((int) (index.getAsLong() % drafted.size())));
    }

    private Object apply(LifecycleCommand command, Invoice targeted) {
      if (command instanceof Create c) {
        Invoice.Builder draft = service.newDraft(tenant).account(ACCOUNT).currency("EUR")
            .paymentTerms(PaymentTerms.net(c.netDays()));
        for (int i = 0; i < c.lines(); i++) {
          draft.addLine(line("line " + i, i + 1, (17 * (i + 1)) + ".35"));
        }
        return service.createDraft(draft.build());
      } else if (command instanceof Edit e) {
        return service.editDraft(tenant, idOf(targeted),
            targeted == null ? 1 : targeted.version() - e.staleBy(),
            d -> d.withLines(line("edited", 2, "9.99")));
      } else if (command instanceof Send) {
        return service.send(tenant, idOf(targeted));
      } else if (command instanceof Pay p) {
        PaymentRequest request = PaymentRequest.of(paymentAmount(targeted, p));
        return p.key() == 0 ? service.recordPayment(tenant, idOf(targeted), request)
            : service.recordPayment(tenant, idOf(targeted), request,
                IdempotencyKey.of("key-" + p.key()));
      } else if (command instanceof Refund r) {
        Money paid = targeted == null ? Money.parse("EUR 1.00") : targeted.totals().amountPaid();
        Money amount = paid.multipliedBy(r.fraction(), RoundingMode.HALF_UP);
        return service.refund(tenant, idOf(targeted),
            PaymentRequest.of(amount.isPositive() ? amount : SMALLEST));
      } else if (command instanceof Cancel) {
        return service.cancel(tenant, idOf(targeted));
      } else if (command instanceof VoidInvoice) {
        return service.voidInvoice(tenant, idOf(targeted));
      } else if (command instanceof PassDays d) {
        clock.advance(Duration.ofDays(d.days()));
        return null;
      } else if (command instanceof Sweep) {
        // Through the service, whatever the repository's sweep returns.
        service.sweepOverdue(tenant);
        return null;
      }
      return applyCorrection(command, targeted);
    }

    private Object applyCorrection(LifecycleCommand command, Invoice targeted) {
      if (command instanceof DraftCreditNote d) {
        return service.draftCreditNote(tenant, idOf(targeted), creditRequest(targeted, d),
            IdempotencyKey.NONE);
      } else if (command instanceof IssueCreditNote i) {
        CreditNote note = namedNote(command);
        return service.issueCreditNote(tenant, note == null ? MISSING_NOTE : note.id(),
            excess(note, targeted, i), IdempotencyKey.NONE);
      } else if (command instanceof CancelCreditNote) {
        CreditNote note = namedNote(command);
        return service.cancelCreditNote(tenant, note == null ? MISSING_NOTE : note.id(),
            IdempotencyKey.NONE);
      } else if (command instanceof WriteOff) {
        return service.writeOff(tenant, idOf(targeted), "Uncollectible", IdempotencyKey.NONE);
      } else if (command instanceof Overpay o) {
        Money due = targeted == null ? Money.parse("EUR 10.00") : targeted.totals().amountDue();
        return service.recordPayment(tenant, idOf(targeted),
            PaymentRequest.of(share(due, o.fraction())).withExcessToAccountCredit(true));
      } else if (command instanceof ApplyAccountCredit a) {
        Money credit = credits.credit(new Ledger(ACCOUNT, CreditState.CURRENCY));
        Money due = targeted == null ? credit : targeted.totals().amountDue();
        Money most = credit.isPositive() && credit.isLessThan(due) ? credit : due;
        Money amount = share(most, a.fraction());
        return switch (a.source()) {
          case 1 -> service.applyAccountCredit(tenant, CreditState.OTHER_ACCOUNT, idOf(targeted),
              amount, IdempotencyKey.NONE);
          case 2 -> service.applyAccountCredit(tenant, ACCOUNT, idOf(targeted),
              Money.of(CreditState.OTHER_CURRENCY, amount.getAmount()), IdempotencyKey.NONE);
          default -> service.applyAccountCredit(tenant, ACCOUNT, idOf(targeted), amount,
              IdempotencyKey.NONE);
        };
      } else if (command instanceof RefundAccountCredit r) {
        Money credit = credits.credit(new Ledger(ACCOUNT, CreditState.CURRENCY));
        return service.refundAccountCredit(tenant, ACCOUNT, share(credit, r.fraction()),
            "Paid back", IdempotencyKey.NONE);
      }
      throw new IllegalArgumentException("Unknown command " + command);
    }

    /** What a draft command asks for, read against the invoice as committed. */
    private CreditNoteRequest creditRequest(Invoice invoice, DraftCreditNote command) {
      int lines = invoice == null ? 0 : invoice.lines().size();
      switch (command.kind()) {
        case LINES: {
          if (lines == 0 || command.line() == 3) {
            // A line the invoice does not have.
            return CreditNoteRequest.lineQuantity("Returned", lines + 1, BigDecimal.ONE);
          }
          int line = 1 + command.line() % lines;
          BigDecimal quantity = invoice.lines().get(line - 1).quantity()
              .multiply(command.fraction()).setScale(3, RoundingMode.DOWN);
          return CreditNoteRequest.lineQuantity("Returned", line,
              quantity.signum() > 0 ? quantity : new BigDecimal("0.001"));
        }
        case AMOUNTS: {
          TaxCode code = TaxCode.standard("19");
          Money taxable = invoice == null || invoice.totals().taxBreakdown().isEmpty()
              ? SMALLEST : invoice.totals().taxBreakdown().get(0).taxableAmount();
          Money amount = share(taxable, command.fraction());
          return CreditNoteRequest.amount("Price reduction", code, command.line() == 3
              ? Money.of(CreditState.OTHER_CURRENCY, amount.getAmount()) : amount);
        }
        default:
          return CreditNoteRequest.wholeInvoice("Wrong invoice");
      }
    }

    /** What an issue command does with the excess; a split refunds a fraction of it. */
    private ExcessCredit excess(CreditNote note, Invoice invoice, IssueCreditNote command) {
      switch (command.excess()) {
        case 1:
          return ExcessCredit.refund();
        case 2:
          return ExcessCredit.toAccountCredit();
        case 3: {
          Money excess = note == null || invoice == null ? SMALLEST
              : note.total().minus(invoice.totals().amountDue());
          return ExcessCredit.refundAndKeepRest(
              share(excess.isPositive() ? excess : SMALLEST, command.fraction()));
        }
        default:
          return ExcessCredit.NONE;
      }
    }

    private Money paymentAmount(Invoice targeted, Pay pay) {
      if (targeted == null) {
        return Money.parse("EUR 10.00");
      }
      KeyedPayment earlier = pay.key() == 0 ? null : keyedPayments.get(pay.key());
      if (earlier != null && earlier.invoice().equals(targeted.id())
          && pay.fraction().compareTo(BigDecimal.ONE) <= 0) {
        // The same key on the same invoice: a retry of the accepted payment, which must be
        // replayed. A fraction above 1 stays a different payment under that key: a conflict.
        return earlier.amount();
      }
      Money amount = targeted.totals().amountDue().multipliedBy(pay.fraction(),
          RoundingMode.HALF_UP);
      return amount.isPositive() ? amount : SMALLEST;
    }

    private void checkRefusal(RuntimeException refusal, Invoice targeted,
        List<String> violations) {
      // The documented refusals are the library's: each carries the marker. Anything else is not.
      if (!(refusal instanceof InvoiceRefusal)) {
        violations.add("refused with an undocumented exception: " + refusal);
        return;
      }
      String message = String.valueOf(refusal.getMessage());
      if (targeted != null && !(refusal instanceof IdempotencyConflictException)
          && !message.contains(targeted.id().value())
          && targeted.number().map(n -> !message.contains(n.value())).orElse(true)) {
        violations.add("the refusal names neither the id nor the number of invoice "
            + targeted.id() + ": " + message);
      }
    }

    private void checkChanges(LifecycleCommand command, Invoice targeted, Object returned,
        Expectation expectation, Map<InvoiceId, Invoice> before, Map<InvoiceId, Invoice> after,
        List<String> violations) {
      for (InvoiceId id : before.keySet()) {
        if (!after.containsKey(id)) {
          violations.add(id + " disappeared");
        }
      }
      Set<InvoiceId> changed = new HashSet<>();
      for (Invoice invoice : after.values()) {
        Invoice previous = before.get(invoice.id());
        if (previous == null) {
          changed.add(invoice.id());
          if (invoice.version() != 1) {
            violations.add("new invoice " + invoice.id() + " is at version " + invoice.version());
          }
        } else if (!previous.equals(invoice)) {
          changed.add(invoice.id());
          if (invoice.version() != previous.version() + 1) {
            violations.add(invoice.id() + " went from version " + previous.version() + " to "
                + invoice.version() + " in one step");
          }
        }
      }
      Set<InvoiceId> allowed = new HashSet<>();
      boolean exactly = true;
      if (command instanceof Create) {
        if (returned instanceof Invoice invoice && !before.containsKey(invoice.id())) {
          allowed.add(invoice.id());
        }
      } else if (command instanceof Sweep) {
        exactly = false;
        // The lifecycle's own rule says which statuses a sweep moves from and to.
        OverdueRule rule =
            InvoiceLifecycle.overdueRule(LocalDate.ofInstant(clock.instant(), zone));
        for (InvoiceId id : changed) {
          Invoice previous = before.get(id);
          if (previous != null
              && rule.from().contains(previous.status())
              && after.get(id).status() == rule.to()) {
            allowed.add(id);
          }
        }
      } else if (command instanceof PassDays || expectation == Expectation.REPLAY
          || command instanceof DraftCreditNote || command instanceof CancelCreditNote
          || command instanceof RefundAccountCredit) {
        // No invoice may change.
      } else if (targeted != null) {
        allowed.add(targeted.id());
      }
      if (exactly ? !changed.equals(allowed) : !allowed.containsAll(changed)) {
        violations.add("the accepted command changed " + changed + " where it should change "
            + (exactly ? "exactly " : "at most ") + allowed);
      }
      if (returned instanceof Invoice invoice && !invoice.equals(after.get(invoice.id()))) {
        violations.add("the command returned " + invoice + " but stored "
            + after.get(invoice.id()));
      }
    }

    /**
     * Credit notes change only as the command says, by one version, and never disappear; the
     * ledgers only grow, by the entries the command books; the command returns what was stored.
     */
    private void checkCreditChanges(LifecycleCommand command, Object returned,
        Expectation expectation, CreditState before, CreditState after, List<String> violations) {
      Set<CreditNoteId> changed = new HashSet<>();
      for (CreditNoteId id : before.notes().keySet()) {
        if (!after.notes().containsKey(id)) {
          violations.add("credit note " + id + " disappeared");
        }
      }
      for (CreditNote note : after.notes().values()) {
        CreditNote previous = before.notes().get(note.id());
        if (previous == null) {
          changed.add(note.id());
          if (note.version() != 1 || note.status() != CreditNoteStatus.DRAFT) {
            violations.add("new credit note " + note.id() + " is " + note.status()
                + " at version " + note.version());
          }
        } else if (!previous.equals(note)) {
          changed.add(note.id());
          if (note.version() != previous.version() + 1
              || previous.status() != CreditNoteStatus.DRAFT) {
            violations.add("credit note " + note.id() + " went from " + previous.status()
                + " at version " + previous.version() + " to " + note.status() + " at version "
                + note.version() + " in one step");
          }
        }
      }
      Set<CreditNoteId> allowed = new HashSet<>();
      CreditNoteStatus to = null;
      if (expectation != Expectation.REPLAY && returned instanceof CreditNote note) {
        allowed.add(note.id());
        to = command instanceof IssueCreditNote ? CreditNoteStatus.ISSUED
            : command instanceof CancelCreditNote ? CreditNoteStatus.CANCELLED
            : CreditNoteStatus.DRAFT;
        if (!note.equals(after.notes().get(note.id()))) {
          violations.add("the command returned " + note + " but stored "
              + after.notes().get(note.id()));
        }
      }
      if (!changed.equals(allowed)) {
        violations.add("the accepted command changed the credit notes " + changed
            + " where it should change exactly " + allowed);
      } else if (to != null && after.notes().get(allowed.iterator().next()).status() != to) {
        violations.add("the accepted command left credit note " + allowed + " "
            + after.notes().get(allowed.iterator().next()).status() + ", not " + to);
      }
      List<AccountCreditEntry> added = new ArrayList<>();
      after.ledgers().forEach((ledger, entries) -> {
        List<AccountCreditEntry> previous = before.ledgers().getOrDefault(ledger, List.of());
        if (entries.size() < previous.size()
            || !entries.subList(0, previous.size()).equals(previous)) {
          violations.add("the account-credit ledger of " + ledger + " was rewritten: "
              + previous + " became " + entries);
        } else {
          added.addAll(entries.subList(previous.size(), entries.size()));
        }
      });
      List<AccountCreditEntry.Kind> kinds = added.stream().map(AccountCreditEntry::kind).toList();
      boolean booked = expectation == Expectation.REPLAY ? kinds.isEmpty()
          : command instanceof IssueCreditNote
              ? kinds.isEmpty() || kinds.equals(List.of(AccountCreditEntry.Kind.CREDIT_NOTE))
          : command instanceof Overpay
              ? kinds.isEmpty() || kinds.equals(List.of(AccountCreditEntry.Kind.OVERPAYMENT))
          : command instanceof ApplyAccountCredit
              ? kinds.equals(List.of(AccountCreditEntry.Kind.APPLIED))
          : command instanceof RefundAccountCredit
              ? kinds.equals(List.of(AccountCreditEntry.Kind.REFUNDED))
          : kinds.isEmpty();
      if (!booked) {
        violations.add("the accepted command " + command + " booked the ledger entries "
            + kinds);
      }
      if (returned instanceof AccountCreditEntry entry && !added.contains(entry)) {
        violations.add("the command returned " + entry + " but the ledger booked " + added);
      }
    }

    /**
     * One credit event per state change, counted per command: the credit events a step adds are
     * the ones its command publishes for the notes and entries it changed.
     */
    private void checkNewCreditEvents(LifecycleCommand command, Expectation expectation,
        CreditState before, CreditState after, List<String> violations) {
      for (Map.Entry<String, CreditEvent> old : before.events().entrySet()) {
        if (!old.getValue().equals(after.events().get(old.getKey()))) {
          violations.add("credit event " + old.getKey() + " changed or vanished");
        }
      }
      Map<CreditEventType, Integer> published = new TreeMap<>();
      for (Map.Entry<String, CreditEvent> event : after.events().entrySet()) {
        if (!before.events().containsKey(event.getKey())) {
          published.merge(event.getValue().type(), 1, Integer::sum);
        }
      }
      Map<CreditEventType, Integer> expected = new TreeMap<>();
      if (expectation != Expectation.REPLAY) {
        if (command instanceof DraftCreditNote) {
          expected.put(CreditEventType.CREDIT_NOTE_CREATED, 1);
        } else if (command instanceof IssueCreditNote) {
          expected.put(CreditEventType.CREDIT_NOTE_ISSUED, 1);
        } else if (command instanceof CancelCreditNote) {
          expected.put(CreditEventType.CREDIT_NOTE_CANCELLED, 1);
        }
        after.ledgers().forEach((ledger, entries) -> {
          int previous = before.ledgers().getOrDefault(ledger, List.of()).size();
          for (AccountCreditEntry entry : entries.subList(Math.min(previous, entries.size()),
              entries.size())) {
            expected.merge(CorrectionInvariants.typeOf(entry), 1, Integer::sum);
          }
        });
      }
      if (!published.equals(expected)) {
        violations.add("one credit event per state change: " + command + " published "
            + published + " where it changed what publishes " + expected);
      }
    }

    private void checkNewEvents(LifecycleCommand command, Map<InvoiceId, Invoice> before,
        Map<InvoiceId, Invoice> after, Map<String, InvoiceEvent> eventsBefore,
        Map<String, InvoiceEvent> eventsAfter, List<String> violations) {
      for (Map.Entry<String, InvoiceEvent> old : eventsBefore.entrySet()) {
        if (!old.getValue().equals(eventsAfter.get(old.getKey()))) {
          violations.add("event " + old.getKey() + " changed or vanished");
        }
      }
      for (Map.Entry<String, InvoiceEvent> entry : eventsAfter.entrySet()) {
        if (eventsBefore.containsKey(entry.getKey())) {
          continue;
        }
        InvoiceEvent event = entry.getValue();
        Invoice invoice = after.get(event.invoiceId());
        if (invoice == null || invoice.version() != event.version()) {
          continue; // reported by the events-per-version check
        }
        Set<InvoiceEventType> types = expectedTypes(command, invoice);
        if (!types.contains(event.type())) {
          violations.add("event " + event.eventId() + " of " + command + " is " + event.type()
              + ", expected one of " + types);
        }
        if (event.status() != invoice.status()
            || !event.number().equals(invoice.number())
            || event.total().compareTo(invoice.totals().total()) != 0
            || event.amountPaid().compareTo(invoice.totals().amountPaid()) != 0
            || event.amountDue().compareTo(invoice.totals().amountDue()) != 0) {
          violations.add("event " + event.eventId() + " (" + event.status() + ", paid "
              + event.amountPaid() + " of " + event.total() + ") disagrees with stored version "
              + invoice.version() + " of " + invoice.id() + " (" + invoice.status() + ", paid "
              + invoice.totals().amountPaid() + " of " + invoice.totals().total() + ")");
        }
      }
    }

    private Set<InvoiceEventType> expectedTypes(LifecycleCommand command, Invoice invoice) {
      if (command instanceof Create) {
        return EnumSet.of(InvoiceEventType.CREATED);
      } else if (command instanceof Edit) {
        return EnumSet.of(InvoiceEventType.EDITED);
      } else if (command instanceof Send) {
        return EnumSet.of(InvoiceEventType.SENT);
      } else if (command instanceof Pay) {
        return EnumSet.of(invoice.status() == InvoiceStatus.PAID ? InvoiceEventType.PAID
            : InvoiceEventType.PAYMENT_RECORDED);
      } else if (command instanceof Refund) {
        return EnumSet.of(InvoiceEventType.REFUNDED);
      } else if (command instanceof Cancel) {
        return EnumSet.of(InvoiceEventType.CANCELLED);
      } else if (command instanceof VoidInvoice) {
        return EnumSet.of(InvoiceEventType.VOIDED);
      } else if (command instanceof Sweep) {
        return EnumSet.of(InvoiceEventType.OVERDUE);
      } else if (command instanceof Overpay) {
        return EnumSet.of(invoice.status() == InvoiceStatus.PAID ? InvoiceEventType.PAID
            : InvoiceEventType.PAYMENT_RECORDED);
      } else if (command instanceof IssueCreditNote) {
        return EnumSet.of(InvoiceEventType.CREDITED);
      } else if (command instanceof WriteOff) {
        return EnumSet.of(InvoiceEventType.WRITTEN_OFF);
      } else if (command instanceof ApplyAccountCredit) {
        return EnumSet.of(InvoiceEventType.CREDIT_APPLIED);
      }
      return EnumSet.noneOf(InvoiceEventType.class);
    }

    private void checkInvoice(Invoice previous, Invoice invoice, List<String> violations) {
      if (previous != null && !NEXT.get(previous.status()).contains(invoice.status())) {
        violations.add(invoice.id() + " went from " + previous.status() + " to "
            + invoice.status());
      }
      Money paid = invoice.totals().amountPaid();
      Money due = invoice.totals().amountDue();
      if (paid.isNegative() || paid.isGreaterThan(invoice.totals().total())) {
        violations.add(invoice.id() + " has paid " + paid + " of " + invoice.totals().total());
      }
      boolean numbered = invoice.status() != InvoiceStatus.DRAFT
          && invoice.status() != InvoiceStatus.CANCELLED;
      if (numbered != invoice.number().isPresent()) {
        violations.add(invoice.id() + " is " + invoice.status() + " with number "
            + invoice.number());
      }
      boolean consistent = switch (invoice.status()) {
        case PAID -> due.isZero();
        case PARTIALLY_PAID -> paid.isPositive() && due.isPositive();
        case SENT, VOID -> paid.isZero();
        case UNCOLLECTIBLE -> due.isZero() && invoice.totals().amountWrittenOff().isPositive();
        default -> true;
      };
      if (!consistent) {
        violations.add(invoice.id() + " is " + invoice.status() + " with " + paid + " paid and "
            + due + " due");
      }
      // An invoice equal to its previous copy has the content already compared (or frozen).
      if (numbered && !invoice.equals(previous)) {
        String content = financialContent(invoice);
        String first = frozen.putIfAbsent(invoice.id(), content);
        if (first != null && !first.equals(content)) {
          violations.add("the content of sent invoice " + invoice.id() + " changed from " + first
              + " to " + content);
        }
      }
    }

    private void checkNumbers(Map<InvoiceId, Invoice> after, List<String> violations) {
      Set<InvoiceNumber> seen = new HashSet<>();
      Map<String, TreeSet<Integer>> bySeries = new TreeMap<>();
      for (Invoice invoice : after.values()) {
        if (invoice.number().isEmpty()) {
          continue;
        }
        InvoiceNumber number = invoice.number().get();
        if (!seen.add(number)) {
          violations.add("number " + number + " is taken twice");
        }
        String text = number.value();
        int dash = text.lastIndexOf('-');
        bySeries.computeIfAbsent(text.substring(0, dash + 1), k -> new TreeSet<>())
            .add(Integer.parseInt(text.substring(dash + 1)));
      }
      bySeries.forEach((series, sequence) -> {
        if (sequence.first() != 1 || sequence.last() != sequence.size()) {
          violations.add("series " + series + " is not gapless from 1: " + sequence);
        }
      });
    }

    private void checkEventsPerVersion(Map<InvoiceId, Invoice> after,
        Map<String, InvoiceEvent> eventsAfter, List<String> violations) {
      Map<InvoiceId, List<Long>> versions = new HashMap<>();
      for (InvoiceEvent event : eventsAfter.values()) {
        versions.computeIfAbsent(event.invoiceId(), k -> new ArrayList<>()).add(event.version());
      }
      for (Invoice invoice : after.values()) {
        List<Long> expected = new ArrayList<>();
        for (long v = 1; v <= invoice.version(); v++) {
          expected.add(v);
        }
        List<Long> actual = versions.getOrDefault(invoice.id(), new ArrayList<>());
        actual.sort(null);
        if (!actual.equals(expected)) {
          violations.add(invoice.id() + " at version " + invoice.version()
              + " has the events of versions " + actual);
        }
      }
      for (InvoiceId id : versions.keySet()) {
        if (!after.containsKey(id)) {
          violations.add("events " + versions.get(id) + " of " + id + ", which is not stored");
        }
      }
    }

    private void checkNothingLeftOverdue(Map<InvoiceId, Invoice> after,
        List<String> violations) {
      LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
      OverdueRule rule = InvoiceLifecycle.overdueRule(today);
      for (Invoice invoice : after.values()) {
        if (rule.appliesTo(invoice)) {
          violations.add("nothing left unmarked after a sweep: the sweep of " + today + " left "
              + invoice.id() + " " + invoice.status() + ", due "
              + invoice.effectiveDueDate().orElseThrow());
        }
      }
    }

    private Map<String, InvoiceEvent> eventsById(List<String> violations) {
      Map<String, InvoiceEvent> byId = new TreeMap<>();
      for (InvoiceEvent event : target.events(tenant)) {
        if (!event.tenant().equals(tenant)) {
          violations.add("event " + event.eventId() + " of tenant " + event.tenant()
              + " listed for " + tenant);
        }
        if (byId.put(event.eventId(), event) != null) {
          violations.add("event id " + event.eventId() + " is used twice");
        }
      }
      return byId;
    }

    private Map<InvoiceId, Invoice> listByAccount() {
      Map<InvoiceId, Invoice> all = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
      Optional<PageRequest> request = Optional.of(PageRequest.first(1000));
      while (request.isPresent()) {
        Page<Invoice> page = target.invoices().findByAccount(tenant, ACCOUNT, request.get());
        page.items().forEach(invoice -> all.put(invoice.id(), invoice));
        request = request.get().next(page);
      }
      return all;
    }

    private Map<InvoiceId, Invoice> listByStatus() {
      Map<InvoiceId, Invoice> all = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
      for (InvoiceStatus status : InvoiceStatus.values()) {
        Optional<PageRequest> request = Optional.of(PageRequest.first(1000));
        while (request.isPresent()) {
          Page<Invoice> page = target.invoices().findByStatus(tenant, status, request.get());
          page.items().forEach(invoice -> all.put(invoice.id(), invoice));
          request = request.get().next(page);
        }
      }
      return all;
    }
  }

  /** A fraction of an amount, rounded half up, at least the smallest unit. */
  private static Money share(Money amount, BigDecimal fraction) {
    Money part = amount.multipliedBy(fraction, RoundingMode.HALF_UP);
    return part.isPositive() ? part : Money.ofMinor(amount.getCurrencyUnit(), 1);
  }

  private static InvoiceId idOf(Invoice invoice) {
    return invoice == null ? InvoiceId.of("missing") : invoice.id();
  }

  private static String financialContent(Invoice invoice) {
    // Payments and settlements change the balance, not what was invoiced.
    return invoice.withPayments().withSettlements().withStatus(InvoiceStatus.DRAFT).withVersion(0)
        .toString();
  }

  private static LineItem line(String description, long quantity, String price) {
    return new LineItem.Builder()
        .description(description)
        .quantity(quantity)
        .unitPrice("EUR " + price)
        .taxCode(TaxCode.standard("19"))
        .build();
  }
}
