-- Reconciliation queue: priority, assignment, back-entry, verification and closure of items.

ALTER TABLE item
    ADD COLUMN priority_score     INT          NOT NULL DEFAULT 0,
    ADD COLUMN priority_band      TINYINT      NOT NULL DEFAULT 4,
    ADD COLUMN priority_reasons   VARCHAR(300) NOT NULL DEFAULT '',
    ADD COLUMN band_override      TINYINT      NULL,
    ADD COLUMN override_reason    VARCHAR(500) NULL,
    ADD COLUMN assigned_to        VARCHAR(64)  NULL,
    ADD COLUMN assigned_at        DATETIME(6)  NULL,
    ADD COLUMN external_reference VARCHAR(100) NULL,
    ADD COLUMN entered_by         VARCHAR(64)  NULL,
    ADD COLUMN entered_at         DATETIME(6)  NULL,
    ADD COLUMN verified_by        VARCHAR(64)  NULL,
    ADD COLUMN verified_at        DATETIME(6)  NULL,
    ADD COLUMN status_reason      VARCHAR(500) NULL,
    ADD COLUMN duplicate_of       BIGINT       NULL,
    ADD COLUMN closed_at          DATETIME(6)  NULL,
    -- The claim reads this index in order: highest band first, then score, then oldest clinical time.
    ADD KEY ix_item_queue (status, priority_band, priority_score DESC, occurred_at, id),
    ADD KEY ix_item_outage_system (outage_id, target_system, status),
    ADD KEY ix_item_assignee (assigned_to, status),
    ADD KEY ix_item_lease (status, updated_at);
