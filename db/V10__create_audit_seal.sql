-- The audit trail's hash chain. Each audit event is sealed once, in the order the sealer finds them: seal n carries
-- SHA-256 of seal n-1's hash and the event's content. seq has no gaps and starts at 1, so a removed seal shows; an
-- event changed or removed after sealing no longer matches its seal. The application's database account may insert
-- into this table and audit_event but not update or delete either (see database/EmbeddedDatabase and README).
CREATE TABLE audit_seal (
    seq        BIGINT       NOT NULL,
    audit_id   BIGINT       NOT NULL,
    hash       CHAR(64)     NOT NULL,
    sealed_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (seq),
    UNIQUE KEY ux_audit_seal_event (audit_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
