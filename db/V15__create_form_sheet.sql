-- Downtime form packs (custody.FormPackService): paper forms printed for a ward, ahead of an outage (kept in the
-- ward's downtime box) or during one. Each sheet of a pack has its own id, printed on it as text and as a QR code,
-- and is registered here as ISSUED to that site and ward, so that every sheet that went out can be counted back.
CREATE TABLE form_pack (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    site         VARCHAR(32)  NOT NULL,
    ward         VARCHAR(64)  NOT NULL,
    kind         VARCHAR(40)  NOT NULL,
    sheet_count  INT          NOT NULL,
    outage_id    BIGINT       NULL,
    created_by   VARCHAR(64)  NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_form_pack_site (site, ward, id),
    KEY ix_form_pack_outage (outage_id),
    CONSTRAINT fk_form_pack_outage FOREIGN KEY (outage_id) REFERENCES outage (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- One printed sheet. sheet_id is what is printed (S-<site>-<serial>-<check>, see custody.SheetId); sheet_no is its
-- place in its pack, from 1. Site, ward and kind are the pack's, kept on the sheet so that a sheet is read alone.
CREATE TABLE form_sheet (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    sheet_id     VARCHAR(64)  NOT NULL,
    pack_id      BIGINT       NOT NULL,
    sheet_no     INT          NOT NULL,
    site         VARCHAR(32)  NOT NULL,
    ward         VARCHAR(64)  NOT NULL,
    kind         VARCHAR(40)  NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    outage_id    BIGINT       NULL,
    created_by   VARCHAR(64)  NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_form_sheet_sheet_id (sheet_id),
    UNIQUE KEY uk_form_sheet_pack_no (pack_id, sheet_no),
    KEY ix_form_sheet_outage (outage_id, ward, status),
    KEY ix_form_sheet_site (site, ward, status),
    CONSTRAINT fk_form_sheet_pack FOREIGN KEY (pack_id) REFERENCES form_pack (id),
    CONSTRAINT fk_form_sheet_outage FOREIGN KEY (outage_id) REFERENCES outage (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
