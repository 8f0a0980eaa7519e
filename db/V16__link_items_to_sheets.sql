-- Items name the downtime sheet their care was written on (item.sheet_id, the id printed on it, see custody.SheetId),
-- and sheets go through their lifecycle (custody.SheetLifecycle): ISSUED, IN_USE, COMPLETE with the number of entries
-- the paper holds, RETURNED_UNUSED, MISSING or VOIDED with a reason. The version counts a sheet's changes.
ALTER TABLE item
    ADD COLUMN sheet_id VARCHAR(64) NULL,
    ADD KEY ix_item_sheet (sheet_id, status),
    ADD KEY ix_item_outage_sheet (outage_id, sheet_id);

ALTER TABLE form_sheet
    ADD COLUMN declared_entries INT          NULL,
    ADD COLUMN status_reason    VARCHAR(500) NULL,
    ADD COLUMN updated_at       DATETIME(6)  NULL,
    ADD COLUMN version          BIGINT       NOT NULL DEFAULT 1;
