-- The role of whoever gave the care (NURSE, DOCTOR, HCA, PHARMACIST, OTHER), as the paper shows it; optional, so
-- items logged before it existed keep NULL.

ALTER TABLE item
    ADD COLUMN recorded_by_role VARCHAR(16) NULL AFTER recorded_by;
