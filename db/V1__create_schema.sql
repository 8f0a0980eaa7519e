-- Downtime Backlog: initial schema. Times are UTC, DATETIME(6).
-- Every table pins utf8mb4_general_ci so that the session collation the application sets
-- (connectionCollation) matches the columns and indexes are read in order.

CREATE TABLE app_user (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    username        VARCHAR(64)  NOT NULL,
    display_name    VARCHAR(120) NOT NULL,
    password_hash   VARCHAR(100) NOT NULL,
    roles           VARCHAR(200) NOT NULL,
    sites           VARCHAR(1000) NOT NULL,
    target_systems  VARCHAR(1000) NOT NULL,
    enabled         BOOLEAN      NOT NULL,
    token_version   INT          NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    updated_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_app_user_username (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE refresh_token (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    token_hash  CHAR(64)    NOT NULL,
    family_id   CHAR(36)    NOT NULL,
    user_id     BIGINT      NOT NULL,
    issued_at   DATETIME(6) NOT NULL,
    expires_at  DATETIME(6) NOT NULL,
    used_at     DATETIME(6) NULL,
    revoked_at  DATETIME(6) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_refresh_token_hash (token_hash),
    KEY ix_refresh_token_family (family_id),
    KEY ix_refresh_token_user (user_id),
    CONSTRAINT fk_refresh_token_user FOREIGN KEY (user_id) REFERENCES app_user (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- Failed sign-ins per username, for throttling. Keyed by the name typed, whether or not such a user exists.
CREATE TABLE login_throttle (
    username        VARCHAR(64) NOT NULL,
    failures        INT         NOT NULL,
    locked_until    DATETIME(6) NULL,
    last_failure_at DATETIME(6) NOT NULL,
    PRIMARY KEY (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE outage (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    title       VARCHAR(200)  NOT NULL,
    sites       VARCHAR(1000) NOT NULL,
    notes       VARCHAR(4000) NULL,
    started_at  DATETIME(6)   NOT NULL,
    closed_at   DATETIME(6)   NULL,
    created_at  DATETIME(6)   NOT NULL,
    created_by  VARCHAR(64)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_outage_started (started_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE outage_system (
    id            BIGINT      NOT NULL AUTO_INCREMENT,
    outage_id     BIGINT      NOT NULL,
    system_code   VARCHAR(32) NOT NULL,
    recovered_at  DATETIME(6) NULL,
    recovered_by  VARCHAR(64) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_outage_system (outage_id, system_code),
    CONSTRAINT fk_outage_system_outage FOREIGN KEY (outage_id) REFERENCES outage (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE item (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    outage_id        BIGINT        NOT NULL,
    site             VARCHAR(32)   NOT NULL,
    ward             VARCHAR(64)   NOT NULL,
    category         VARCHAR(32)   NOT NULL,
    target_system    VARCHAR(32)   NOT NULL,
    nhs_number       CHAR(10)      NULL,
    local_id         VARCHAR(32)   NULL,
    patient_name     VARCHAR(200)  NULL,
    date_of_birth    DATE          NULL,
    occurred_at      DATETIME(6)   NOT NULL,
    recorded_by      VARCHAR(120)  NOT NULL,
    paper_reference  VARCHAR(64)   NULL,
    summary          VARCHAR(500)  NOT NULL,
    details          VARCHAR(4000) NULL,
    high_risk        BOOLEAN       NOT NULL,
    patient_status   VARCHAR(16)   NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    logged_at        DATETIME(6)   NOT NULL,
    logged_by        VARCHAR(64)   NOT NULL,
    updated_at       DATETIME(6)   NOT NULL,
    version          BIGINT        NOT NULL,
    PRIMARY KEY (id),
    KEY ix_item_outage_site (outage_id, site, id),
    KEY ix_item_site_status (site, status, id),
    KEY ix_item_nhs_number (nhs_number),
    KEY ix_item_local_id (local_id),
    CONSTRAINT fk_item_outage FOREIGN KEY (outage_id) REFERENCES outage (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- Idempotency-Key per user: the key, a hash of the request it came with, and the item it created.
CREATE TABLE idempotency_key (
    user_id       BIGINT       NOT NULL,
    idem_key      VARCHAR(128) NOT NULL,
    request_hash  CHAR(64)     NOT NULL,
    item_id       BIGINT       NULL,
    created_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (user_id, idem_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE audit_event (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    occurred_at     DATETIME(6)   NOT NULL,
    actor_id        BIGINT        NULL,
    actor_username  VARCHAR(64)   NOT NULL,
    action          VARCHAR(40)   NOT NULL,
    entity_type     VARCHAR(20)   NOT NULL,
    entity_id       BIGINT        NOT NULL,
    item_id         BIGINT        NULL,
    changes         TEXT          NULL,
    reason          VARCHAR(500)  NULL,
    PRIMARY KEY (id),
    KEY ix_audit_item (item_id, id),
    KEY ix_audit_actor (actor_username, occurred_at),
    KEY ix_audit_time (occurred_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
