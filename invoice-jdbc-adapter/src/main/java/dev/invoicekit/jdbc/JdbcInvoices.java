package dev.invoicekit.jdbc;

import dev.invoicekit.internal.SameContentCopies;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.ContactId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.LineAllowanceCharge;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.OpportunityId;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.invoice.ProductId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.internal.ColumnLimits;
import dev.invoicekit.jdbc.internal.InvoiceCodec;
import dev.invoicekit.jdbc.internal.MalformedJsonException;
import dev.invoicekit.jdbc.internal.Sql;
import dev.invoicekit.jdbc.internal.SqlErrors;
import dev.invoicekit.lifecycle.Action;
import dev.invoicekit.lifecycle.InvoiceLifecycle;
import dev.invoicekit.ports.DuplicateInvoiceException;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.ports.Invoices;
import dev.invoicekit.ports.MarkedOverdue;
import dev.invoicekit.ports.Page;
import dev.invoicekit.ports.PageRequest;
import dev.invoicekit.ports.StaleInvoiceException;
import dev.invoicekit.tax.TaxCategory;
import dev.invoicekit.tax.TaxCode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.joda.money.BigMoney;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The repository on JDBC. An invoice is one row, its lines and payments rows of their own; a save
 * writes them in the current transaction, checking the version on every write. A load by id or
 * number is one statement whatever the number of lines (header, lines and payments together; called
 * outside a transaction it runs in autocommit mode, so one round trip), and a page of invoices
 * three (headers, lines, payments).
 *
 * <p>Thread-safe.
 */
public final class JdbcInvoices implements Invoices {

  /** How many invoices {@link #importAll(Collection)} writes per transaction. */
  public static final int IMPORT_CHUNK = 500;

  private final JdbcTransactions transactions;

  /**
   * Creates the repository.
   *
   * @param transactions the transactions it writes in, not null
   */
  public JdbcInvoices(JdbcTransactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  @Override
  public Invoice save(Invoice invoice) {
    Objects.requireNonNull(invoice, "invoice");
    ColumnLimits.check(invoice);
    // A new version of the same content: the copy takes the invoice's totals, not a recomputation.
    Invoice saved = SameContentCopies.copy(invoice, i -> i.withVersion(i.version() + 1));
    String content = InvoiceCodec.content(invoice);
    return transactions.withConnection("save invoice " + invoice.id(), connection -> {
      boolean isNew = invoice.version() == 0;
      if (isNew) {
        insertHeader(connection, saved, content);
      } else {
        updateHeader(connection, invoice, saved, content);
      }
      // Content changes only while a draft (the lifecycle freezes it after sending), so the lines
      // of a sent invoice are never rewritten; payments are.
      if (isNew || invoice.status() == InvoiceStatus.DRAFT) {
        if (!isNew) {
          delete(connection, Sql.DELETE_LINES, invoice);
        }
        insertLines(connection, invoice);
      }
      if (!isNew) {
        delete(connection, Sql.DELETE_PAYMENTS, invoice);
      }
      insertPayments(connection, invoice);
      return saved;
    });
  }

  /**
   * Imports invoices that exist elsewhere (issued by another system, or moved from an older
   * database) in bulk. Each is stored as {@link #save(Invoice)} stores a new invoice: at version 1,
   * with its status, number, lines and payments as given, refused if its id or number is taken. The
   * rows are written with JDBC batches, {@value #IMPORT_CHUNK} invoices per transaction; on
   * PostgreSQL, a data source with the driver's {@code reWriteBatchedInserts=true} turns each batch
   * into multi-row inserts.
   *
   * <p>Each chunk is written in one transaction or not at all. Called inside an open transaction
   * (the host's, or {@link JdbcTransactions#inTransaction}), every chunk joins it and the whole
   * import commits or rolls back with it. Publishes no events and takes no numbers: the invoices
   * come with their history.
   *
   * <p>Thread-safe.
   *
   * @param invoices the invoices, each never saved here (version 0); not null, no null element
   * @return how many invoices were imported, not negative
   * @throws IllegalArgumentException if an invoice is not at version 0; nothing is written
   * @throws dev.invoicekit.invoice.InvalidInvoiceException if a value does not fit its column;
   *     nothing is written
   * @throws DuplicateInvoiceException if an id or number is taken, by a stored invoice or by
   *     another invoice of the import; the chunk with the duplicate is rolled back, and the message
   *     says how many invoices earlier chunks imported
   * @throws dev.invoicekit.ports.InvoicePersistenceException if the database fails
   */
  public int importAll(Collection<Invoice> invoices) {
    Objects.requireNonNull(invoices, "invoices");
    List<Invoice> all = List.copyOf(invoices);
    for (Invoice invoice : all) {
      if (invoice.version() != 0) {
        throw new IllegalArgumentException("Invoice " + invoice.id() + " is at version "
            + invoice.version() + "; an import stores new invoices (version 0), use save to change"
            + " a stored one");
      }
      ColumnLimits.check(invoice);
    }
    int imported = 0;
    for (int from = 0; from < all.size(); from += IMPORT_CHUNK) {
      List<Invoice> chunk = all.subList(from, Math.min(all.size(), from + IMPORT_CHUNK));
      String what = "import invoices " + (from + 1) + " to " + (from + chunk.size());
      try {
        transactions.withConnection(what, connection -> {
          insertChunk(connection, chunk);
          return null;
        });
      } catch (DuplicateInvoiceException e) {
        DuplicateInvoiceException duplicate = new DuplicateInvoiceException("An id or number of"
            + " invoices " + (from + 1) + " to " + (from + chunk.size()) + " is already taken in"
            + " its tenant; those were not imported, " + imported + " before them were. "
            + e.getMessage());
        duplicate.initCause(e);
        throw duplicate;
      }
      imported += chunk.size();
    }
    return imported;
  }

  /** Writes the headers, then the lines, then the payments of a chunk, one batch each. */
  private static void insertChunk(Connection connection, List<Invoice> chunk)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(Sql.INSERT_INVOICE)) {
      for (Invoice invoice : chunk) {
        insert.setString(1, invoice.tenant().value());
        insert.setString(2, invoice.id().value());
        insert.setLong(3, 1);
        bindHeader(insert, 4, invoice, InvoiceCodec.content(invoice));
        insert.addBatch();
      }
      insert.executeBatch();
    }
    try (PreparedStatement insert = connection.prepareStatement(Sql.INSERT_LINE)) {
      for (Invoice invoice : chunk) {
        bindLines(insert, invoice);
      }
      insert.executeBatch();
    }
    try (PreparedStatement insert = connection.prepareStatement(Sql.INSERT_PAYMENT)) {
      boolean any = false;
      for (Invoice invoice : chunk) {
        any |= bindPayments(insert, invoice);
      }
      if (any) {
        insert.executeBatch();
      }
    }
  }

  private static void insertHeader(Connection connection, Invoice saved, String content)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(Sql.INSERT_INVOICE)) {
      insert.setString(1, saved.tenant().value());
      insert.setString(2, saved.id().value());
      insert.setLong(3, saved.version());
      bindHeader(insert, 4, saved, content);
      insert.executeUpdate();
    } catch (SQLException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new DuplicateInvoiceException("Invoice id " + saved.id()
            + saved.number().map(n -> " or number " + n).orElse("")
            + " is already taken in tenant " + saved.tenant()
            + "; a new invoice needs a new id and an unused number");
      }
      throw e;
    }
  }

  private static void updateHeader(
      Connection connection, Invoice invoice, Invoice saved, String content) throws SQLException {
    int updated;
    try (PreparedStatement update = connection.prepareStatement(Sql.UPDATE_INVOICE)) {
      update.setLong(1, saved.version());
      int next = bindHeader(update, 2, saved, content);
      update.setString(next, invoice.tenant().value());
      update.setString(next + 1, invoice.id().value());
      update.setLong(next + 2, invoice.version());
      updated = update.executeUpdate();
    } catch (SQLException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new DuplicateInvoiceException("Invoice number " + invoice.number().orElse(null)
            + " is already used in tenant " + invoice.tenant() + "; numbers are unique, choose"
            + " another");
      }
      throw e;
    }
    if (updated == 0) {
      throw new StaleInvoiceException(invoice.id(), invoice.version(),
          currentVersion(connection, invoice.tenant(), invoice.id()));
    }
  }

  /** Binds status .. content from {@code index} on; returns the next free index. */
  private static int bindHeader(PreparedStatement statement, int index, Invoice invoice,
      String content) throws SQLException {
    int i = index;
    statement.setString(i++, invoice.status().name());
    setNullable(statement, i++, invoice.number().map(InvoiceNumber::value));
    statement.setString(i++, invoice.currency().getCode());
    statement.setObject(i++, invoice.invoiceDate());
    if (invoice.effectiveDueDate().isPresent()) {
      statement.setObject(i++, invoice.effectiveDueDate().get());
    } else {
      statement.setNull(i++, Types.DATE);
    }
    statement.setString(i++, invoice.account().value());
    setNullable(statement, i++, invoice.contact().map(ContactId::value));
    setNullable(statement, i++, invoice.opportunity().map(OpportunityId::value));
    statement.setBigDecimal(i++, invoice.totals().total().getAmount());
    statement.setBigDecimal(i++, invoice.totals().amountPaid().getAmount());
    statement.setBigDecimal(i++, invoice.totals().amountDue().getAmount());
    statement.setString(i++, content);
    return i;
  }

  private static long currentVersion(Connection connection, TenantId tenant, InvoiceId id)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(Sql.SELECT_VERSION)) {
      select.setString(1, tenant.value());
      select.setString(2, id.value());
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    }
  }

  private static void delete(Connection connection, String sql, Invoice invoice)
      throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(sql)) {
      delete.setString(1, invoice.tenant().value());
      delete.setString(2, invoice.id().value());
      delete.executeUpdate();
    }
  }

  private static void insertLines(Connection connection, Invoice invoice) throws SQLException {
    if (invoice.lines().isEmpty()) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(Sql.INSERT_LINE)) {
      bindLines(insert, invoice);
      insert.executeBatch();
    }
  }

  /** Adds the invoice's lines to a batch of {@link Sql#INSERT_LINE}. */
  private static void bindLines(PreparedStatement insert, Invoice invoice) throws SQLException {
    int lineNo = 0;
    for (LineItem line : invoice.lines()) {
      insert.setString(1, invoice.tenant().value());
      insert.setString(2, invoice.id().value());
      insert.setInt(3, ++lineNo);
      insert.setString(4, line.description());
      setNullable(insert, 5, line.product().map(ProductId::value));
      insert.setBigDecimal(6, line.quantity());
      insert.setBigDecimal(7, line.unitPrice().getAmount());
      insert.setBigDecimal(8, line.baseQuantity());
      insert.setString(9, line.taxCode().category().name());
      insert.setBigDecimal(10, line.taxCode().rate());
      insert.setString(11, InvoiceCodec.lineAllowanceCharges(line.allowanceCharges()));
      insert.addBatch();
    }
  }

  private static void insertPayments(Connection connection, Invoice invoice) throws SQLException {
    if (invoice.payments().isEmpty()) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(Sql.INSERT_PAYMENT)) {
      bindPayments(insert, invoice);
      insert.executeBatch();
    }
  }

  /** Adds the invoice's payments to a batch of {@link Sql#INSERT_PAYMENT}; true if it had any. */
  private static boolean bindPayments(PreparedStatement insert, Invoice invoice)
      throws SQLException {
    int seq = 0;
    for (Payment payment : invoice.payments()) {
      insert.setString(1, invoice.tenant().value());
      insert.setString(2, invoice.id().value());
      insert.setString(3, payment.id().value());
      insert.setInt(4, ++seq);
      insert.setString(5, payment.kind().name());
      insert.setBigDecimal(6, payment.amount().getAmount());
      insert.setObject(7, payment.date());
      setNullable(insert, 8, payment.method());
      setNullable(insert, 9, payment.reference());
      insert.addBatch();
    }
    return seq > 0;
  }

  private static void setNullable(PreparedStatement statement, int index, Optional<String> value)
      throws SQLException {
    if (value.isPresent()) {
      statement.setString(index, value.get());
    } else {
      statement.setNull(index, Types.VARCHAR);
    }
  }

  // ---- reads -----------------------------------------------------------------------------------

  @Override
  public Optional<Invoice> findById(TenantId tenant, InvoiceId id) {
    String tenantId = tenant.value();
    String invoiceId = id.value();
    return transactions.readOnce("load invoice " + id, connection -> loadOne(connection, tenant,
        Sql.SELECT_INVOICE_GRAPH_BY_ID, tenantId, invoiceId, tenantId, invoiceId, tenantId,
        invoiceId));
  }

  @Override
  public Optional<Invoice> findByNumber(TenantId tenant, InvoiceNumber number) {
    String tenantId = tenant.value();
    String value = number.value();
    return transactions.readOnce("load invoice number " + number, connection -> loadOne(connection,
        tenant, Sql.SELECT_INVOICE_GRAPH_BY_NUMBER, tenantId, value, tenantId, tenantId, value,
        tenantId, tenantId, value));
  }

  /**
   * Loads one invoice with its lines and payments by one statement of the invoice-graph kind
   * ({@link Sql#SELECT_INVOICE_GRAPH_BY_ID}): one round trip, and one consistent snapshot of the
   * three tables.
   */
  private static Optional<Invoice> loadOne(Connection connection, TenantId tenant, String sql,
      String... parameters) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setString(i + 1, parameters[i]);
      }
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next() || rs.getInt(1) != Sql.GRAPH_HEADER) {
          return Optional.empty();
        }
        Header header = new Header(rs.getString(4), rs.getLong(3),
            InvoiceStatus.valueOf(rs.getString(5)), rs.getString(6),
            CurrencyUnit.of(rs.getString(10)), rs.getObject(12, LocalDate.class),
            rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(11));
        CurrencyUnit currency = header.currency;
        List<LineItem> lines = new ArrayList<>();
        List<Payment> payments = new ArrayList<>();
        while (rs.next()) {
          if (rs.getInt(1) == Sql.GRAPH_LINE) {
            lines.add(line(header.id, currency, rs.getString(4), rs.getString(5),
                rs.getBigDecimal(14),
                rs.getBigDecimal(15), rs.getBigDecimal(16), rs.getString(6),
                rs.getBigDecimal(17), rs.getString(11)));
          } else {
            payments.add(new Payment.Builder()
                .id(PaymentId.of(rs.getString(4)))
                .kind(Payment.Kind.valueOf(rs.getString(5)))
                .amount(money(currency, rs.getBigDecimal(13)))
                .date(rs.getObject(12, LocalDate.class))
                .method(Optional.ofNullable(rs.getString(6)))
                .reference(Optional.ofNullable(rs.getString(7)))
                .build());
          }
        }
        return Optional.of(header.toInvoice(tenant, lines, payments));
      }
    }
  }

  @Override
  public Page<Invoice> findByAccount(TenantId tenant, AccountId account, PageRequest page) {
    return page(tenant, Sql.SELECT_INVOICES_BY_ACCOUNT, account.value(), page);
  }

  @Override
  public Page<Invoice> findByStatus(TenantId tenant, InvoiceStatus status, PageRequest page) {
    return page(tenant, Sql.SELECT_INVOICES_BY_STATUS, status.name(), page);
  }

  @Override
  public List<Invoice> findDueForOverdue(TenantId tenant, LocalDate today, int limit) {
    return transactions.withConnection("find invoices due for the overdue sweep", connection ->
        load(connection, tenant, Sql.SELECT_DUE_FOR_OVERDUE, Date.valueOf(today), limit));
  }

  @Override
  public List<MarkedOverdue> markOverdue(TenantId tenant, LocalDate today, int limit) {
    List<String> statuses = InvoiceLifecycle.allowedFrom(Action.MARK_OVERDUE).stream()
        .map(InvoiceStatus::name).sorted().toList();
    return transactions.withConnection("mark overdue invoices", connection -> {
      // The claim reads what the events need from the rows it locks: nothing else is loaded.
      List<Claimed> claimed = new ArrayList<>();
      for (String status : statuses) {
        if (claimed.size() == limit) {
          break;
        }
        claim(connection, tenant, status, today, limit - claimed.size(), claimed);
      }
      if (claimed.isEmpty()) {
        return List.of();
      }
      try (PreparedStatement mark = connection.prepareStatement(
          Sql.markOverdue(statuses.size(), claimed.size()))) {
        int i = 1;
        mark.setString(i++, tenant.value());
        for (Claimed row : claimed) {
          mark.setString(i++, row.id);
        }
        for (String status : statuses) {
          mark.setString(i++, status);
        }
        mark.setObject(i, today);
        int updated = mark.executeUpdate();
        if (updated != claimed.size()) {
          // Cannot happen while the claim's row locks hold; if a database lets it, the values
          // read would not be the ones stored, so roll back and let the caller try again.
          throw SqlErrors.retryable("The overdue sweep claimed " + claimed.size()
              + " invoices of tenant " + tenant + " but moved " + updated);
        }
      }
      List<MarkedOverdue> moved = new ArrayList<>(claimed.size());
      for (Claimed row : claimed) {
        moved.add(row.marked());
      }
      return moved;
    });
  }

  /**
   * Claims up to {@code limit} candidates in one status, adding them to {@code claimed}. One
   * status per query: with an equality on the status, the sweep index yields the candidates in
   * due-date order, so the claim reads about as many index entries as it returns and the planner
   * cannot prefer a table scan that hopes to meet candidates early.
   */
  private static void claim(Connection connection, TenantId tenant, String status,
      LocalDate today, int limit, List<Claimed> claimed) throws SQLException {
    try (PreparedStatement claim = connection.prepareStatement(Sql.CLAIM_OVERDUE_CANDIDATES)) {
      claim.setString(1, tenant.value());
      claim.setString(2, status);
      claim.setObject(3, today);
      claim.setInt(4, limit);
      try (ResultSet rs = claim.executeQuery()) {
        while (rs.next()) {
          claimed.add(Claimed.read(rs));
        }
      }
    }
  }

  /** A row locked by the overdue sweep's claim, with what its OVERDUE event carries. */
  private record Claimed(String id, long version, String number, CurrencyUnit currency,
      BigDecimal total, BigDecimal paid, BigDecimal due) {

    static Claimed read(ResultSet rs) throws SQLException {
      return new Claimed(
          rs.getString("invoice_id"),
          rs.getLong("version"),
          rs.getString("invoice_number"),
          CurrencyUnit.of(rs.getString("currency")),
          rs.getBigDecimal("total_amount"),
          rs.getBigDecimal("amount_paid"),
          rs.getBigDecimal("amount_due"));
    }

    /** As stored by the sweep's UPDATE, which adds one to the version and changes no amount. */
    MarkedOverdue marked() {
      return new MarkedOverdue(InvoiceId.of(id), InvoiceNumber.of(number), version + 1,
          money(currency, total), money(currency, paid), money(currency, due));
    }
  }

  private Page<Invoice> page(TenantId tenant, String sql, String filter, PageRequest page) {
    return transactions.withConnection("page invoices", connection -> {
      // Ask for one more than the page to know whether another page follows.
      List<Invoice> items = load(connection, tenant, sql, filter, page.afterKey().orElse(""),
          page.limit() + 1);
      if (items.size() > page.limit()) {
        List<Invoice> pageItems = items.subList(0, page.limit());
        return new Page<>(pageItems,
            Optional.of(pageItems.get(pageItems.size() - 1).id().value()));
      }
      return new Page<>(items, Optional.empty());
    });
  }

  /** Loads headers by a query whose first parameter is the tenant, then their lines and payments.
   * */
  private static List<Invoice> load(Connection connection, TenantId tenant, String sql,
      Object... parameters) throws SQLException {
    Map<String, Header> headers = new LinkedHashMap<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, tenant.value());
      for (int i = 0; i < parameters.length; i++) {
        select.setObject(i + 2, parameters[i]);
      }
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          Header header = Header.read(rs);
          headers.put(header.id, header);
        }
      }
    }
    if (headers.isEmpty()) {
      return List.of();
    }
    List<String> ids = new ArrayList<>(headers.keySet());
    Map<String, List<LineItem>> lines = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement(Sql.selectLines(ids.size()))) {
      bindIds(select, tenant, ids);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          String id = rs.getString("invoice_id");
          lines.computeIfAbsent(id, k -> new ArrayList<>())
              .add(readLine(rs, id, headers.get(id).currency));
        }
      }
    }
    Map<String, List<Payment>> payments = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement(Sql.selectPayments(ids.size()))) {
      bindIds(select, tenant, ids);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          String id = rs.getString("invoice_id");
          payments.computeIfAbsent(id, k -> new ArrayList<>())
              .add(readPayment(rs, headers.get(id).currency));
        }
      }
    }
    List<Invoice> invoices = new ArrayList<>(ids.size());
    for (Header header : headers.values()) {
      invoices.add(header.toInvoice(tenant, lines.getOrDefault(header.id, List.of()),
          payments.getOrDefault(header.id, List.of())));
    }
    return invoices;
  }

  private static void bindIds(PreparedStatement select, TenantId tenant, List<String> ids)
      throws SQLException {
    select.setString(1, tenant.value());
    for (int i = 0; i < ids.size(); i++) {
      select.setString(i + 2, ids.get(i));
    }
  }

  private static List<LineAllowanceCharge> lineAllowanceCharges(String invoiceId, String text,
      CurrencyUnit currency) {
    try {
      return InvoiceCodec.readLineAllowanceCharges(text, currency);
    } catch (MalformedJsonException e) {
      throw new InvoicePersistenceException("Invoice " + invoiceId
          + ": a line's stored allowances and charges are damaged (" + e.getMessage() + ")", e);
    }
  }

  private static LineItem readLine(ResultSet rs, String invoiceId, CurrencyUnit currency)
      throws SQLException {
    return line(invoiceId, currency, rs.getString("description"), rs.getString("product_id"),
        rs.getBigDecimal("quantity"), rs.getBigDecimal("unit_price"),
        rs.getBigDecimal("base_quantity"), rs.getString("tax_category"),
        rs.getBigDecimal("tax_rate"), rs.getString("allowance_charges"));
  }

  private static LineItem line(String invoiceId, CurrencyUnit currency, String description,
      String product,
      BigDecimal quantity, BigDecimal unitPrice, BigDecimal baseQuantity, String taxCategory,
      BigDecimal taxRate, String allowanceCharges) {
    // Columns pad decimals to their scale; handing the line its canonical form (as LineItem
    // normalizes it) spares the value a second build.
    BigDecimal price = canonical(unitPrice);
    if (price.scale() < currency.getDecimalPlaces()) {
      price = price.setScale(currency.getDecimalPlaces());
    }
    return new LineItem.Builder()
        .description(description)
        .product(product == null ? Optional.empty() : Optional.of(ProductId.of(product)))
        .quantity(canonical(quantity))
        .unitPrice(BigMoney.of(currency, price))
        .baseQuantity(canonical(baseQuantity))
        .taxCode(TaxCode.of(TaxCategory.valueOf(taxCategory), taxRate))
        .allowanceCharges(lineAllowanceCharges(invoiceId, allowanceCharges, currency))
        .build();
  }

  /** No trailing zeros and a scale of at least 0: the form LineItem keeps its decimals in. */
  private static BigDecimal canonical(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  private static Payment readPayment(ResultSet rs, CurrencyUnit currency) throws SQLException {
    return new Payment.Builder()
        .id(PaymentId.of(rs.getString("payment_id")))
        .kind(Payment.Kind.valueOf(rs.getString("kind")))
        .amount(money(currency, rs.getBigDecimal("amount")))
        .date(rs.getObject("payment_date", LocalDate.class))
        .method(Optional.ofNullable(rs.getString("method")))
        .reference(Optional.ofNullable(rs.getString("reference")))
        .build();
  }

  private static Money money(CurrencyUnit currency, BigDecimal stored) {
    // Columns keep 4 decimals; the currency's scale holds the value exactly.
    return Money.of(currency,
        stored.setScale(currency.getDecimalPlaces(), RoundingMode.UNNECESSARY));
  }

  /** The columns of one invoice row. */
  private record Header(String id, long version, InvoiceStatus status, String number,
      CurrencyUnit currency, LocalDate invoiceDate, String account, String contact,
      String opportunity, String content) {

    static Header read(ResultSet rs) throws SQLException {
      return new Header(
          rs.getString("invoice_id"),
          rs.getLong("version"),
          InvoiceStatus.valueOf(rs.getString("status")),
          rs.getString("invoice_number"),
          CurrencyUnit.of(rs.getString("currency")),
          rs.getObject("invoice_date", LocalDate.class),
          rs.getString("account_id"),
          rs.getString("contact_id"),
          rs.getString("opportunity_id"),
          rs.getString("content"));
    }

    Invoice toInvoice(TenantId tenant, List<LineItem> lines, List<Payment> payments) {
      Invoice.Builder builder = new Invoice.Builder();
      builder
          .id(InvoiceId.of(id))
          .tenant(tenant)
          .version(version)
          .status(status)
          .number(Optional.ofNullable(number).map(InvoiceNumber::of))
          .currency(currency)
          .invoiceDate(invoiceDate)
          .account(AccountId.of(account))
          .contact(Optional.ofNullable(contact).map(ContactId::of))
          .opportunity(Optional.ofNullable(opportunity).map(OpportunityId::of))
          .lines(lines)
          .payments(payments);
      try {
        InvoiceCodec.readContent(builder, content, currency);
      } catch (MalformedJsonException e) {
        throw new InvoicePersistenceException(
            "Invoice " + id + ": stored content is damaged (" + e.getMessage() + ")", e);
      }
      return builder.build();
    }
  }
}
