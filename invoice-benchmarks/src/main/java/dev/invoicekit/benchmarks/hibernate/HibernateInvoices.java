package dev.invoicekit.benchmarks.hibernate;

import dev.invoicekit.benchmarks.baseline.JsonColumns;
import dev.invoicekit.invoice.ContactId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.OpportunityId;
import dev.invoicekit.invoice.ProductId;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.Interceptor;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

/**
 * Hibernate ORM 6 on the shared pool, configured as a careful user would for writes: JDBC batches
 * of 50 with ordered inserts, no schema generation, no SQL logging. The contender "Hibernate
 * persisting equivalent entities" of P4 and P5.
 *
 * <p>Thread-safe; close it when done.
 */
public final class HibernateInvoices implements AutoCloseable {

  private final StandardServiceRegistry registry;
  private final SessionFactory sessions;

  /**
   * Boots Hibernate on a data source.
   *
   * @param pool the shared pool
   */
  // DATASOURCE is deprecated in favour of the JPA names, but native bootstrap (this registry, no
  // persistence unit) still reads only hibernate.connection.datasource in 6.6.
  @SuppressWarnings("deprecation")
  public HibernateInvoices(DataSource pool) {
    registry = new StandardServiceRegistryBuilder()
        .applySetting(AvailableSettings.DATASOURCE, pool)
        .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, 50)
        .applySetting(AvailableSettings.ORDER_INSERTS, true)
        .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
        .applySetting(AvailableSettings.SHOW_SQL, false)
        .build();
    sessions = new MetadataSources(registry)
        .addAnnotatedClass(InvoiceEntity.class)
        .addAnnotatedClass(LineEntity.class)
        .buildMetadata()
        .getSessionFactoryBuilder()
        .applyInterceptor(new Interceptor() {
          @Override
          public Boolean isTransient(Object entity) {
            return entity instanceof InvoiceEntity invoice ? invoice.isNew() : null;
          }
        })
        .build();
  }

  /**
   * The entity a Hibernate application would have for an invoice.
   *
   * @param invoice the invoice
   * @param json its JSON columns
   * @return a new, transient entity with its lines
   */
  public static InvoiceEntity entity(Invoice invoice, JsonColumns json) {
    String tenant = invoice.tenant().value();
    String id = invoice.id().value();
    InvoiceEntity entity = new InvoiceEntity(new InvoiceKey(tenant, id)).header(
        invoice.status().name(),
        invoice.number().map(InvoiceNumber::value).orElse(null),
        invoice.currency().getCode(),
        invoice.invoiceDate(),
        invoice.effectiveDueDate().orElse(null),
        invoice.account().value(),
        invoice.contact().map(ContactId::value).orElse(null),
        invoice.opportunity().map(OpportunityId::value).orElse(null),
        invoice.totals().total().getAmount(),
        invoice.totals().amountPaid().getAmount(),
        invoice.totals().amountDue().getAmount(),
        json.content());
    List<LineItem> lines = invoice.lines();
    for (int i = 0; i < lines.size(); i++) {
      LineItem line = lines.get(i);
      entity.addLine(new LineEntity(new LineKey(tenant, id, i + 1), line.description(),
          line.product().map(ProductId::value).orElse(null), line.quantity(),
          line.unitPrice().getAmount(), line.baseQuantity(), line.taxCode().category().name(),
          line.taxCode().rate(), json.lineAllowanceCharges()[i]));
    }
    return entity;
  }

  /**
   * Persists an invoice with its lines in one transaction.
   *
   * @param invoice the invoice
   * @param json its JSON columns
   */
  public void persist(Invoice invoice, JsonColumns json) {
    InvoiceEntity entity = entity(invoice, json);
    try (Session session = sessions.openSession()) {
      Transaction transaction = session.beginTransaction();
      try {
        session.persist(entity);
        transaction.commit();
      } catch (RuntimeException e) {
        transaction.rollback();
        throw e;
      }
    }
  }

  /**
   * Loads an invoice with its lines by id, with one join-fetch query in a read-only transaction.
   *
   * @param tenant the tenant id
   * @param id the invoice id
   * @return the entity with its lines loaded, or null
   */
  public InvoiceEntity load(String tenant, String id) {
    try (Session session = sessions.openSession()) {
      session.setDefaultReadOnly(true);
      Transaction transaction = session.beginTransaction();
      try {
        InvoiceEntity entity = session.createSelectionQuery(
                "select i from InvoiceEntity i left join fetch i.lines where i.key = :key",
                InvoiceEntity.class)
            .setParameter("key", new InvoiceKey(tenant, id))
            .getSingleResultOrNull();
        transaction.commit();
        return entity;
      } catch (RuntimeException e) {
        transaction.rollback();
        throw e;
      }
    }
  }

  @Override
  public void close() {
    sessions.close();
    StandardServiceRegistryBuilder.destroy(registry);
  }
}
