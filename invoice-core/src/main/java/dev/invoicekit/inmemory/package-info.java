/**
 * In-memory implementations of every port, for prototypes and tests without a database: one
 * {@link dev.invoicekit.inmemory.InMemoryTransactions} that all of them join, so a failed command
 * rolls back every port at once. {@link dev.invoicekit.inmemory.InMemoryPorts} wires a full set.
 *
 * <p>Thread-safe; transactions run one at a time, which is right for tests and prototypes and
 * wrong for production load.
 */
@InvoiceKitStyle
package dev.invoicekit.inmemory;

import dev.invoicekit.internal.InvoiceKitStyle;
