/**
 * Contract test suites for the ports a host may implement itself: {@link
 * dev.invoicekit.testkit.contract.InvoicesContract} for the repository, {@link
 * dev.invoicekit.testkit.contract.InvoiceNumberingContract} for gapless numbering and {@link
 * dev.invoicekit.testkit.contract.InvoiceEventsContract} for the notification port. They are the
 * same suites the in-memory ports and the JDBC adapter pass on H2, PostgreSQL and MariaDB.
 *
 * <p>To run one against an implementation, extend it in the host's test sources and implement its
 * factory method, which returns a fresh implementation together with the
 * {@link dev.invoicekit.ports.Transactions} it takes part in. The suites use JUnit Jupiter, jqwik
 * and AssertJ; the host's build needs the JUnit Jupiter engine (and jqwik, which this module
 * brings) on its test runtime. Implementations that cannot run somewhere (a database that is not
 * configured) abort the factory method with JUnit's {@code Assumptions}, saying why.
 */
package dev.invoicekit.testkit.contract;
