/**
 * InvoiceKit core: invoice values, EN 16931 calculators, the lifecycle, the service and its ports,
 * with in-memory implementations of the ports.
 *
 * <p>Joda-Money is part of the API (amounts are {@code Money}), so a host that reads this module
 * reads it too. SLF4J is used, not exposed; Immutables is needed at compile time only. The package
 * named {@code internal} is not exported.
 */
// Immutables' annotations jar has no module descriptor (an automatic module) and is needed to
// compile core only.
@SuppressWarnings("requires-automatic")
module dev.invoicekit.core {
  requires transitive org.joda.money;
  requires org.slf4j;
  requires static org.immutables.value.annotations;

  exports dev.invoicekit.credit;
  exports dev.invoicekit.events;
  exports dev.invoicekit.inmemory;
  exports dev.invoicekit.invoice;
  exports dev.invoicekit.lifecycle;
  exports dev.invoicekit.money;
  exports dev.invoicekit.numbering;
  exports dev.invoicekit.opportunity;
  exports dev.invoicekit.ports;
  exports dev.invoicekit.service;
  exports dev.invoicekit.tax;
  exports dev.invoicekit.totals;

}
