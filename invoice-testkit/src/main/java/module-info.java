/**
 * The InvoiceKit testkit: jqwik generators of valid invoices, port contract suites and the
 * lifecycle checker, for hosts' tests.
 *
 * <p>Core, jqwik's API and JUnit Jupiter's API are part of the API (arbitraries, contract classes a
 * host extends), so a host that reads this module reads them too. Open, as test code is: JUnit and
 * jqwik reflect on the contract classes a host's tests inherit.
 */
open module dev.invoicekit.testkit {
  requires transitive dev.invoicekit.core;
  requires transitive net.jqwik.api;
  requires transitive org.junit.jupiter.api;
  requires org.assertj.core;

  exports dev.invoicekit.testkit;
  exports dev.invoicekit.testkit.contract;
  exports dev.invoicekit.testkit.lifecycle;

  // "@ForAll Invoice invoice just works", on the module path too.
  provides net.jqwik.api.providers.ArbitraryProvider with
      dev.invoicekit.testkit.InvoiceKitArbitraryProvider;
}
