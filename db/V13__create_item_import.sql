-- Spreadsheets brought into an outage's backlog (exchange.ItemImportService). The file is uploaded in parts small
-- enough for any proxy, kept here until its import is done (any node may run it, and a restarted one resumes it),
-- then deleted: what stays is the import's counts and its refused rows.
CREATE TABLE item_import (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    outage_id        BIGINT        NOT NULL,
    file_name        VARCHAR(200)  NOT NULL,
    file_size        BIGINT        NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    file_sha256      CHAR(64)      NULL,
    charset          VARCHAR(16)   NULL,
    field_delimiter  CHAR(1)       NULL,
    headers          TEXT          NULL,
    total_rows       INT           NULL,
    mapping          TEXT          NULL,
    next_row         INT           NOT NULL DEFAULT 0,
    rows_stored      INT           NOT NULL DEFAULT 0,
    rows_already     INT           NOT NULL DEFAULT 0,
    rows_refused     INT           NOT NULL DEFAULT 0,
    failure          VARCHAR(500)  NULL,
    created_by       VARCHAR(64)   NOT NULL,
    created_at       DATETIME(6)   NOT NULL,
    started_by_id    BIGINT        NULL,
    started_by       VARCHAR(64)   NULL,
    started_at       DATETIME(6)   NULL,
    finished_at      DATETIME(6)   NULL,
    lease_owner      VARCHAR(64)   NULL,
    lease_until      DATETIME(6)   NULL,
    PRIMARY KEY (id),
    KEY ix_item_import_outage (outage_id, id),
    KEY ix_item_import_status (status, lease_until),
    CONSTRAINT fk_item_import_outage FOREIGN KEY (outage_id) REFERENCES outage (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE item_import_part (
    import_id  BIGINT     NOT NULL,
    part_no    INT        NOT NULL,
    content    MEDIUMBLOB NOT NULL,
    PRIMARY KEY (import_id, part_no),
    CONSTRAINT fk_item_import_part_import FOREIGN KEY (import_id) REFERENCES item_import (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- A row that was not stored: its cells as the file had them, and why.
CREATE TABLE item_import_refusal (
    import_id   BIGINT        NOT NULL,
    row_no      INT           NOT NULL,
    column_name VARCHAR(200)  NULL,
    field       VARCHAR(64)   NOT NULL,
    reason      VARCHAR(1000) NOT NULL,
    cells       MEDIUMTEXT    NOT NULL,
    PRIMARY KEY (import_id, row_no),
    CONSTRAINT fk_item_import_refusal_import FOREIGN KEY (import_id) REFERENCES item_import (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- Column mappings saved by name for the next file of the same shape (no patient data).
CREATE TABLE import_mapping (
    name        VARCHAR(80)  NOT NULL,
    mapping     TEXT         NOT NULL,
    updated_by  VARCHAR(64)  NOT NULL,
    updated_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- An imported row's identity is an idempotency key of its own scope (user 0, "import:<outage>:<row key>"), written
-- in the item's transaction: it also says which import and row created the item, so a resumed import counts a row it
-- stored before the interruption as its own, and a row repeated later in the same file as a repeat.
ALTER TABLE idempotency_key
    ADD COLUMN import_id BIGINT NULL,
    ADD COLUMN import_row INT NULL;
