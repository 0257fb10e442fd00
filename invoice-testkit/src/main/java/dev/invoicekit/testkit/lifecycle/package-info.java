/**
 * The lifecycle's stateful check as a reusable runner: random {@link
 * dev.invoicekit.testkit.lifecycle.LifecycleCommand} sequences (legal and illegal commands mixed)
 * against an {@link dev.invoicekit.service.InvoiceService} on any ports, with the lifecycle's
 * invariants checked on the committed state after every step.
 *
 * <p>A host that implements the ports itself implements {@link
 * dev.invoicekit.testkit.lifecycle.LifecycleTarget} (its ports, and read access to what they
 * committed), and runs {@link dev.invoicekit.testkit.lifecycle.LifecycleChecker} from a jqwik
 * property over {@link dev.invoicekit.testkit.lifecycle.LifecycleCommands#sequences()} (shrinking
 * a failure to a short sequence) or from a plain test with {@link
 * dev.invoicekit.testkit.lifecycle.LifecycleChecker#runSeeded}. Storage-level audits plug in as
 * {@link dev.invoicekit.testkit.lifecycle.LifecycleCheck}. The in-memory ports and the JDBC adapter
 * on H2, PostgreSQL and MariaDB pass the same checker.
 */
package dev.invoicekit.testkit.lifecycle;
