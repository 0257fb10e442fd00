package dev.invoicekit.testkit.contract;

import dev.invoicekit.credit.AccountCreditEntry;
import dev.invoicekit.credit.AccountCreditEntryId;
import dev.invoicekit.credit.CreditNote;
import dev.invoicekit.credit.CreditNoteId;
import dev.invoicekit.credit.CreditNoteLifecycle;
import dev.invoicekit.credit.CreditNoteRequest;
import dev.invoicekit.credit.ExcessCredit;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.InputLimits;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.tax.TaxCode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.joda.money.Money;

/**
 * Credit notes and ledger entries for the contract tests, made by the rules
 * ({@link CreditNoteLifecycle}) from the {@link SampleInvoices}: a credit of a line's quantity, of
 * an amount in a tax group and of a whole invoice, drafted and issued. Also useful in a host's own
 * repository tests.
 *
 * <p>Stateless and thread-safe.
 */
public final class SampleCreditNotes {

  /** The date every sample credit note is drafted and issued on. */
  public static final LocalDate NOTE_DATE = SampleInvoices.INVOICE_DATE.plusDays(10);

  private SampleCreditNotes() {}

  /**
   * A reason of exactly {@link InputLimits#REASON_LENGTH} code points: emoji (two UTF-16 units
   * each) and right-to-left text, which every database must store whole.
   *
   * @return the reason, not null
   */
  public static String longestReason() {
    String hebrew = "\u05E2\u05D1\u05E8\u05D9\u05EA";
    return "\uD83E\uDDFE".repeat(InputLimits.REASON_LENGTH - hebrew.length()) + hebrew;
  }

  /**
   * A sent invoice of two lines in two tax groups (10 x 12.50 at 19 %, 4 x 25.00 at 7 %, 255.75
   * EUR with tax), not yet saved.
   *
   * @param tenant the tenant, not null
   * @param id the invoice id, not blank
   * @param number the invoice number, not blank
   * @return the unsaved invoice (version 0), not null
   */
  public static Invoice creditable(TenantId tenant, String id, String number) {
    Invoice sent = SampleInvoices.sent(tenant, id, number);
    return sent.withLines(sent.lines().get(0), SampleInvoices.line("Training", "4", "EUR 25.00")
        .withTaxCode(TaxCode.standard("7")));
  }

  /**
   * A draft crediting a quantity of one invoice line, at version 0.
   *
   * @param invoice the sent invoice, not null
   * @param id the note's id, not blank
   * @param line the invoice line, from 1
   * @param quantity the quantity, such as {@code "2"}
   * @return the draft, not null
   */
  public static CreditNote lineDraft(Invoice invoice, String id, int line, String quantity) {
    return CreditNoteLifecycle.draft(CreditNoteId.of(id), invoice, List.of(),
        CreditNoteRequest.lineQuantity("Returned: " + quantity + " of line " + line, line,
            new BigDecimal(quantity)), NOTE_DATE);
  }

  /**
   * A draft crediting an amount in the 19 % group (a price reduction), at version 0.
   *
   * @param invoice the sent invoice, not null
   * @param id the note's id, not blank
   * @param eur the amount net of tax, such as {@code "10.00"}
   * @return the draft, not null
   */
  public static CreditNote amountDraft(Invoice invoice, String id, String eur) {
    return CreditNoteLifecycle.draft(CreditNoteId.of(id), invoice, List.of(),
        CreditNoteRequest.amount("Price reduction agreed on the phone", TaxCode.standard("19"),
            Money.parse("EUR " + eur)), NOTE_DATE);
  }

  /**
   * A draft crediting the whole invoice, at version 0.
   *
   * @param invoice the sent invoice, not null
   * @param id the note's id, not blank
   * @return the draft, not null
   */
  public static CreditNote wholeDraft(Invoice invoice, String id) {
    return CreditNoteLifecycle.draft(CreditNoteId.of(id), invoice, List.of(),
        CreditNoteRequest.wholeInvoice("Invoiced twice; this credit note cancels it"), NOTE_DATE);
  }

  /**
   * The draft issued against the invoice with the number given, its excess kept as account
   * credit; at the draft's version (save it as the next).
   *
   * @param draft the draft, not null
   * @param invoice the invoice it credits, as stored, not null
   * @param number the note's number, not blank
   * @return the issued note, not null
   */
  public static CreditNote issued(CreditNote draft, Invoice invoice, String number) {
    return CreditNoteLifecycle.issue(draft, invoice, List.of(), ExcessCredit.toAccountCredit(),
        () -> InvoiceNumber.of(number), NOTE_DATE).creditNote();
  }

  /**
   * A new ledger entry (sequence 0), dated {@link #NOTE_DATE}.
   *
   * @param tenant the tenant, not null
   * @param id the entry's id, not blank
   * @param account the account, not blank
   * @param kind what it does, not null
   * @param amount the amount, such as {@code "EUR 10.00"}, positive
   * @return the entry, not null
   */
  public static AccountCreditEntry entry(TenantId tenant, String id, String account,
      AccountCreditEntry.Kind kind, String amount) {
    return AccountCreditEntry.of(AccountCreditEntryId.of(id), tenant, AccountId.of(account), kind,
        Money.parse(amount), NOTE_DATE);
  }
}
