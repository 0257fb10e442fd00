package dev.invoicekit.jdbc;

import static dev.invoicekit.testkit.contract.SampleInvoices.TENANT;
import static dev.invoicekit.testkit.contract.SampleInvoices.payment;
import static dev.invoicekit.testkit.contract.SampleInvoices.sent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.jdbc.testing.CountingDataSource;
import dev.invoicekit.jdbc.testing.JdbcDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A save writes what changed: payments are appended, never deleted and inserted again. */
class JdbcSaveCostTest {

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aSaveAfterOneNewPaymentInsertsOnePaymentRowAndDeletesOrUpdatesNone(
      JdbcDatabase database) {
    CountingDataSource counting = new CountingDataSource(database.create());
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(counting.dataSource()));
    List<Payment> paid = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      paid.add(payment("pay-" + i, "1.00"));
    }
    Invoice stored = invoices.save(sent(TENANT, "inv-1", "INV-1").withPayments(paid)
        .withStatus(InvoiceStatus.PARTIALLY_PAID));
    paid.add(payment("pay-6", "2.00"));
    counting.reset();

    Invoice saved = invoices.save(stored.withPayments(paid));

    assertThat(counting.rowsWritten("INSERT INTO ik_payment")).isEqualTo(1);
    assertThat(counting.preparedSql())
        .noneMatch(sql -> sql.startsWith("DELETE FROM ik_payment"))
        .noneMatch(sql -> sql.startsWith("UPDATE ik_payment"));
    // The header's update, the read of the stored payments, the insert: as many statements as the
    // update, delete and insert it replaces.
    assertThat(counting.preparedStatements()).isEqualTo(3);
    assertThat(invoices.findById(TENANT, stored.id())).contains(saved);
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aSaveWithoutANewPaymentWritesNoPaymentRow(JdbcDatabase database) {
    CountingDataSource counting = new CountingDataSource(database.create());
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(counting.dataSource()));
    Invoice stored = invoices.save(sent(TENANT, "inv-1", "INV-1")
        .withPayments(payment("pay-1", "1.00")).withStatus(InvoiceStatus.PARTIALLY_PAID));
    counting.reset();

    Invoice saved = invoices.save(stored.withStatus(InvoiceStatus.OVERDUE));

    assertThat(counting.rowsWritten("INSERT INTO ik_payment")).isZero();
    assertThat(counting.preparedSql()).noneMatch(sql -> sql.contains("ik_payment")
        && !sql.startsWith("SELECT"));
    assertThat(counting.preparedStatements()).isEqualTo(2);
    assertThat(invoices.findById(TENANT, stored.id())).contains(saved);
  }
}
