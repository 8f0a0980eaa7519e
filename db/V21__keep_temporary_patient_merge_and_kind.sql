-- What a merge moved, kept on the identity: the ids of the items moved to the real patient and of those of them already
-- entered in their system under the temporary id (comma-separated), so that the same merge sent again answers as the
-- first did and the list of records to correct is never lost.
-- And the kind of outage the identity serves, fixed by the first item logged under it: TRUE a drill, FALSE a real
-- outage, NULL while nothing is logged under it. A drill's items merge only into a test NHS number and a real
-- outage's never into one, so one identity never names items of both.
ALTER TABLE temporary_patient
    ADD COLUMN merged_items       TEXT    NULL,
    ADD COLUMN back_entered_items TEXT    NULL,
    ADD COLUMN drill              BOOLEAN NULL;

-- Identities merged before: the lists as the merge's audit event recorded them.
UPDATE temporary_patient tp
SET merged_items = (
        SELECT REPLACE(REPLACE(REPLACE(REPLACE(JSON_EXTRACT(a.changes, '$.items.new'), '[', ''), ']', ''), '"', ''), ' ', '')
        FROM audit_event a
        WHERE a.action = 'TEMPORARY_PATIENT_MERGED' AND a.entity_type = 'TEMPORARY_PATIENT' AND a.entity_id = tp.id
        ORDER BY a.id DESC LIMIT 1),
    back_entered_items = (
        SELECT REPLACE(REPLACE(REPLACE(REPLACE(JSON_EXTRACT(a.changes, '$.backEntered.new'), '[', ''), ']', ''), '"', ''), ' ', '')
        FROM audit_event a
        WHERE a.action = 'TEMPORARY_PATIENT_MERGED' AND a.entity_type = 'TEMPORARY_PATIENT' AND a.entity_id = tp.id
        ORDER BY a.id DESC LIMIT 1)
WHERE tp.merged_at IS NOT NULL;

-- Identities in use: the kind of the outages of the items logged under them (a drill if any is).
UPDATE temporary_patient tp
SET drill = (
        SELECT MAX(o.drill)
        FROM item i JOIN outage o ON o.id = i.outage_id
        WHERE i.site = tp.site AND i.local_id = tp.temporary_id)
WHERE tp.merged_at IS NULL;
