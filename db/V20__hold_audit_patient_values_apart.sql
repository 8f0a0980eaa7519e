-- Patient values of audit events held apart, so that retention can remove them without breaking the hash chain
-- (audit.AuditService, audit.AuditChain). For an event that records patient details (the identifiers, name, date of
-- birth, summary and details of an item as captured, corrected or merged), patient_changes holds those fields' old and
-- new values with a random nonce, as JSON, and patient_digest its SHA-256 (hex); changes keeps every other field, and
-- names each patient field with a placeholder for its values. The seal of such an event covers changes and the digest,
-- never the values, so retention nulls patient_changes (and only that: the service's account may update no other
-- column of audit_event) and the chain still verifies; while the values are held, verification checks them against
-- the digest. Events written before this migration have neither column and hash as they always did.
ALTER TABLE audit_event
    ADD COLUMN patient_changes TEXT NULL,
    ADD COLUMN patient_digest CHAR(64) NULL;
