package dev.invoicekit.credit;

import dev.invoicekit.internal.Inputs;
import dev.invoicekit.internal.Limits;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceContent;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.LineAllowanceCharge;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.lifecycle.Action;
import dev.invoicekit.lifecycle.CreditRejectedException;
import dev.invoicekit.lifecycle.IllegalTransitionException;
import dev.invoicekit.lifecycle.InvoiceLifecycle;
import dev.invoicekit.lifecycle.Transition;
import dev.invoicekit.tax.TaxCode;
import dev.invoicekit.totals.TaxBreakdown;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.joda.money.Money;

/**
 * The rules of credit notes: what one may credit, how it is drafted, issued and cancelled. Like
 * {@link InvoiceLifecycle} it decides and returns values; the service stores them.
 *
 * <p>What a credit note may credit, checked when it is drafted and again when it is issued (another
 * note may have been issued in between), against the notes already issued for the invoice:
 * <ul>
 *   <li>per line, never more than the invoiced quantity minus what earlier notes credited;
 *   <li>per tax group, never more taxable amount than the invoice's group minus earlier credits;
 *   <li>in total, never more than the invoice's total minus earlier credits;
 *   <li>the whole invoice, only while no other note was issued against it.
 * </ul>
 * Its amounts are rounded by the same calculator as the invoice's, so a last partial credit can
 * come out a cent above what is left of a group or the total; it is then refused, and an amount
 * credit for what is left settles it.
 *
 * <p>Quantities are credited at the invoiced prices with the line's percentage allowances and
 * charges and the invoice's percentage discount; a line with a fixed-amount allowance or charge
 * can only be credited in full, and an invoice with document allowances, charges, a fixed discount
 * or tax amounts from an external engine only by amounts or as a whole.
 *
 * <p>Stateless and thread-safe.
 */
public final class CreditNoteLifecycle {

  private CreditNoteLifecycle() {}

  /**
   * What issuing decided: the issued note and the invoice's transition.
   *
   * @param creditNote the issued credit note, not yet stored, not null
   * @param invoice the credited invoice's transition, not null
   */
  public record Issue(CreditNote creditNote, Transition invoice) {

    /** Checks the parts. */
    public Issue {
      Objects.requireNonNull(creditNote, "creditNote");
      Objects.requireNonNull(invoice, "invoice");
    }
  }

  /**
   * Drafts a credit note for a sent invoice.
   *
   * @param id the new note's id, not null
   * @param invoice the invoice to credit, not null
   * @param issued the notes already issued against it (others are ignored), not null
   * @param request what to credit and why, not null
   * @param today the business date, the draft's date, not null
   * @return the draft, at version 0, not null
   * @throws IllegalTransitionException if the invoice's status takes no credit
   * @throws CreditRejectedException if it credits more than is left, or what it names does not
   *     exist on the invoice
   */
  public static CreditNote draft(
      CreditNoteId id,
      Invoice invoice,
      List<CreditNote> issued,
      CreditNoteRequest request,
      LocalDate today) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(request, "request");
    requireCreditable(invoice);
    List<CreditedLine> creditedLines = new ArrayList<>();
    InvoiceContent content = switch (request.kind()) {
      case WHOLE_INVOICE -> wholeInvoice(id, invoice, issued);
      case LINES -> lines(id, invoice, issued, request.lineQuantities(), creditedLines);
      case AMOUNTS -> amounts(id, invoice, request.groupAmounts());
    };
    CreditNote draft = new CreditNote.Builder()
        .id(id)
        .tenant(invoice.tenant())
        .invoiceId(invoice.id())
        .invoiceNumber(invoice.number().orElseThrow())
        .invoiceDate(invoice.invoiceDate())
        .account(invoice.account())
        .date(today)
        .reason(request.reason())
        .kind(request.kind())
        .creditedLines(creditedLines)
        .content(content)
        .build();
    requireWithinInvoice(draft, invoice, issued);
    return draft;
  }

  /**
   * Issues a draft: numbers it, applies its total to the invoice (first to the balance, never
   * below zero) and allocates the excess as the host says.
   *
   * @param draft the draft, not null
   * @param invoice the credited invoice as stored now, not null
   * @param issued the notes already issued against it, not null
   * @param excess what to do with the part beyond the balance, not null
   * @param nextNumber gives the note's number; asked only once every check passed, not null
   * @param today the business date, the note's date, not null
   * @return the issued note and the invoice's transition, not null
   * @throws IllegalTransitionException if the note is not a draft or the invoice takes no credit
   * @throws CreditRejectedException if it now credits more than is left, or has an excess that
   *     {@code excess} does not allocate
   */
  public static Issue issue(
      CreditNote draft,
      Invoice invoice,
      List<CreditNote> issued,
      ExcessCredit excess,
      Supplier<InvoiceNumber> nextNumber,
      LocalDate today) {
    Objects.requireNonNull(excess, "excess");
    requireDraft(draft, "issue");
    if (!draft.invoiceId().equals(invoice.id()) || !draft.tenant().equals(invoice.tenant())) {
      throw new IllegalArgumentException(
          "Credit note " + draft.id() + " credits invoice " + draft.invoiceId() + ", not "
              + invoice.id());
    }
    requireCreditable(invoice);
    requireWithinInvoice(draft, invoice, issued);
    Transition credited = InvoiceLifecycle.credit(invoice, draft.total(), draft.id().value(),
        today);
    Money applied = credited.settlement().map(s -> s.amount())
        .orElse(Money.zero(invoice.currency()));
    Money beyond = draft.total().minus(applied);
    Money[] parts = excess.split(beyond);
    if (parts == null) {
      throw new CreditRejectedException(invoice.id(), name(draft),
          "Cannot issue " + name(draft) + " for invoice " + describe(invoice) + ": its total "
              + draft.total() + " exceeds the balance due by " + beyond + "; say whether to refund"
              + " the excess or keep it as account credit");
    }
    if (parts[0].isNegative() || parts[1].isNegative()
        || !parts[0].getCurrencyUnit().equals(invoice.currency())) {
      throw new CreditRejectedException(invoice.id(), name(draft),
          "Cannot issue " + name(draft) + " for invoice " + describe(invoice) + ": the refund of "
              + parts[0] + " must be in " + invoice.currency() + ", between zero and the excess of "
              + beyond);
    }
    CreditAllocation allocation = new CreditAllocation(applied, parts[0], parts[1]);
    // Built in one go: an issued note has its number and allocation, which the check requires.
    CreditNote note = new CreditNote.Builder()
        .from(draft)
        .status(CreditNoteStatus.ISSUED)
        .date(today)
        .number(nextNumber.get())
        .allocation(allocation)
        .build();
    return new Issue(note, credited);
  }

  /**
   * Abandons a draft; it keeps no number and never touched the invoice.
   *
   * @param draft the draft, not null
   * @return the cancelled note, not null
   * @throws IllegalStateException if it is not a draft (an issued note is corrected by an invoice,
   *     never withdrawn)
   */
  public static CreditNote cancel(CreditNote draft) {
    requireDraft(draft, "cancel");
    return draft.withStatus(CreditNoteStatus.CANCELLED);
  }

  /**
   * The quantity of each invoice line that issued notes credited, by line number.
   *
   * @param invoice the invoice, not null
   * @param issued the notes issued against it, not null
   * @return credited quantities, not null
   */
  public static Map<Integer, BigDecimal> creditedQuantities(
      Invoice invoice, List<CreditNote> issued) {
    Map<Integer, BigDecimal> credited = new HashMap<>();
    for (CreditNote note : issuedOnly(issued)) {
      if (note.kind() == CreditNote.Kind.WHOLE_INVOICE) {
        for (int i = 0; i < invoice.lines().size(); i++) {
          credited.merge(i + 1, invoice.lines().get(i).quantity(), BigDecimal::add);
        }
      }
      for (CreditedLine line : note.creditedLines()) {
        credited.merge(line.lineNumber(), line.quantity(), BigDecimal::add);
      }
    }
    return credited;
  }

  private static InvoiceContent wholeInvoice(
      CreditNoteId id, Invoice invoice, List<CreditNote> issued) {
    if (!issuedOnly(issued).isEmpty()) {
      throw new CreditRejectedException(invoice.id(), "credit note " + id,
          "Cannot credit the whole of invoice " + describe(invoice) + " by credit note " + id
              + ": " + issuedOnly(issued).size() + " credit note(s) were already issued against it;"
              + " credit the lines or amounts that are left");
    }
    // The same content: same lines, allowances, discount and tax, so the same total. Prepaid and
    // rounding amounts belong to the invoice's settlement, not to what it charged.
    return invoice.content().withPrepaidAmount(Optional.empty())
        .withRoundingAmount(Optional.empty());
  }

  private static InvoiceContent lines(
      CreditNoteId id,
      Invoice invoice,
      List<CreditNote> issued,
      Map<Integer, BigDecimal> quantities,
      List<CreditedLine> creditedLines) {
    String note = "credit note " + id;
    InvoiceContent invoiced = invoice.content();
    if (quantities.isEmpty()) {
      throw rejected(invoice, note, "it names no line; give at least one line and quantity");
    }
    if (!invoiced.documentAllowanceCharges().isEmpty()
        || invoiced.overallDiscount().flatMap(d -> d.fixedAmount()).isPresent()
        || !invoiced.externalTaxAmounts().isEmpty()) {
      throw rejected(invoice, note, "the invoice has document allowances or charges, a fixed"
          + " discount or external tax amounts, which quantities cannot be credited against;"
          + " credit amounts per tax group or the whole invoice");
    }
    Map<Integer, BigDecimal> already = creditedQuantities(invoice, issued);
    List<LineItem> lines = new ArrayList<>();
    for (Map.Entry<Integer, BigDecimal> entry : quantities.entrySet()) {
      int number = entry.getKey();
      BigDecimal quantity = entry.getValue();
      if (number < 1 || number > invoiced.lines().size()) {
        throw rejected(invoice, note, "it has no line " + number + "; its lines are 1 to "
            + invoiced.lines().size());
      }
      LineItem line = invoiced.lines().get(number - 1);
      // Bounded before any arithmetic or printing: 1E+999999999 would print a billion digits.
      String problem = Inputs.decimalProblem(quantity, Limits.QUANTITY_INTEGER_DIGITS,
          Limits.QUANTITY_DECIMALS);
      if (problem != null) {
        throw rejected(invoice, note, "the quantity credited of line " + number + " " + problem);
      }
      if (quantity.signum() <= 0) {
        throw rejected(invoice, note, "the quantity credited of line " + number
            + " must be greater than zero, was " + quantity.toPlainString());
      }
      if (line.quantity().signum() <= 0) {
        throw rejected(invoice, note, "line " + number + " is a return line (quantity "
            + line.quantity().toPlainString() + "); only lines that charged can be credited");
      }
      requireLineLeft(invoice, note, number, quantity, already);
      boolean partial = quantity.compareTo(line.quantity()) != 0;
      if (partial && line.allowanceCharges().stream().anyMatch(CreditNoteLifecycle::isFixed)) {
        throw rejected(invoice, note, "line " + number + " has a fixed-amount allowance or"
            + " charge, so it can only be credited in full (" + line.quantity().toPlainString()
            + "); credit an amount in its tax group instead");
      }
      lines.add(line.withQuantity(quantity));
      creditedLines.add(new CreditedLine(number, quantity));
    }
    return new InvoiceContent.Builder()
        .currency(invoiced.currency())
        .lines(lines)
        .overallDiscount(invoiced.overallDiscount())
        .pricesIncludeTax(invoiced.pricesIncludeTax())
        .roundingPolicy(invoiced.roundingPolicy())
        .build();
  }

  /** The quantity is at most what is left of the line after the earlier notes. */
  private static void requireLineLeft(Invoice invoice, String note, int number,
      BigDecimal quantity, Map<Integer, BigDecimal> already) {
    BigDecimal invoiced = invoice.lines().get(number - 1).quantity();
    BigDecimal left = invoiced.subtract(already.getOrDefault(number, BigDecimal.ZERO));
    if (quantity.compareTo(left) > 0) {
      throw rejected(invoice, note, "it credits " + quantity.toPlainString() + " of line "
          + number + ", but only " + left.toPlainString() + " of the "
          + invoiced.toPlainString() + " invoiced is left to credit");
    }
  }

  private static boolean isFixed(LineAllowanceCharge allowanceCharge) {
    return allowanceCharge.amount().isPresent() || allowanceCharge.baseAmount().isPresent();
  }

  private static InvoiceContent amounts(
      CreditNoteId id, Invoice invoice, Map<TaxCode, Money> amounts) {
    String note = "credit note " + id;
    InvoiceContent invoiced = invoice.content();
    if (amounts.isEmpty()) {
      throw rejected(invoice, note, "it names no tax group; give at least one amount");
    }
    if (!invoiced.externalTaxAmounts().isEmpty()) {
      throw rejected(invoice, note, "the invoice's tax came from an external engine, whose"
          + " amounts a credit cannot reproduce; credit the whole invoice");
    }
    List<LineItem> lines = new ArrayList<>();
    for (Map.Entry<TaxCode, Money> entry : amounts.entrySet()) {
      TaxCode code = entry.getKey();
      Money amount = entry.getValue();
      if (group(invoice, code).isEmpty()) {
        throw rejected(invoice, note, "the invoice has no tax group " + code + "; its groups are "
            + invoice.totals().taxBreakdown().stream().map(g -> g.taxCode().toString()).toList());
      }
      if (!amount.getCurrencyUnit().equals(invoice.currency())) {
        throw rejected(invoice, note, "the amount for " + code + " is in "
            + amount.getCurrencyUnit() + " but the invoice is in " + invoice.currency());
      }
      String problem = Inputs.amountProblem(amount);
      if (problem != null) {
        throw rejected(invoice, note, "the amount for " + code + " " + problem);
      }
      if (!amount.isPositive()) {
        throw rejected(invoice, note, "the amount for " + code + " must be greater than zero, was "
            + amount);
      }
      lines.add(new LineItem.Builder()
          .description("Price reduction, " + code)
          .quantity(1)
          .unitPrice(amount)
          .taxCode(code)
          .build());
    }
    return new InvoiceContent.Builder()
        .currency(invoiced.currency())
        .lines(lines)
        .pricesIncludeTax(invoiced.pricesIncludeTax())
        .roundingPolicy(invoiced.roundingPolicy())
        .build();
  }

  /** Per group and in total, the note stays within what the invoice charged minus earlier notes. */
  private static void requireWithinInvoice(
      CreditNote note, Invoice invoice, List<CreditNote> issued) {
    List<CreditNote> earlier = new ArrayList<>();
    for (CreditNote other : issuedOnly(issued)) {
      if (!other.id().equals(note.id())) {
        earlier.add(other);
      }
    }
    if (!note.total().isPositive()) {
      throw rejected(invoice, name(note), "its total is " + note.total()
          + "; a credit note credits a positive amount");
    }
    // Again at issue: a note issued since this one was drafted may have taken the quantity.
    Map<Integer, BigDecimal> already = creditedQuantities(invoice, earlier);
    for (CreditedLine line : note.creditedLines()) {
      requireLineLeft(invoice, name(note), line.lineNumber(), line.quantity(), already);
    }
    for (TaxBreakdown group : note.totals().taxBreakdown()) {
      Money invoiced = group(invoice, group.taxCode()).map(TaxBreakdown::taxableAmount)
          .orElseThrow(() -> rejected(invoice, name(note), "the invoice has no tax group "
              + group.taxCode()));
      Money credited = group.taxableAmount();
      for (CreditNote other : earlier) {
        credited = credited.plus(taxable(other, group.taxCode()));
      }
      if (credited.isGreaterThan(invoiced)) {
        throw rejected(invoice, name(note), "it would bring the credited taxable amount of group "
            + group.taxCode() + " to " + credited + ", more than the " + invoiced + " invoiced;"
            + " credit at most " + invoiced.minus(credited.minus(group.taxableAmount())));
      }
    }
    Money total = note.total();
    for (CreditNote other : earlier) {
      total = total.plus(other.total());
    }
    Money invoiceTotal = invoice.totals().total();
    if (total.isGreaterThan(invoiceTotal)) {
      throw rejected(invoice, name(note), "it would bring the credited total to " + total
          + ", more than the invoice's total of " + invoiceTotal + "; credit at most "
          + invoiceTotal.minus(total.minus(note.total())));
    }
  }

  private static Money taxable(CreditNote note, TaxCode code) {
    for (TaxBreakdown group : note.totals().taxBreakdown()) {
      if (group.taxCode().equals(code)) {
        return group.taxableAmount();
      }
    }
    return Money.zero(note.content().currency());
  }

  private static Optional<TaxBreakdown> group(Invoice invoice, TaxCode code) {
    for (TaxBreakdown group : invoice.totals().taxBreakdown()) {
      if (group.taxCode().equals(code)) {
        return Optional.of(group);
      }
    }
    return Optional.empty();
  }

  private static List<CreditNote> issuedOnly(List<CreditNote> notes) {
    Objects.requireNonNull(notes, "issued");
    List<CreditNote> issued = new ArrayList<>();
    for (CreditNote note : notes) {
      if (note.status() == CreditNoteStatus.ISSUED) {
        issued.add(note);
      }
    }
    return issued;
  }

  private static void requireCreditable(Invoice invoice) {
    Objects.requireNonNull(invoice, "invoice");
    if (!InvoiceLifecycle.isAllowed(invoice.status(), Action.CREDIT)) {
      String hint = switch (invoice.status()) {
        case DRAFT -> "; a draft is corrected by editing it, not by a credit note";
        case UNCOLLECTIBLE -> "; its balance is written off: record the payment that takes the"
            + " write-off back first";
        default -> "; " + invoice.status() + " is final, nothing more can happen to it";
      };
      throw new IllegalTransitionException(invoice, Action.CREDIT, hint);
    }
    if (invoice.status() == InvoiceStatus.DRAFT || invoice.number().isEmpty()) {
      throw new IllegalTransitionException(invoice, Action.CREDIT, "; send it first");
    }
  }

  private static void requireDraft(CreditNote note, String verb) {
    Objects.requireNonNull(note, "creditNote");
    if (note.status() != CreditNoteStatus.DRAFT) {
      throw new CreditNoteStateException(note, verb);
    }
  }

  private static CreditRejectedException rejected(Invoice invoice, String note, String problem) {
    return new CreditRejectedException(invoice.id(), note,
        "Cannot credit invoice " + describe(invoice) + " by " + note + ": " + problem);
  }

  private static String name(CreditNote note) {
    return "credit note " + note.number().map(InvoiceNumber::toString)
        .orElse(note.id().toString());
  }

  private static String describe(Invoice invoice) {
    return invoice.number().map(InvoiceNumber::toString).orElse(invoice.id().toString());
  }
}
