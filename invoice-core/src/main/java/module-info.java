/**
 * InvoiceKit core: invoice values, EN 16931 calculators, the lifecycle, the service and its ports,
 * with in-memory implementations of the ports.
 *
 * <p>Joda-Money is part of the API (amounts are {@code Money}), so a host that reads this module
 * reads it too. SLF4J is used, not exposed; Immutables is needed at compile time only. Packages
 * named {@code internal} are not exported, except to the JDBC adapter.
 */
// Immutables' annotations jar has no module descriptor (an automatic module) and is needed to
// compile core only. The adapter, named in a qualified export, is not in core's build.
@SuppressWarnings({"requires-automatic", "module"})
module dev.invoicekit.core {
  requires transitive org.joda.money;
  requires org.slf4j;
  requires static org.immutables.value.annotations;

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

  // SameContentCopies: the adapter copies a saved invoice (a new version) without computing its
  // totals again.
  exports dev.invoicekit.internal to
      dev.invoicekit.jdbc;
}
