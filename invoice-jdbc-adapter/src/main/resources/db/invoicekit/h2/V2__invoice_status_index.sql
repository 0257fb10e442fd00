-- InvoiceKit schema, version 2. Flyway applies it after V1; SchemaInstaller does the same.
-- Invoices.findByStatus pages through one status by id (Sql.SELECT_INVOICES_BY_STATUS): this index
-- gives the rows in that order, so a page reads only its rows instead of sorting every invoice of
-- the status. (ik_invoice_sweep leads with the same columns, then due_date: it cannot.)
CREATE INDEX ik_invoice_status ON ik_invoice (tenant_id, status, invoice_id);
