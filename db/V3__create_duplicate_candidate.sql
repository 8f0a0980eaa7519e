-- Possible duplicates: two items about the same patient, category and target system whose clinical times lie within
-- a window of each other. A team lead confirms one (the item becomes DUPLICATE) or dismisses the pair.

CREATE TABLE duplicate_candidate (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    item_id         BIGINT       NOT NULL,
    other_item_id   BIGINT       NOT NULL,
    outage_id       BIGINT       NOT NULL,
    detected_at     DATETIME(6)  NOT NULL,
    dismissed_at    DATETIME(6)  NULL,
    dismissed_by    VARCHAR(64)  NULL,
    dismiss_reason  VARCHAR(500) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_duplicate_pair (item_id, other_item_id),
    KEY ix_duplicate_other (other_item_id),
    KEY ix_duplicate_outage (outage_id, dismissed_at),
    CONSTRAINT fk_duplicate_item FOREIGN KEY (item_id) REFERENCES item (id),
    CONSTRAINT fk_duplicate_other FOREIGN KEY (other_item_id) REFERENCES item (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- Matching reads these: the same patient (by NHS number or local id), category and system, near in time.
ALTER TABLE item
    DROP KEY ix_item_nhs_number,
    DROP KEY ix_item_local_id,
    ADD KEY ix_item_nhs_match (nhs_number, category, target_system, occurred_at),
    ADD KEY ix_item_local_match (local_id, category, target_system, occurred_at);
