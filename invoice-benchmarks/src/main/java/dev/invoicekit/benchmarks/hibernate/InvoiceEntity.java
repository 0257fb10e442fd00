package dev.invoicekit.benchmarks.hibernate;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * An invoice row as a JPA entity on InvoiceKit's own table, the way a Hibernate user would map it:
 * an embedded key, a version for optimistic locking, the lines as a cascading one-to-many.
 *
 * <p>The key is assigned and the version starts at 1 (the schema refuses 0), so Hibernate cannot
 * tell a new entity from a detached one by its fields; {@link #isNew()} tells it, through the
 * interceptor {@link HibernateInvoices} installs, as a Hibernate user with assigned keys would.
 */
@Entity
@Table(name = "ik_invoice")
public class InvoiceEntity {

  @EmbeddedId
  private InvoiceKey key;

  @Version
  private Long version;

  private String status;

  @Column(name = "invoice_number")
  private String invoiceNumber;

  private String currency;

  @Column(name = "invoice_date")
  private LocalDate invoiceDate;

  @Column(name = "due_date")
  private LocalDate dueDate;

  @Column(name = "account_id")
  private String accountId;

  @Column(name = "contact_id")
  private String contactId;

  @Column(name = "opportunity_id")
  private String opportunityId;

  @Column(name = "total_amount")
  private BigDecimal totalAmount;

  @Column(name = "amount_paid")
  private BigDecimal amountPaid;

  @Column(name = "amount_due")
  private BigDecimal amountDue;

  private String content;

  @Transient
  private boolean isNew = true;

  @OneToMany(mappedBy = "invoice", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("key.lineNo")
  private List<LineEntity> lines = new ArrayList<>();

  /** For Hibernate. */
  protected InvoiceEntity() {}

  /**
   * Creates a new invoice entity, at version 1 as the other contenders store it.
   *
   * @param key the key
   */
  public InvoiceEntity(InvoiceKey key) {
    this.key = key;
    this.version = 1L;
  }

  /** @return true until the entity was persisted or loaded */
  public boolean isNew() {
    return isNew;
  }

  @PostPersist
  @PostLoad
  void markStored() {
    isNew = false;
  }

  /** @return the key */
  public InvoiceKey key() {
    return key;
  }

  /** @return the lines, in order */
  public List<LineEntity> lines() {
    return lines;
  }

  /**
   * Adds a line and links it back to this invoice.
   *
   * @param line the line
   */
  public void addLine(LineEntity line) {
    line.invoice(this);
    lines.add(line);
  }

  /**
   * Sets the header columns.
   *
   * @param status the status name
   * @param invoiceNumber the number, or null
   * @param currency the currency code
   * @param invoiceDate the invoice date
   * @param dueDate the due date, or null
   * @param accountId the account
   * @param contactId the contact, or null
   * @param opportunityId the opportunity, or null
   * @param totalAmount the total
   * @param amountPaid the amount paid
   * @param amountDue the amount due
   * @param content the JSON content
   * @return this entity
   */
  public InvoiceEntity header(String status, String invoiceNumber, String currency,
      LocalDate invoiceDate, LocalDate dueDate, String accountId, String contactId,
      String opportunityId, BigDecimal totalAmount, BigDecimal amountPaid, BigDecimal amountDue,
      String content) {
    this.status = status;
    this.invoiceNumber = invoiceNumber;
    this.currency = currency;
    this.invoiceDate = invoiceDate;
    this.dueDate = dueDate;
    this.accountId = accountId;
    this.contactId = contactId;
    this.opportunityId = opportunityId;
    this.totalAmount = totalAmount;
    this.amountPaid = amountPaid;
    this.amountDue = amountDue;
    this.content = content;
    return this;
  }

  /** @return the total */
  public BigDecimal totalAmount() {
    return totalAmount;
  }

  /** @return the status name */
  public String status() {
    return status;
  }
}
