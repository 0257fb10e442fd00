package dev.invoicekit.jdbc.contract;

import dev.invoicekit.credit.CreditEvent;
import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.jdbc.JdbcOutbox;
import dev.invoicekit.jdbc.JdbcTransactions;
import dev.invoicekit.jdbc.OutboxRelay;
import dev.invoicekit.ports.InvoiceEvents;
import dev.invoicekit.testkit.contract.InvoiceEventsContract;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/**
 * The notification contract on the JDBC outbox: what is observed is what an {@link OutboxRelay}
 * delivers to a recording target, invoice and credit events alike. Subclasses give the database.
 */
abstract class OutboxEventsContract extends InvoiceEventsContract {

  /** Far after every event of the contract, so all of them are due. */
  private static final Clock LATER = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"),
      ZoneOffset.UTC);

  private final List<InvoiceEvent> delivered = Collections.synchronizedList(new ArrayList<>());
  private final List<CreditEvent> deliveredCredit =
      Collections.synchronizedList(new ArrayList<>());
  private OutboxRelay relay;

  /** A new, empty database with the schema; may abort the test when it is not configured. */
  protected abstract DataSource freshDatabase();

  @Override
  protected Events newEvents() {
    JdbcTransactions transactions = JdbcTransactions.of(freshDatabase());
    relay = new OutboxRelay(transactions, new InvoiceEvents() {
      @Override
      public void publish(InvoiceEvent event) {
        delivered.add(event);
      }

      @Override
      public void publish(CreditEvent event) {
        deliveredCredit.add(event);
      }
    }, LATER);
    return new Events(new JdbcOutbox(transactions), transactions);
  }

  @Override
  protected List<InvoiceEvent> observed() {
    relay.relayUntilEmpty(100);
    synchronized (delivered) {
      return List.copyOf(delivered);
    }
  }

  @Override
  protected List<CreditEvent> observedCreditEvents() {
    relay.relayUntilEmpty(100);
    synchronized (deliveredCredit) {
      return List.copyOf(deliveredCredit);
    }
  }
}
