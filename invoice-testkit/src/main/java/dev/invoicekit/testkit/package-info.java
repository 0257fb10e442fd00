/**
 * jqwik generators of valid invoices, in-memory port implementations and port contract tests for
 * hosts' property-based suites. Not yet implemented: this module only reserves its coordinates.
 */
package dev.invoicekit.testkit;
