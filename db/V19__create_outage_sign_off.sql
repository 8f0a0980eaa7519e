-- The recovery report's sign-off (report.SignOffService): a team lead states that an outage's backlog is reconciled,
-- naming with a reason every item still open (and, once sheets are reconciled, every sheet not accounted for). One per
-- outage; exceptions is a JSON array of {ref, kind, reason}. request_hash makes a repeat of the same request answer the
-- same sign-off rather than a conflict.
CREATE TABLE outage_sign_off (
    outage_id     BIGINT         NOT NULL,
    signed_by     VARCHAR(64)    NOT NULL,
    signed_at     DATETIME(6)    NOT NULL,
    statement     VARCHAR(2000)  NULL,
    exceptions    MEDIUMTEXT     NOT NULL,
    request_hash  CHAR(64)       NOT NULL,
    PRIMARY KEY (outage_id),
    KEY ix_outage_sign_off_signed (signed_at),
    CONSTRAINT fk_outage_sign_off_outage FOREIGN KEY (outage_id) REFERENCES outage (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- Retention (report.RetentionJob): when an item's patient details (identifiers, name, date of birth, free text) were
-- removed, some time after its outage was signed off. Its counts, times and statuses stay.
ALTER TABLE item
    ADD COLUMN purged_at DATETIME(6) NULL,
    ADD KEY ix_item_outage_purge (outage_id, purged_at, closed_at);

-- The same for an import's refused rows: their cells (a copy of the spreadsheet row) are emptied.
ALTER TABLE item_import_refusal
    ADD COLUMN purged_at DATETIME(6) NULL;
