-- An owner's statement (newest first, paged by transfer id) reads transfers by account on either side.
CREATE INDEX ix_ledger_transfers_debit ON ledger_transfers (debit_account_id, id);
CREATE INDEX ix_ledger_transfers_credit ON ledger_transfers (credit_account_id, id);
