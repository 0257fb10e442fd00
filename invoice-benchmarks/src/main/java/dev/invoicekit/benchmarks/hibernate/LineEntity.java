package dev.invoicekit.benchmarks.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinColumns;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** A line row as a JPA entity on InvoiceKit's own table. */
@Entity
@Table(name = "ik_invoice_line")
public class LineEntity {

  @EmbeddedId
  private LineKey key;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumns({
      @JoinColumn(name = "tenant_id", referencedColumnName = "tenant_id",
          insertable = false, updatable = false),
      @JoinColumn(name = "invoice_id", referencedColumnName = "invoice_id",
          insertable = false, updatable = false)})
  private InvoiceEntity invoice;

  private String description;

  @Column(name = "product_id")
  private String productId;

  private BigDecimal quantity;

  @Column(name = "unit_price")
  private BigDecimal unitPrice;

  @Column(name = "base_quantity")
  private BigDecimal baseQuantity;

  @Column(name = "tax_category")
  private String taxCategory;

  @Column(name = "tax_rate")
  private BigDecimal taxRate;

  @Column(name = "allowance_charges")
  private String allowanceCharges;

  /** For Hibernate. */
  protected LineEntity() {}

  /**
   * Creates a line.
   *
   * @param key the key
   * @param description the description
   * @param productId the product, or null
   * @param quantity the quantity
   * @param unitPrice the unit price
   * @param baseQuantity the base quantity
   * @param taxCategory the tax category code
   * @param taxRate the tax rate
   * @param allowanceCharges the JSON of its allowances and charges
   */
  public LineEntity(LineKey key, String description, String productId, BigDecimal quantity,
      BigDecimal unitPrice, BigDecimal baseQuantity, String taxCategory, BigDecimal taxRate,
      String allowanceCharges) {
    this.key = key;
    this.description = description;
    this.productId = productId;
    this.quantity = quantity;
    this.unitPrice = unitPrice;
    this.baseQuantity = baseQuantity;
    this.taxCategory = taxCategory;
    this.taxRate = taxRate;
    this.allowanceCharges = allowanceCharges;
  }

  void invoice(InvoiceEntity invoice) {
    this.invoice = invoice;
  }

  /** @return the key */
  public LineKey key() {
    return key;
  }

  /** @return the description */
  public String description() {
    return description;
  }

  /** @return the quantity */
  public BigDecimal quantity() {
    return quantity;
  }

  /** @return the unit price */
  public BigDecimal unitPrice() {
    return unitPrice;
  }
}
