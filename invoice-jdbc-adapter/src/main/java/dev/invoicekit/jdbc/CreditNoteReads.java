package dev.invoicekit.jdbc;

import dev.invoicekit.credit.CreditAllocation;
import dev.invoicekit.credit.CreditNote;
import dev.invoicekit.credit.CreditNoteId;
import dev.invoicekit.credit.CreditNoteStatus;
import dev.invoicekit.credit.CreditedLine;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.InvoiceContent;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.internal.InvoiceCodec;
import dev.invoicekit.jdbc.internal.MalformedJsonException;
import dev.invoicekit.jdbc.internal.Sql;
import dev.invoicekit.ports.InvoicePersistenceException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * Loads credit notes with their lines and credited lines by one statement of the credit-note graph
 * kind ({@link Sql#SELECT_CREDIT_NOTE_GRAPH_BY_ID}): one round trip and one snapshot, for one note
 * or for every note of an invoice. Columns are read by name.
 */
final class CreditNoteReads {

  private CreditNoteReads() {}

  /** The notes the graph statement finds, in its order (by note id). */
  static List<CreditNote> load(Connection connection, TenantId tenant, String sql,
      String... parameters) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setString(i + 1, parameters[i]);
      }
      try (ResultSet rs = select.executeQuery()) {
        int kind = rs.findColumn(Sql.NOTE_ROW_KIND);
        Header headerMapper = new Header(rs);
        LineMapper lineMapper = LineMapper.on(rs, Sql.NOTE_LINE_COLUMNS);
        int creditedLineNo = rs.findColumn(Sql.NOTE_CREDITED_LINE_NO);
        int creditedQuantity = rs.findColumn(Sql.NOTE_CREDITED_QUANTITY);
        List<CreditNote> notes = new ArrayList<>();
        Row current = null;
        while (rs.next()) {
          switch (rs.getInt(kind)) {
            case Sql.NOTE_HEADER -> {
              if (current != null) {
                notes.add(current.toCreditNote(tenant));
              }
              current = headerMapper.map(rs);
            }
            case Sql.NOTE_LINE -> current.lines.add(
                lineMapper.map(rs, "Credit note", current.id, current.currency));
            default -> current.credited.add(new CreditedLine(rs.getInt(creditedLineNo),
                canonical(rs.getBigDecimal(creditedQuantity))));
          }
        }
        if (current != null) {
          notes.add(current.toCreditNote(tenant));
        }
        return notes;
      }
    }
  }

  /** The columns of a header row, found once per result set. */
  private static final class Header {
    private final int id;
    private final int version;
    private final int status;
    private final int number;
    private final int invoiceId;
    private final int invoiceNumber;
    private final int invoiceDate;
    private final int account;
    private final int currency;
    private final int date;
    private final int reason;
    private final int kind;
    private final int total;
    private final int applied;
    private final int refunded;
    private final int accountCredit;
    private final int content;

    Header(ResultSet rs) throws SQLException {
      Sql.CreditNoteColumns columns = Sql.NOTE_HEADER_COLUMNS;
      id = rs.findColumn(columns.creditNoteId());
      version = rs.findColumn(columns.version());
      status = rs.findColumn(columns.status());
      number = rs.findColumn(columns.number());
      invoiceId = rs.findColumn(columns.invoiceId());
      invoiceNumber = rs.findColumn(columns.invoiceNumber());
      invoiceDate = rs.findColumn(columns.invoiceDate());
      account = rs.findColumn(columns.account());
      currency = rs.findColumn(columns.currency());
      date = rs.findColumn(columns.date());
      reason = rs.findColumn(columns.reason());
      kind = rs.findColumn(columns.kind());
      total = rs.findColumn(columns.total());
      applied = rs.findColumn(columns.applied());
      refunded = rs.findColumn(columns.refunded());
      accountCredit = rs.findColumn(columns.accountCredit());
      content = rs.findColumn(columns.content());
    }

    Row map(ResultSet rs) throws SQLException {
      CurrencyUnit unit = CurrencyUnit.of(rs.getString(currency));
      BigDecimal appliedPart = rs.getBigDecimal(applied);
      Optional<CreditAllocation> allocation = appliedPart == null ? Optional.empty()
          : Optional.of(new CreditAllocation(StoredMoney.of(unit, appliedPart),
              StoredMoney.of(unit, rs.getBigDecimal(refunded)),
              StoredMoney.of(unit, rs.getBigDecimal(accountCredit))));
      CreditNote.Builder note = new CreditNote.Builder();
      note.id(CreditNoteId.of(rs.getString(id)))
          .version(rs.getLong(version))
          .status(CreditNoteStatus.valueOf(rs.getString(status)))
          .number(Optional.ofNullable(rs.getString(number)).map(InvoiceNumber::of))
          .invoiceId(InvoiceId.of(rs.getString(invoiceId)))
          .invoiceNumber(InvoiceNumber.of(rs.getString(invoiceNumber)))
          .invoiceDate(rs.getObject(invoiceDate, LocalDate.class))
          .account(AccountId.of(rs.getString(account)))
          .date(rs.getObject(date, LocalDate.class))
          .reason(rs.getString(reason))
          .kind(CreditNote.Kind.valueOf(rs.getString(kind)))
          .allocation(allocation);
      return new Row(rs.getString(id), unit, note, rs.getString(content),
          StoredMoney.of(unit, rs.getBigDecimal(total)));
    }
  }

  /** One note being read: its header's values, then its lines and credited lines. */
  private static final class Row {
    private final String id;
    private final CurrencyUnit currency;
    private final CreditNote.Builder note;
    private final String content;
    private final Money storedTotal;
    private final List<LineItem> lines = new ArrayList<>();
    private final List<CreditedLine> credited = new ArrayList<>();

    Row(String id, CurrencyUnit currency, CreditNote.Builder note, String content,
        Money storedTotal) {
      this.id = id;
      this.currency = currency;
      this.note = note;
      this.content = content;
      this.storedTotal = storedTotal;
    }

    CreditNote toCreditNote(TenantId tenant) {
      InvoiceContent.Builder builder = new InvoiceContent.Builder();
      builder.currency(currency).lines(lines);
      CreditNote read;
      try {
        InvoiceCodec.readCreditNoteContent(builder, content, currency);
        read = note.tenant(tenant).content(builder.build()).creditedLines(credited).build();
      } catch (MalformedJsonException e) {
        throw new InvoicePersistenceException(
            "Credit note " + id + ": stored content is damaged (" + e.getMessage() + ")", e);
      } catch (IllegalArgumentException | IllegalStateException e) {
        // Not chained: the refusal names the stored values.
        throw new InvoicePersistenceException("Credit note " + id + ": its stored values are"
            + " refused together (" + e.getClass().getSimpleName() + "); the stored note was"
            + " changed outside InvoiceKit");
      }
      if (!read.total().isEqual(storedTotal)) {
        // The calculator gives another total than the one issued: the rows were changed.
        throw new InvoicePersistenceException("Credit note " + id + ": its stored lines total "
            + read.total() + ", not the " + storedTotal + " stored with it; the stored note was"
            + " changed outside InvoiceKit");
      }
      return read;
    }
  }

  /** No trailing zeros and a scale of at least 0, as quantities come in. */
  private static BigDecimal canonical(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
