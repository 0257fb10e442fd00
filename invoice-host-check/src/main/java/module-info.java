/** A host of InvoiceKit on the module path; it names the adapter only (core comes with it). */
module dev.invoicekit.hostcheck {
  requires dev.invoicekit.jdbc;
}
