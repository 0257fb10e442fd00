package dev.invoicekit.credit;

import dev.invoicekit.internal.Inputs;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.InputLimits;
import dev.invoicekit.invoice.InvalidInvoiceException;
import dev.invoicekit.invoice.InvoiceContent;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.totals.InvoiceTotals;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;
import org.joda.money.Money;

/**
 * A credit note (EN 16931 document type 381): a document of its own that corrects a sent invoice.
 * It has its own id and, once issued, a number from its own gapless series; it references the
 * invoice by number and date; its {@link #content()} is totalled by the same EN 16931 calculator
 * as an invoice's, in the invoice's currency and tax codes. What it credits is said by its
 * {@link #kind()}: quantities of the invoice's lines ({@link #creditedLines()}), amounts per tax
 * group, or the whole invoice.
 *
 * <p>Made by {@link CreditNoteLifecycle#draft}; issued (numbered, applied to the invoice, frozen)
 * by {@link CreditNoteLifecycle#issue}, which records its {@link #allocation()}.
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
public abstract class CreditNote implements WithCreditNote {

  // Implemented by the generated value class only: hosts build one, they do not subclass.
  CreditNote() {}

  /** What a credit note credits. */
  public enum Kind {
    /** Quantities of the invoice's lines, at the invoiced prices. */
    LINES,
    /** An amount per tax group: a price reduction. */
    AMOUNTS,
    /** The whole invoice. */
    WHOLE_INVOICE
  }

  /** Builds a credit note; repositories read one back with it. */
  public static class Builder extends ImmutableCreditNote.Builder {
    /** An empty builder. */
    public Builder() {}
  }

  /** The stable technical id. */
  public abstract CreditNoteId id();

  /** The tenant, as the invoice's. */
  public abstract TenantId tenant();

  /** The credited invoice. */
  public abstract InvoiceId invoiceId();

  /** The credited invoice's number (EN 16931 BT-25). */
  public abstract InvoiceNumber invoiceNumber();

  /** The credited invoice's date (BT-26). */
  public abstract LocalDate invoiceDate();

  /** The account, as the invoice's. */
  public abstract AccountId account();

  /** Draft, issued or cancelled. */
  @Value.Default
  public CreditNoteStatus status() {
    return CreditNoteStatus.DRAFT;
  }

  /** The optimistic-locking version: 0 before first stored. */
  @Value.Default
  public long version() {
    return 0;
  }

  /** The number from the credit-note series, once issued. */
  public abstract Optional<InvoiceNumber> number();

  /** The credit note's date: the day it was drafted, then the day it was issued. */
  public abstract LocalDate date();

  /** Why the invoice is credited, printed on the document. */
  public abstract String reason();

  /** What it credits. */
  public abstract Kind kind();

  /** For {@link Kind#LINES}: which invoice lines and how much of each; empty otherwise. */
  public abstract List<CreditedLine> creditedLines();

  /** The credited lines and amounts, totalled like an invoice's content; positive amounts. */
  public abstract InvoiceContent content();

  /** Where the total went, once issued. */
  public abstract Optional<CreditAllocation> allocation();

  /**
   * The totals of the content.
   *
   * @return the totals, not null
   */
  public final InvoiceTotals totals() {
    return content().totals();
  }

  /**
   * The credit note's total with tax.
   *
   * @return the total, not null
   */
  public final Money total() {
    return content().totals().total();
  }

  @Value.Check
  protected void check() {
    String problem = Inputs.textProblem(reason(), InputLimits.REASON_LENGTH);
    if (problem == null && reason().isBlank()) {
      problem = "must not be blank: say why the invoice is credited";
    }
    if (problem != null) {
      throw new InvalidInvoiceException("Credit note " + id() + ": the reason " + problem);
    }
    for (LocalDate date : List.of(date(), invoiceDate())) {
      problem = Inputs.dateProblem(date);
      if (problem != null) {
        throw new InvalidInvoiceException("Credit note " + id() + ": the date " + problem);
      }
    }
    if (version() < 0) {
      throw new InvalidInvoiceException(
          "Credit note " + id() + ": the version must not be negative, was " + version());
    }
    boolean issued = status() == CreditNoteStatus.ISSUED;
    if (issued != number().isPresent() || issued != allocation().isPresent()) {
      throw new InvalidInvoiceException("Credit note " + id() + ": an issued credit note has a"
          + " number and an allocation, and only an issued one; it is " + status());
    }
    allocation().ifPresent(parts -> {
      if (!parts.total().isEqual(total())) {
        throw new InvalidInvoiceException("Credit note " + id() + ": its allocation adds up to "
            + parts.total() + ", not to its total " + total());
      }
    });
  }
}
