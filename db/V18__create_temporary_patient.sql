-- Temporary patient identities and drill outages.
-- An outage is a drill (a continuity exercise with test patients) or not, fixed when it is declared.
ALTER TABLE outage ADD COLUMN drill BOOLEAN NOT NULL DEFAULT FALSE;

-- A patient not yet identified, logged under TMP-<site>-<n> (kept in the items' local_id) until a lead merges the
-- identity into an NHS number or a local id. The row is locked while items are logged under it and while it is merged.
CREATE TABLE temporary_patient (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    temporary_id     VARCHAR(32)   NOT NULL,
    site             VARCHAR(32)   NOT NULL,
    number           INT           NOT NULL,
    description      VARCHAR(500)  NULL,
    created_at       DATETIME(6)   NOT NULL,
    created_by       VARCHAR(64)   NOT NULL,
    merged_at        DATETIME(6)   NULL,
    merged_by        VARCHAR(64)   NULL,
    merged_nhs_number CHAR(10)     NULL,
    merged_local_id  VARCHAR(32)   NULL,
    merge_reason     VARCHAR(500)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_temporary_patient_id (temporary_id),
    UNIQUE KEY uk_temporary_patient_site_number (site, number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- The last number issued per site: incremented under its row lock, so every instance issues distinct numbers.
CREATE TABLE temporary_patient_counter (
    site         VARCHAR(32) NOT NULL,
    last_number  INT         NOT NULL,
    PRIMARY KEY (site)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
