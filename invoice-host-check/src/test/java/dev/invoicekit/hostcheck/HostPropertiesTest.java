package dev.invoicekit.hostcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.invoice.Invoice;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** A host's property test on the testkit's generators, compiled with -Xlint:all -Werror. */
class HostPropertiesTest {

  @Property(tries = 20)
  void anyGeneratedInvoiceTotalsInItsOwnCurrency(@ForAll Invoice invoice) {
    assertThat(invoice.totals().total().getCurrencyUnit()).isEqualTo(invoice.currency());
  }
}
