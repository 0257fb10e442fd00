-- InvoiceKit schema, version 3: corrections after sending. Flyway applies it after V2;
-- SchemaInstaller does the same.
-- Every key and index leads with the tenant, as in V1.

-- A written-off invoice is UNCOLLECTIBLE. MariaDB keeps V1's column check with the column, where
-- no DROP CONSTRAINT reaches it: redefining the column without it drops it. MySQL 8 made it a table
-- constraint with a generated name instead: that one is found by its text (the only check of the
-- table that names 'VOID') and dropped; on MariaDB the lookup finds nothing and runs a no-op. The
-- new check gets a name of its own, so a later script can replace it by name.
ALTER TABLE ik_invoice MODIFY status VARCHAR(16) NOT NULL;
SET @ik_v3_drop = COALESCE((SELECT CONCAT('ALTER TABLE ik_invoice DROP CONSTRAINT `', tc.CONSTRAINT_NAME, '`') FROM information_schema.TABLE_CONSTRAINTS tc JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME WHERE tc.TABLE_SCHEMA = DATABASE() AND tc.TABLE_NAME = 'ik_invoice' AND tc.CONSTRAINT_TYPE = 'CHECK' AND cc.CHECK_CLAUSE LIKE '%VOID%' LIMIT 1), 'DO 0');
PREPARE ik_v3_drop FROM @ik_v3_drop;
EXECUTE ik_v3_drop;
DEALLOCATE PREPARE ik_v3_drop;
ALTER TABLE ik_invoice ADD CONSTRAINT ik_invoice_status_known CHECK (status IN ('DRAFT', 'SENT', 'PARTIALLY_PAID', 'PAID', 'OVERDUE', 'UNCOLLECTIBLE', 'CANCELLED', 'VOID'));
-- How many settlements the invoice has: a page of invoices reads ik_settlement only when one of
-- them has any, and a save reads the stored settlements only when the invoice carries some.
ALTER TABLE ik_invoice ADD COLUMN settlement_count INTEGER DEFAULT 0 NOT NULL CHECK (settlement_count >= 0);

-- What changed an invoice's balance besides payments: a credit note's part, account credit
-- applied, a write-off and its reversal. Append-only, like ik_payment.
CREATE TABLE ik_settlement (
  tenant_id           VARCHAR(100)   NOT NULL,
  invoice_id          VARCHAR(100)   NOT NULL,
  settlement_id       VARCHAR(100)   NOT NULL,
  seq                 INTEGER        NOT NULL CHECK (seq > 0),
  kind                VARCHAR(20)    NOT NULL CHECK (kind IN ('CREDIT_NOTE', 'ACCOUNT_CREDIT', 'WRITE_OFF', 'WRITE_OFF_REVERSAL')),
  amount              NUMERIC(19, 4) NOT NULL CHECK (amount > 0),
  settlement_date     DATE           NOT NULL,
  reference           VARCHAR(100),
  reason              VARCHAR(1000),
  PRIMARY KEY (tenant_id, invoice_id, settlement_id),
  CONSTRAINT ik_settlement_seq_unique UNIQUE (tenant_id, invoice_id, seq),
  CONSTRAINT ik_settlement_invoice FOREIGN KEY (tenant_id, invoice_id) REFERENCES ik_invoice (tenant_id, invoice_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Credit notes: a document of their own, numbered from their own series once issued. The content
-- column holds what has no column (as ik_invoice.content does); the lines are rows.
CREATE TABLE ik_credit_note (
  tenant_id           VARCHAR(100)   NOT NULL,
  credit_note_id      VARCHAR(100)   NOT NULL,
  version             BIGINT         NOT NULL CHECK (version > 0),
  status              VARCHAR(16)    NOT NULL CHECK (status IN ('DRAFT', 'ISSUED', 'CANCELLED')),
  credit_note_number  VARCHAR(100),
  invoice_id          VARCHAR(100)   NOT NULL,
  invoice_number      VARCHAR(100)   NOT NULL,
  invoice_date        DATE           NOT NULL,
  account_id          VARCHAR(100)   NOT NULL,
  currency            CHAR(3)        NOT NULL,
  note_date           DATE           NOT NULL,
  reason              VARCHAR(1000)  NOT NULL,
  kind                VARCHAR(16)    NOT NULL CHECK (kind IN ('LINES', 'AMOUNTS', 'WHOLE_INVOICE')),
  total_amount        NUMERIC(19, 4) NOT NULL,
  applied_amount      NUMERIC(19, 4) CHECK (applied_amount >= 0),
  refunded_amount     NUMERIC(19, 4) CHECK (refunded_amount >= 0),
  account_credit_amount NUMERIC(19, 4) CHECK (account_credit_amount >= 0),
  content             MEDIUMTEXT     NOT NULL,
  PRIMARY KEY (tenant_id, credit_note_id),
  CONSTRAINT ik_credit_note_number_unique UNIQUE (tenant_id, credit_note_number),
  CONSTRAINT ik_credit_note_issued CHECK ((status = 'ISSUED' AND credit_note_number IS NOT NULL AND applied_amount IS NOT NULL AND refunded_amount IS NOT NULL AND account_credit_amount IS NOT NULL AND applied_amount + refunded_amount + account_credit_amount = total_amount) OR (status <> 'ISSUED' AND credit_note_number IS NULL AND applied_amount IS NULL AND refunded_amount IS NULL AND account_credit_amount IS NULL)),
  CONSTRAINT ik_credit_note_invoice FOREIGN KEY (tenant_id, invoice_id) REFERENCES ik_invoice (tenant_id, invoice_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- CreditNotes.findByInvoice: the notes of one invoice in id order.
CREATE INDEX ik_credit_note_by_invoice ON ik_credit_note (tenant_id, invoice_id, credit_note_id);

-- The credit note's lines, as ik_invoice_line holds an invoice's.
CREATE TABLE ik_credit_note_line (
  tenant_id           VARCHAR(100)   NOT NULL,
  credit_note_id      VARCHAR(100)   NOT NULL,
  line_no             INTEGER        NOT NULL CHECK (line_no > 0),
  description         VARCHAR(1000)  NOT NULL,
  product_id          VARCHAR(100),
  quantity            NUMERIC(22, 6) NOT NULL,
  unit_price          NUMERIC(28, 10) NOT NULL CHECK (unit_price >= 0),
  base_quantity       NUMERIC(22, 6) NOT NULL CHECK (base_quantity > 0),
  tax_category        VARCHAR(2)     NOT NULL,
  tax_rate            NUMERIC(9, 4)  NOT NULL,
  allowance_charges   MEDIUMTEXT     NOT NULL,
  PRIMARY KEY (tenant_id, credit_note_id, line_no),
  CONSTRAINT ik_credit_note_line_note FOREIGN KEY (tenant_id, credit_note_id) REFERENCES ik_credit_note (tenant_id, credit_note_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Which invoice lines a credit note of kind LINES credits, and how much of each, in its order.
CREATE TABLE ik_credited_line (
  tenant_id           VARCHAR(100)   NOT NULL,
  credit_note_id      VARCHAR(100)   NOT NULL,
  seq                 INTEGER        NOT NULL CHECK (seq > 0),
  invoice_line_no     INTEGER        NOT NULL,
  quantity            NUMERIC(22, 6) NOT NULL,
  PRIMARY KEY (tenant_id, credit_note_id, seq),
  CONSTRAINT ik_credited_line_note FOREIGN KEY (tenant_id, credit_note_id) REFERENCES ik_credit_note (tenant_id, credit_note_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The account-credit ledger. One row per account holds the last sequence of its entries (across
-- currencies); an append updates it first, so the row's lock serializes the appends of one
-- account, in every application instance.
CREATE TABLE ik_account_credit (
  tenant_id           VARCHAR(100)   NOT NULL,
  account_id          VARCHAR(100)   NOT NULL,
  last_sequence       BIGINT         NOT NULL CHECK (last_sequence > 0),
  PRIMARY KEY (tenant_id, account_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The balance per account and currency, moved by each entry under a guard in the UPDATE's WHERE
-- clause; the CHECK is the last line behind it.
CREATE TABLE ik_account_credit_balance (
  tenant_id           VARCHAR(100)   NOT NULL,
  account_id          VARCHAR(100)   NOT NULL,
  currency            CHAR(3)        NOT NULL,
  balance             NUMERIC(19, 4) NOT NULL CHECK (balance >= 0),
  PRIMARY KEY (tenant_id, account_id, currency)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The entries, append-only: never updated or deleted.
CREATE TABLE ik_account_credit_entry (
  tenant_id           VARCHAR(100)   NOT NULL,
  entry_id            VARCHAR(100)   NOT NULL,
  account_id          VARCHAR(100)   NOT NULL,
  seq                 BIGINT         NOT NULL CHECK (seq > 0),
  kind                VARCHAR(16)    NOT NULL CHECK (kind IN ('OVERPAYMENT', 'CREDIT_NOTE', 'APPLIED', 'REFUNDED')),
  currency            CHAR(3)        NOT NULL,
  amount              NUMERIC(19, 4) NOT NULL CHECK (amount > 0),
  balance_after       NUMERIC(19, 4) NOT NULL CHECK (balance_after >= 0),
  entry_date          DATE           NOT NULL,
  invoice_id          VARCHAR(100),
  credit_note_id      VARCHAR(100),
  reason              VARCHAR(1000),
  PRIMARY KEY (tenant_id, entry_id),
  CONSTRAINT ik_account_credit_entry_seq_unique UNIQUE (tenant_id, account_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The outbox carries the events of credit notes and of the ledger too. invoice_id and
-- invoice_version keep their V1 names (hosts and tools read them) and hold the subject's id and
-- version: the invoice's, the credit note's, or the account's and its ledger sequence.
ALTER TABLE ik_outbox ADD COLUMN subject_kind VARCHAR(16) DEFAULT 'INVOICE' NOT NULL CHECK (subject_kind IN ('INVOICE', 'CREDIT_NOTE', 'ACCOUNT_CREDIT'));
ALTER TABLE ik_outbox DROP INDEX ik_outbox_one_per_version;
ALTER TABLE ik_outbox ADD CONSTRAINT ik_outbox_one_per_subject_version UNIQUE (tenant_id, subject_kind, invoice_id, invoice_version);
