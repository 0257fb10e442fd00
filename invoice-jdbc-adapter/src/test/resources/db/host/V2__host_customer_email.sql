-- The host's second migration: the same version numbers as the adapter's, in another history.
ALTER TABLE host_customer ADD COLUMN email VARCHAR(200);
