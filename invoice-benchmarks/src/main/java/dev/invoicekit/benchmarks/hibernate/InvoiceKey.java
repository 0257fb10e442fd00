package dev.invoicekit.benchmarks.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.util.Objects;

/** The key of an invoice row: tenant and invoice id. */
@Embeddable
public class InvoiceKey implements Serializable {

  private static final long serialVersionUID = 1L;

  @Column(name = "tenant_id")
  private String tenantId;

  @Column(name = "invoice_id")
  private String invoiceId;

  /** For Hibernate. */
  protected InvoiceKey() {}

  /**
   * Creates a key.
   *
   * @param tenantId the tenant
   * @param invoiceId the invoice
   */
  public InvoiceKey(String tenantId, String invoiceId) {
    this.tenantId = tenantId;
    this.invoiceId = invoiceId;
  }

  /** @return the tenant id */
  public String tenantId() {
    return tenantId;
  }

  /** @return the invoice id */
  public String invoiceId() {
    return invoiceId;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InvoiceKey key && key.tenantId.equals(tenantId)
        && key.invoiceId.equals(invoiceId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tenantId, invoiceId);
  }
}
