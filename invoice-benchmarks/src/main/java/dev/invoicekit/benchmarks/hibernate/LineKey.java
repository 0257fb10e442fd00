package dev.invoicekit.benchmarks.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.util.Objects;

/** The key of a line row: tenant, invoice id and position. */
@Embeddable
public class LineKey implements Serializable {

  private static final long serialVersionUID = 1L;

  @Column(name = "tenant_id")
  private String tenantId;

  @Column(name = "invoice_id")
  private String invoiceId;

  @Column(name = "line_no")
  private int lineNo;

  /** For Hibernate. */
  protected LineKey() {}

  /**
   * Creates a key.
   *
   * @param tenantId the tenant
   * @param invoiceId the invoice
   * @param lineNo the position, from 1
   */
  public LineKey(String tenantId, String invoiceId, int lineNo) {
    this.tenantId = tenantId;
    this.invoiceId = invoiceId;
    this.lineNo = lineNo;
  }

  /** @return the position, from 1 */
  public int lineNo() {
    return lineNo;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LineKey key && key.tenantId.equals(tenantId)
        && key.invoiceId.equals(invoiceId) && key.lineNo == lineNo;
  }

  @Override
  public int hashCode() {
    return Objects.hash(tenantId, invoiceId, lineNo);
  }
}
