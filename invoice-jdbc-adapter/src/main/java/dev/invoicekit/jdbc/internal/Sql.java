package dev.invoicekit.jdbc.internal;

import dev.invoicekit.jdbc.Dialect;
import java.util.Optional;

/**
 * Every SQL statement of the adapter, in one place. Statements are portable across H2,
 * PostgreSQL and MariaDB/MySQL unless a method takes the dialect.
 */
public final class Sql {

  private Sql() {}

  static final String INVOICE_COLUMNS =
      "tenant_id, invoice_id, version, status, invoice_number, currency, invoice_date, due_date,"
          + " account_id, contact_id, opportunity_id, total_amount, amount_paid, amount_due,"
          + " content, settlement_count";

  public static final String INSERT_INVOICE =
      "INSERT INTO ik_invoice (" + INVOICE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?, ?, ?, ?, ?)";

  /**
   * Guarded by the version read: updates nothing if someone else wrote since. Guarded too by the
   * number of settlements, which a save never lowers (they are append-only): the last parameter is
   * the invoice's number of settlements, so an invoice that carries none needs no read of them.
   */
  public static final String UPDATE_INVOICE =
      "UPDATE ik_invoice SET version = ?, status = ?, invoice_number = ?, currency = ?,"
          + " invoice_date = ?, due_date = ?, account_id = ?, contact_id = ?, opportunity_id = ?,"
          + " total_amount = ?, amount_paid = ?, amount_due = ?, content = ?, settlement_count = ?"
          + " WHERE tenant_id = ? AND invoice_id = ? AND version = ? AND settlement_count <= ?";

  /**
   * The stored version and number of settlements after a refused update: a locking read, which
   * sees the latest committed row also inside a REPEATABLE READ snapshot (MariaDB's default), where
   * a plain read would repeat the version the writer read.
   */
  public static final String SELECT_VERSION =
      "SELECT version, settlement_count FROM ik_invoice WHERE tenant_id = ? AND invoice_id = ?"
          + " FOR UPDATE";

  public static final String SELECT_INVOICES_BY_ACCOUNT =
      "SELECT " + INVOICE_COLUMNS + " FROM ik_invoice WHERE tenant_id = ? AND account_id = ?"
          + " AND invoice_id > ? ORDER BY invoice_id LIMIT ?";

  public static final String SELECT_INVOICES_BY_STATUS =
      "SELECT " + INVOICE_COLUMNS + " FROM ik_invoice WHERE tenant_id = ? AND status = ?"
          + " AND invoice_id > ? ORDER BY invoice_id LIMIT ?";

  /** The columns of {@link #INVOICE_COLUMNS} that make an invoice, by name. */
  public static final HeaderColumns HEADER = new HeaderColumns("invoice_id", "version", "status",
      "invoice_number", "currency", "invoice_date", "account_id", "contact_id", "opportunity_id",
      "content", "settlement_count");

  /**
   * Claims the invoices in one status that the overdue sweep may move: the overdue rule's guard
   * (past due, with a balance), oldest due date first; rows another transaction holds (a payment
   * being recorded) are skipped, not waited for. Returns what the OVERDUE events carry.
   * Parameters: tenant, one of the rule's statuses, the rule's date, the limit. One status per
   * statement: the index {@code ik_invoice_sweep (tenant_id, status, due_date, amount_due)} then
   * gives the rows in this order, so the scan stops after the limit and the last, short claim
   * reads only the candidates.
   * With a status IN list PostgreSQL would have to sort all candidates, and may instead scan the
   * table hoping to meet them early: it cannot know that past-due SENT rows are rare.
   */
  public static final String CLAIM_OVERDUE_CANDIDATES =
      "SELECT invoice_id, version, invoice_number, currency, total_amount, amount_paid, amount_due"
          + " FROM ik_invoice WHERE tenant_id = ? AND status = ? AND due_date < ?"
          + " AND amount_due > 0 ORDER BY due_date LIMIT ? FOR UPDATE SKIP LOCKED";

  /**
   * Moves claimed invoices to the overdue rule's status, guarded again by the rule: its statuses,
   * its date and a balance. Parameters: the status moved to, the tenant, the {@code invoices} ids,
   * the {@code statuses} moved from, the rule's date.
   *
   * @param statuses how many statuses the rule moves from
   * @param invoices how many invoices were claimed
   * @return the statement
   */
  public static String markOverdue(int statuses, int invoices) {
    return "UPDATE ik_invoice SET status = ?, version = version + 1"
        + " WHERE tenant_id = ? AND invoice_id IN (" + placeholders(invoices) + ")"
        + " AND status IN (" + placeholders(statuses) + ") AND due_date < ? AND amount_due > 0";
  }

  public static final String INSERT_LINE =
      "INSERT INTO ik_invoice_line (tenant_id, invoice_id, line_no, description, product_id,"
          + " quantity, unit_price, base_quantity, tax_category, tax_rate, allowance_charges)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  public static final String DELETE_LINES =
      "DELETE FROM ik_invoice_line WHERE tenant_id = ? AND invoice_id = ?";

  /**
   * The column naming the invoice in the rows of {@link #selectLines}, {@link #selectPayments} and
   * {@link #selectSettlements}.
   */
  public static final String CHILD_INVOICE_ID = "invoice_id";

  /** The columns of {@link #selectLines(int)} that make a line, by name. */
  public static final LineColumns LINE = new LineColumns("description", "product_id", "quantity",
      "unit_price", "base_quantity", "tax_category", "tax_rate", "allowance_charges");

  /**
   * The lines of several invoices of one tenant, with {@code invoice_id}. Parameters: the tenant,
   * then the ids.
   *
   * @param invoices how many invoice ids
   * @return the statement
   */
  public static String selectLines(int invoices) {
    return "SELECT invoice_id, line_no, description, product_id, quantity, unit_price,"
        + " base_quantity, tax_category, tax_rate, allowance_charges FROM ik_invoice_line"
        + " WHERE tenant_id = ? AND invoice_id IN (" + placeholders(invoices) + ")"
        + " ORDER BY invoice_id, line_no";
  }

  // ---- one invoice in one statement ------------------------------------------------------------

  /**
   * Row kinds of the invoice-graph statements ({@link #GRAPH_KIND}): header, line, payment,
   * settlement.
   */
  public static final int GRAPH_HEADER = 0;
  public static final int GRAPH_LINE = 1;
  public static final int GRAPH_PAYMENT = 2;
  public static final int GRAPH_SETTLEMENT = 3;

  /** The column of an invoice-graph row that says its kind. */
  public static final String GRAPH_KIND = "kind";

  /**
   * Where the header row of an invoice-graph statement holds the header's columns; it has no
   * number of settlements (the statement reads them all anyway).
   */
  public static final HeaderColumns GRAPH_HEADER_COLUMNS = new HeaderColumns("v1", "version", "v2",
      "v3", "currency", "dt", "v4", "v5", "v6", "txt", null);

  /** Where a line row of an invoice-graph statement holds the line's columns. */
  public static final LineColumns GRAPH_LINE_COLUMNS = new LineColumns("v1", "v2", "qty", "price",
      "base", "v3", "rate", "txt");

  /** Where a payment row of an invoice-graph statement holds the payment's columns. */
  public static final PaymentColumns GRAPH_PAYMENT_COLUMNS = new PaymentColumns("v1", "v2", "amt",
      "dt", "v3", "v4");

  /** Where a settlement row of an invoice-graph statement holds the settlement's columns. */
  public static final SettlementColumns GRAPH_SETTLEMENT_COLUMNS = new SettlementColumns("v1",
      "v2", "amt", "dt", "v3", "v4");

  /**
   * One invoice with its lines, payments and settlements, by id, in one statement (one round trip,
   * one snapshot): the header row, then the lines by line_no, the payments by seq, the settlements
   * by seq. Parameters: tenant, id, four times.
   */
  public static final String SELECT_INVOICE_GRAPH_BY_ID =
      invoiceGraph("invoice_id = ?", "invoice_id = ?");

  /**
   * As {@link #SELECT_INVOICE_GRAPH_BY_ID}, by number. Parameters: tenant, number; then tenant,
   * tenant, number three times.
   */
  public static final String SELECT_INVOICE_GRAPH_BY_NUMBER =
      invoiceGraph("invoice_number = ?",
          "invoice_id = (SELECT invoice_id FROM ik_invoice WHERE tenant_id = ?"
              + " AND invoice_number = ?)");

  /**
   * A UNION ALL of tagged rows: kind, position, then shared slots. A slot holds columns of the
   * same declared type only (so no database rescales or pads a value), and gets its type from the
   * header or the line branch (PostgreSQL types a union pairwise, and two untyped NULLs would make
   * it text). The slots, header / line / payment:
   * 3 version / - / -;
   * 4..7 invoice_id, status, invoice_number, account_id / description, product_id,
   * tax_category, - / payment_id, kind, method, reference (VARCHAR);
   * 8, 9 contact_id, opportunity_id / - / - (VARCHAR); 10 currency / - / - (CHAR(3));
   * 11 content / allowance_charges / - (text);
   * 12 invoice_date / - / payment_date; 13 total_amount / - / amount (NUMERIC(19, 4));
   * 14..17 - / quantity, unit_price, base_quantity, tax_rate / -.
   * A settlement row is shaped like a payment row: settlement_id, kind, reference, reason in
   * 4..7, settlement_date in 12, amount in 13.
   */
  private static String invoiceGraph(String headerKey, String childKey) {
    return "SELECT " + GRAPH_HEADER + " AS kind, 0 AS pos, version, invoice_id AS v1, status AS v2,"
        + " invoice_number AS v3, account_id AS v4, contact_id AS v5, opportunity_id AS v6,"
        + " currency, content AS txt, invoice_date AS dt, total_amount AS amt,"
        + " NULL AS qty, NULL AS price, NULL AS base, NULL AS rate"
        + " FROM ik_invoice WHERE tenant_id = ? AND " + headerKey
        + " UNION ALL SELECT " + GRAPH_LINE + ", line_no, NULL, description, product_id,"
        + " tax_category, NULL, NULL, NULL, NULL, allowance_charges, NULL, NULL,"
        + " quantity, unit_price, base_quantity, tax_rate"
        + " FROM ik_invoice_line WHERE tenant_id = ? AND " + childKey
        + " UNION ALL SELECT " + GRAPH_PAYMENT + ", seq, NULL, payment_id, kind, method, reference,"
        + " NULL, NULL, NULL, NULL, payment_date, amount, NULL, NULL, NULL, NULL"
        + " FROM ik_payment WHERE tenant_id = ? AND " + childKey
        + " UNION ALL SELECT " + GRAPH_SETTLEMENT + ", seq, NULL, settlement_id, kind, reference,"
        + " reason, NULL, NULL, NULL, NULL, settlement_date, amount, NULL, NULL, NULL, NULL"
        + " FROM ik_settlement WHERE tenant_id = ? AND " + childKey
        + " ORDER BY kind, pos";
  }

  public static final String INSERT_PAYMENT =
      "INSERT INTO ik_payment (tenant_id, invoice_id, payment_id, seq, kind, amount, payment_date,"
          + " method, reference) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** The columns of {@link #selectPayments(int)} and {@link #SELECT_STORED_PAYMENTS}, by name. */
  public static final PaymentColumns PAYMENT = new PaymentColumns("payment_id", "kind", "amount",
      "payment_date", "method", "reference");

  /**
   * The stored payments of one invoice, in order, before a save appends to them. A locking read:
   * it sees the latest committed rows also inside a REPEATABLE READ snapshot (MariaDB's default),
   * and takes the same locks the rows' writers take. Parameters: tenant, invoice id.
   */
  public static final String SELECT_STORED_PAYMENTS =
      "SELECT payment_id, seq, kind, amount, payment_date, method, reference FROM ik_payment"
          + " WHERE tenant_id = ? AND invoice_id = ? ORDER BY seq FOR UPDATE";

  /**
   * The payments of several invoices of one tenant, with {@code invoice_id}. Parameters: the
   * tenant, then the ids.
   *
   * @param invoices how many invoice ids
   * @return the statement
   */
  public static String selectPayments(int invoices) {
    return "SELECT invoice_id, payment_id, seq, kind, amount, payment_date, method, reference"
        + " FROM ik_payment WHERE tenant_id = ? AND invoice_id IN (" + placeholders(invoices) + ")"
        + " ORDER BY invoice_id, seq";
  }

  // ---- settlements ------------------------------------------------------------------------------

  public static final String INSERT_SETTLEMENT =
      "INSERT INTO ik_settlement (tenant_id, invoice_id, settlement_id, seq, kind, amount,"
          + " settlement_date, reference, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** The columns of {@link #selectSettlements(int)} and {@link #SELECT_STORED_SETTLEMENTS}. */
  public static final SettlementColumns SETTLEMENT = new SettlementColumns("settlement_id", "kind",
      "amount", "settlement_date", "reference", "reason");

  /**
   * The stored settlements of one invoice, in order, before a save appends to them; a locking
   * read, as {@link #SELECT_STORED_PAYMENTS} is. Parameters: tenant, invoice id.
   */
  public static final String SELECT_STORED_SETTLEMENTS =
      "SELECT settlement_id, seq, kind, amount, settlement_date, reference, reason"
          + " FROM ik_settlement WHERE tenant_id = ? AND invoice_id = ? ORDER BY seq FOR UPDATE";

  /**
   * The settlements of several invoices of one tenant, with {@code invoice_id}. Parameters: the
   * tenant, then the ids.
   *
   * @param invoices how many invoice ids
   * @return the statement
   */
  public static String selectSettlements(int invoices) {
    return "SELECT invoice_id, settlement_id, seq, kind, amount, settlement_date, reference,"
        + " reason FROM ik_settlement WHERE tenant_id = ? AND invoice_id IN ("
        + placeholders(invoices) + ") ORDER BY invoice_id, seq";
  }

  // ---- credit notes ----------------------------------------------------------------------------

  static final String CREDIT_NOTE_COLUMNS =
      "tenant_id, credit_note_id, version, status, credit_note_number, invoice_id, invoice_number,"
          + " invoice_date, account_id, currency, note_date, reason, kind, total_amount,"
          + " applied_amount, refunded_amount, account_credit_amount, content";

  public static final String INSERT_CREDIT_NOTE =
      "INSERT INTO ik_credit_note (" + CREDIT_NOTE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** Guarded by the version read: updates nothing if someone else wrote since. */
  public static final String UPDATE_CREDIT_NOTE =
      "UPDATE ik_credit_note SET version = ?, status = ?, credit_note_number = ?, invoice_id = ?,"
          + " invoice_number = ?, invoice_date = ?, account_id = ?, currency = ?, note_date = ?,"
          + " reason = ?, kind = ?, total_amount = ?, applied_amount = ?, refunded_amount = ?,"
          + " account_credit_amount = ?, content = ?"
          + " WHERE tenant_id = ? AND credit_note_id = ? AND version = ?";

  /** The stored version after a refused update, by a locking read (as {@link #SELECT_VERSION}). */
  public static final String SELECT_CREDIT_NOTE_VERSION =
      "SELECT version FROM ik_credit_note WHERE tenant_id = ? AND credit_note_id = ? FOR UPDATE";

  public static final String INSERT_CREDIT_NOTE_LINE =
      "INSERT INTO ik_credit_note_line (tenant_id, credit_note_id, line_no, description,"
          + " product_id, quantity, unit_price, base_quantity, tax_category, tax_rate,"
          + " allowance_charges) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  public static final String DELETE_CREDIT_NOTE_LINES =
      "DELETE FROM ik_credit_note_line WHERE tenant_id = ? AND credit_note_id = ?";

  public static final String INSERT_CREDITED_LINE =
      "INSERT INTO ik_credited_line (tenant_id, credit_note_id, seq, invoice_line_no, quantity)"
          + " VALUES (?, ?, ?, ?, ?)";

  public static final String DELETE_CREDITED_LINES =
      "DELETE FROM ik_credited_line WHERE tenant_id = ? AND credit_note_id = ?";

  /** Row kinds of the credit-note graph statements ({@link #NOTE_ROW_KIND}). */
  public static final int NOTE_HEADER = 0;
  public static final int NOTE_LINE = 1;
  public static final int NOTE_CREDITED_LINE = 2;

  /** The column of a credit-note graph row that names its note. */
  public static final String NOTE_ID = "note";

  /** The column of a credit-note graph row that says its kind. */
  public static final String NOTE_ROW_KIND = "row_kind";

  /** Where the header row of a credit-note graph statement holds the note's columns. */
  public static final CreditNoteColumns NOTE_HEADER_COLUMNS = new CreditNoteColumns(NOTE_ID,
      "num", "v1", "v2", "v3", "v4", "d1", "v5", "cur", "d2", "v6", "v7", "a1", "a2", "a3", "a4",
      "txt");

  /** Where a line row of a credit-note graph statement holds the line's columns. */
  public static final LineColumns NOTE_LINE_COLUMNS = new LineColumns("v1", "v2", "qty", "price",
      "base", "v3", "rate", "txt");

  /** Where a credited-line row of a credit-note graph statement holds its invoice line number. */
  public static final String NOTE_CREDITED_LINE_NO = "num";

  /** Where a credited-line row of a credit-note graph statement holds its quantity. */
  public static final String NOTE_CREDITED_QUANTITY = "qty";

  /**
   * One credit note with its lines and credited lines, by id, in one statement (one round trip,
   * one snapshot). Parameters: tenant, id, three times.
   */
  public static final String SELECT_CREDIT_NOTE_GRAPH_BY_ID =
      creditNoteGraph("credit_note_id = ?", "credit_note_id = ?");

  /**
   * Every credit note of one invoice with their lines and credited lines, in one statement,
   * ordered by note id. Parameters: tenant, invoice id; then tenant, tenant, invoice id twice.
   */
  public static final String SELECT_CREDIT_NOTE_GRAPH_BY_INVOICE =
      creditNoteGraph("invoice_id = ?", "credit_note_id IN (SELECT credit_note_id"
          + " FROM ik_credit_note WHERE tenant_id = ? AND invoice_id = ?)");

  /**
   * A UNION ALL of tagged rows, as {@link #invoiceGraph} is: note, row kind, position, then slots
   * of one declared type each, typed by the header or the line branch. The slots, header / line /
   * credited line: num version / - / invoice_line_no (integers);
   * v1..v7 status, credit_note_number, invoice_id, invoice_number, account_id, reason, kind /
   * description, product_id, tax_category / - (VARCHAR); cur currency (CHAR(3));
   * txt content / allowance_charges / - (text); d1, d2 invoice_date, note_date (DATE);
   * a1..a4 total_amount, applied_amount, refunded_amount, account_credit_amount (NUMERIC(19, 4));
   * qty - / quantity / quantity (NUMERIC(22, 6)); price, base, rate - / unit_price,
   * base_quantity, tax_rate / -.
   */
  private static String creditNoteGraph(String headerKey, String childKey) {
    return "SELECT credit_note_id AS " + NOTE_ID + ", " + NOTE_HEADER + " AS " + NOTE_ROW_KIND
        + ", 0 AS pos, version AS num, status AS v1, credit_note_number AS v2, invoice_id AS v3,"
        + " invoice_number AS v4, account_id AS v5, reason AS v6, kind AS v7, currency AS cur,"
        + " content AS txt, invoice_date AS d1, note_date AS d2, total_amount AS a1,"
        + " applied_amount AS a2, refunded_amount AS a3, account_credit_amount AS a4,"
        + " NULL AS qty, NULL AS price, NULL AS base, NULL AS rate"
        + " FROM ik_credit_note WHERE tenant_id = ? AND " + headerKey
        + " UNION ALL SELECT credit_note_id, " + NOTE_LINE + ", line_no, NULL, description,"
        + " product_id, tax_category, NULL, NULL, NULL, NULL, NULL, allowance_charges, NULL, NULL,"
        + " NULL, NULL, NULL, NULL, quantity, unit_price, base_quantity, tax_rate"
        + " FROM ik_credit_note_line WHERE tenant_id = ? AND " + childKey
        + " UNION ALL SELECT credit_note_id, " + NOTE_CREDITED_LINE + ", seq, invoice_line_no,"
        + " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
        + " NULL, quantity, NULL, NULL, NULL"
        + " FROM ik_credited_line WHERE tenant_id = ? AND " + childKey
        + " ORDER BY " + NOTE_ID + ", " + NOTE_ROW_KIND + ", pos";
  }

  // ---- the account-credit ledger ---------------------------------------------------------------

  /** Moves an account's entry sequence; its row stays locked until the transaction ends. */
  public static final String INCREMENT_ACCOUNT_SEQUENCE =
      "UPDATE ik_account_credit SET last_sequence = last_sequence + 1"
          + " WHERE tenant_id = ? AND account_id = ?";

  /**
   * Moves an account's entry sequence and returns its new value in one statement, or empty where
   * the database has no such statement (MariaDB/MySQL: {@link #INCREMENT_ACCOUNT_SEQUENCE}, then
   * {@link #SELECT_ACCOUNT_SEQUENCE}). Returns no row for an account without entries.
   *
   * @param dialect the database
   * @return the statement, or empty
   */
  public static Optional<String> incrementAccountSequenceReturning(Dialect dialect) {
    return returning(dialect, INCREMENT_ACCOUNT_SEQUENCE, "last_sequence");
  }

  public static final String SELECT_ACCOUNT_SEQUENCE =
      "SELECT last_sequence FROM ik_account_credit WHERE tenant_id = ? AND account_id = ?";

  /** The first entry of an account. */
  public static final String INSERT_ACCOUNT_SEQUENCE =
      "INSERT INTO ik_account_credit (tenant_id, account_id, last_sequence) VALUES (?, ?, 1)";

  /**
   * Moves a balance by a signed amount, guarded: updates nothing when the balance would go below
   * zero. Parameters: the amount, tenant, account, currency, the amount again.
   */
  public static final String MOVE_ACCOUNT_CREDIT_BALANCE =
      "UPDATE ik_account_credit_balance SET balance = balance + ?"
          + " WHERE tenant_id = ? AND account_id = ? AND currency = ? AND balance + ? >= 0";

  /**
   * {@link #MOVE_ACCOUNT_CREDIT_BALANCE} returning the new balance in one statement, or empty
   * where the database has no such statement (MariaDB/MySQL: then
   * {@link #SELECT_ACCOUNT_CREDIT_BALANCE}). Returns no row when the guard or a missing row
   * refused it.
   *
   * @param dialect the database
   * @return the statement, or empty
   */
  public static Optional<String> moveAccountCreditBalanceReturning(Dialect dialect) {
    return returning(dialect, MOVE_ACCOUNT_CREDIT_BALANCE, "balance");
  }

  /**
   * A balance, by a locking read: it sees the latest committed row also inside a REPEATABLE READ
   * snapshot. Parameters: tenant, account, currency.
   */
  public static final String SELECT_ACCOUNT_CREDIT_BALANCE_FOR_UPDATE =
      "SELECT balance FROM ik_account_credit_balance WHERE tenant_id = ? AND account_id = ?"
          + " AND currency = ? FOR UPDATE";

  /** A balance, for {@code AccountCredits.balance}. Parameters: tenant, account, currency. */
  public static final String SELECT_ACCOUNT_CREDIT_BALANCE =
      "SELECT balance FROM ik_account_credit_balance WHERE tenant_id = ? AND account_id = ?"
          + " AND currency = ?";

  /** The first balance of an account in a currency. */
  public static final String INSERT_ACCOUNT_CREDIT_BALANCE =
      "INSERT INTO ik_account_credit_balance (tenant_id, account_id, currency, balance)"
          + " VALUES (?, ?, ?, ?)";

  static final String ACCOUNT_CREDIT_ENTRY_COLUMNS =
      "tenant_id, entry_id, account_id, seq, kind, currency, amount, balance_after, entry_date,"
          + " invoice_id, credit_note_id, reason";

  public static final String INSERT_ACCOUNT_CREDIT_ENTRY =
      "INSERT INTO ik_account_credit_entry (" + ACCOUNT_CREDIT_ENTRY_COLUMNS + ")"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** An account's entries in one currency by sequence. Parameters: tenant, account, currency. */
  public static final String SELECT_ACCOUNT_CREDIT_ENTRIES =
      "SELECT " + ACCOUNT_CREDIT_ENTRY_COLUMNS + " FROM ik_account_credit_entry"
          + " WHERE tenant_id = ? AND account_id = ? AND currency = ? ORDER BY seq";

  /** The columns of the ledger entry reads ({@link #SELECT_ACCOUNT_CREDIT_ENTRIES} and others). */
  public static final LedgerEntryColumns LEDGER_ENTRY = new LedgerEntryColumns("entry_id",
      "account_id", "seq", "kind", "currency", "amount", "balance_after", "entry_date",
      "invoice_id", "credit_note_id", "reason");

  /** One entry. Parameters: tenant, entry id. */
  public static final String SELECT_ACCOUNT_CREDIT_ENTRY =
      "SELECT " + ACCOUNT_CREDIT_ENTRY_COLUMNS + " FROM ik_account_credit_entry"
          + " WHERE tenant_id = ? AND entry_id = ?";

  /** An update returning one column, on the databases that have such a statement. */
  private static Optional<String> returning(Dialect dialect, String update, String column) {
    switch (dialect) {
      case POSTGRESQL:
        return Optional.of(update + " RETURNING " + column);
      case H2:
        // H2 2.x: a data change delta table; FINAL TABLE is the row as the update left it.
        return Optional.of("SELECT " + column + " FROM FINAL TABLE (" + update + ")");
      default:
        return Optional.empty();
    }
  }

  // ---- gapless numbering -----------------------------------------------------------------------

  /** Moves a series' counter; the row stays locked until the transaction ends. */
  public static final String INCREMENT_COUNTER =
      "UPDATE ik_number_counter SET last_value = last_value + 1"
          + " WHERE tenant_id = ? AND series_key = ?";

  /**
   * Moves a series' counter and returns its new value in one statement, or null where the
   * database has no such statement (MariaDB/MySQL: {@link #INCREMENT_COUNTER}, then
   * {@link #SELECT_COUNTER}). Returns no row when the series has no counter yet.
   *
   * @param dialect the database
   * @return the statement, or null
   */
  public static Optional<String> incrementCounterReturning(Dialect dialect) {
    return returning(dialect, INCREMENT_COUNTER, "last_value");
  }

  public static final String SELECT_COUNTER =
      "SELECT last_value FROM ik_number_counter WHERE tenant_id = ? AND series_key = ?";

  /** The first number of a new series. */
  public static final String INSERT_COUNTER =
      "INSERT INTO ik_number_counter (tenant_id, series_key, last_value) VALUES (?, ?, 1)";

  // ---- gaps-allowed numbering ------------------------------------------------------------------

  /**
   * Takes the next value of the shared invoice number sequence. On MariaDB/MySQL, which have no
   * portable sequence, it inserts into an AUTO_INCREMENT table; read the generated key, then
   * {@link #DELETE_SEQUENCE_ROW} it.
   *
   * @param dialect the database
   * @return the statement
   */
  public static String nextSequenceValue(Dialect dialect) {
    switch (dialect) {
      case H2:
        return "SELECT NEXT VALUE FOR ik_invoice_number_seq";
      case POSTGRESQL:
        return "SELECT nextval('ik_invoice_number_seq')";
      case MARIADB:
        return "INSERT INTO ik_invoice_number_seq () VALUES ()";
      default:
        throw new IllegalArgumentException("No sequence statement for " + dialect);
    }
  }

  /**
   * Keeps the MariaDB AUTO_INCREMENT table empty: InnoDB remembers its counter (persistently
   * since MariaDB 10.2.4 and MySQL 8), so a deleted value is never handed out again.
   */
  public static final String DELETE_SEQUENCE_ROW =
      "DELETE FROM ik_invoice_number_seq WHERE seq_value = ?";

  // ---- idempotency keys ------------------------------------------------------------------------

  public static final String SELECT_IDEMPOTENCY_KEY =
      "SELECT fingerprint, invoice_id, result_version FROM ik_idempotency_key"
          + " WHERE tenant_id = ? AND idempotency_key = ?";

  public static final String INSERT_IDEMPOTENCY_KEY =
      "INSERT INTO ik_idempotency_key (tenant_id, idempotency_key, fingerprint, invoice_id,"
          + " result_version) VALUES (?, ?, ?, ?, ?)";

  // ---- outbox ----------------------------------------------------------------------------------

  /** The {@code subject_kind} of invoice events; the other kinds are the credit subjects'. */
  public static final String OUTBOX_INVOICE = "INVOICE";

  /**
   * Stores an event as PENDING. Parameters: tenant, event id, subject kind, subject id (in
   * {@code invoice_id}), its version (in {@code invoice_version}), type, occurred at, payload,
   * next attempt at.
   */
  public static final String INSERT_OUTBOX_EVENT =
      "INSERT INTO ik_outbox (tenant_id, event_id, subject_kind, invoice_id, invoice_version,"
          + " event_type, occurred_at, payload, state, attempts, next_attempt_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?)";

  /**
   * Claims the due events, oldest first: locks them until the relay's transaction ends and skips
   * the ones another relay holds. The same text works on H2 2.x, PostgreSQL 9.5+ and MariaDB
   * 10.6+ / MySQL 8. An event never attempted is due at once: its {@code next_attempt_at} comes
   * from the service's clock, which the relay's clock need not agree with; only a retry, whose
   * time the relay set from its own clock, waits for it.
   */
  public static final String CLAIM_OUTBOX_EVENTS =
      "SELECT tenant_id, event_id, subject_kind, attempts, payload FROM ik_outbox"
          + " WHERE state = 'PENDING' AND (attempts = 0 OR next_attempt_at <= ?)"
          + " ORDER BY occurred_at, invoice_version, event_id LIMIT ?"
          + " FOR UPDATE SKIP LOCKED";

  public static final String MARK_OUTBOX_DELIVERED =
      "UPDATE ik_outbox SET state = 'DELIVERED', attempts = attempts + 1, delivered_at = ?,"
          + " last_error = NULL WHERE tenant_id = ? AND event_id = ?";

  /** Records a failed delivery: the state (PENDING again, or PARKED), attempts, when, why. */
  public static final String MARK_OUTBOX_FAILED =
      "UPDATE ik_outbox SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ?"
          + " WHERE tenant_id = ? AND event_id = ?";

  /** A tenant's invoice events in every state, in the relay's order (committedEvents). */
  public static final String SELECT_OUTBOX_EVENTS =
      "SELECT event_id, payload FROM ik_outbox WHERE tenant_id = ? AND subject_kind = '"
          + OUTBOX_INVOICE + "' ORDER BY occurred_at, invoice_version, event_id";

  /**
   * A tenant's credit-note and ledger events in every state, in the relay's order
   * (JdbcOutbox.committedCreditEvents).
   */
  public static final String SELECT_OUTBOX_CREDIT_EVENTS =
      "SELECT event_id, payload FROM ik_outbox WHERE tenant_id = ? AND subject_kind <> '"
          + OUTBOX_INVOICE + "' ORDER BY occurred_at, invoice_version, event_id";

  public static final String COUNT_OUTBOX_BY_STATE =
      "SELECT COUNT(*) FROM ik_outbox WHERE state = ?";

  // ---- schema history (SchemaInstaller) ---------------------------------------------------------

  /** The installer's own record of the scripts it applied, one row per version. */
  public static final String SCHEMA_HISTORY_TABLE = "ik_schema_history";

  /**
   * Creates {@link #SCHEMA_HISTORY_TABLE}. {@code applied_at} is the database's time, for people
   * to read; nothing compares it.
   *
   * @param dialect the database
   * @return the statement
   */
  public static String createSchemaHistory(Dialect dialect) {
    String columns = "version INTEGER NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL,"
        + " script VARCHAR(200) NOT NULL, checksum CHAR(64) NOT NULL, applied_at ";
    if (dialect == Dialect.MARIADB) {
      return "CREATE TABLE " + SCHEMA_HISTORY_TABLE + " (" + columns + "DATETIME(6) NOT NULL)"
          + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
    }
    return "CREATE TABLE " + SCHEMA_HISTORY_TABLE + " (" + columns + "TIMESTAMP NOT NULL)";
  }

  /**
   * Takes the installer's lock, held by the session until {@link #unlockSchema(Dialect)}: a
   * PostgreSQL advisory lock of the database, a MariaDB/MySQL named lock of the database (names
   * are server-wide, so the name holds the database's). Waits up to ten minutes on MariaDB/MySQL,
   * and as long as {@code lock_timeout} allows on PostgreSQL. Null for H2, which has no such lock.
   *
   * @param dialect the database
   * @return the statement, returning one row whose first column is 1 once the lock is held, or
   *     null
   */
  public static String lockSchema(Dialect dialect) {
    switch (dialect) {
      case POSTGRESQL:
        return "SELECT 1 FROM (SELECT pg_advisory_lock(" + SCHEMA_LOCK_KEY + ")) AS locked";
      case MARIADB:
        return "SELECT GET_LOCK(" + SCHEMA_LOCK_NAME + ", 600)";
      default:
        return null;
    }
  }

  /**
   * Releases what {@link #lockSchema(Dialect)} took.
   *
   * @param dialect the database
   * @return the statement, or null for H2
   */
  public static String unlockSchema(Dialect dialect) {
    switch (dialect) {
      case POSTGRESQL:
        return "SELECT pg_advisory_unlock(" + SCHEMA_LOCK_KEY + ")";
      case MARIADB:
        return "SELECT RELEASE_LOCK(" + SCHEMA_LOCK_NAME + ")";
      default:
        return null;
    }
  }

  /** The installer's advisory lock key on PostgreSQL ("InvoiceK" in ASCII). */
  private static final String SCHEMA_LOCK_KEY = Long.toString(0x496E766F6963654BL);

  /** The installer's lock name on MariaDB/MySQL: at most 64 characters, one per database. */
  private static final String SCHEMA_LOCK_NAME = "CONCAT('ik_schema.', LEFT(DATABASE(), 54))";

  public static final String SELECT_SCHEMA_HISTORY =
      "SELECT version, script, checksum FROM " + SCHEMA_HISTORY_TABLE + " ORDER BY version";

  public static final String INSERT_SCHEMA_HISTORY =
      "INSERT INTO " + SCHEMA_HISTORY_TABLE + " (version, description, script, checksum,"
          + " applied_at) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)";

  // ---- column names, for the row mappers --------------------------------------------------------

  /**
   * Where a result set holds the columns of one invoice row.
   *
   * @param invoiceId the id's column
   * @param version the version's column
   * @param status the status's column
   * @param number the invoice number's column
   * @param currency the currency's column
   * @param invoiceDate the invoice date's column
   * @param account the account's column
   * @param contact the contact's column
   * @param opportunity the opportunity's column
   * @param content the content's column
   * @param settlementCount the number of settlements' column, or null where the result has none
   */
  public record HeaderColumns(String invoiceId, String version, String status, String number,
      String currency, String invoiceDate, String account, String contact, String opportunity,
      String content, String settlementCount) {}

  /**
   * Where a result set holds the columns of one line row.
   *
   * @param description the description's column
   * @param product the product id's column
   * @param quantity the quantity's column
   * @param unitPrice the unit price's column
   * @param baseQuantity the base quantity's column
   * @param taxCategory the tax category's column
   * @param taxRate the tax rate's column
   * @param allowanceCharges the allowances and charges' column
   */
  public record LineColumns(String description, String product, String quantity,
      String unitPrice, String baseQuantity, String taxCategory, String taxRate,
      String allowanceCharges) {}

  /**
   * Where a result set holds the columns of one payment row.
   *
   * @param paymentId the payment id's column
   * @param kind the kind's column
   * @param amount the amount's column
   * @param date the payment date's column
   * @param method the method's column
   * @param reference the reference's column
   */
  public record PaymentColumns(String paymentId, String kind, String amount, String date,
      String method, String reference) {}

  /**
   * Where a result set holds the columns of one settlement row.
   *
   * @param settlementId the settlement id's column
   * @param kind the kind's column
   * @param amount the amount's column
   * @param date the settlement date's column
   * @param reference the reference's column
   * @param reason the reason's column
   */
  public record SettlementColumns(String settlementId, String kind, String amount, String date,
      String reference, String reason) {}

  /**
   * Where a result set holds the columns of one ledger entry row.
   *
   * @param entryId the entry id's column
   * @param account the account's column
   * @param sequence the sequence's column
   * @param kind the kind's column
   * @param currency the currency's column
   * @param amount the amount's column
   * @param balanceAfter the balance after the entry's column
   * @param date the entry date's column
   * @param invoiceId the invoice id's column
   * @param creditNoteId the credit note id's column
   * @param reason the reason's column
   */
  public record LedgerEntryColumns(String entryId, String account, String sequence, String kind,
      String currency, String amount, String balanceAfter, String date, String invoiceId,
      String creditNoteId, String reason) {}

  /**
   * Where a result set holds the columns of one credit note row.
   *
   * @param creditNoteId the id's column
   * @param version the version's column
   * @param status the status's column
   * @param number the credit note number's column
   * @param invoiceId the credited invoice id's column
   * @param invoiceNumber the credited invoice number's column
   * @param invoiceDate the credited invoice date's column
   * @param account the account's column
   * @param currency the currency's column
   * @param date the note date's column
   * @param reason the reason's column
   * @param kind the kind's column
   * @param total the total's column
   * @param applied the allocation's applied part's column
   * @param refunded the allocation's refunded part's column
   * @param accountCredit the allocation's account-credit part's column
   * @param content the content's column
   */
  public record CreditNoteColumns(String creditNoteId, String version, String status,
      String number, String invoiceId, String invoiceNumber, String invoiceDate, String account,
      String currency, String date, String reason, String kind, String total, String applied,
      String refunded, String accountCredit, String content) {}

  private static String placeholders(int count) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append(i == 0 ? "?" : ", ?");
    }
    return out.toString();
  }
}
