-- Due times and a score whose age part keeps growing (README "Due times and escalation").
--
-- queue_rank orders an item within its band. An item's score at a moment is its base (category, patient status, high
-- risk) plus points-per-hour for every hour since the care was given; ordering by that score at any moment is ordering
-- by base x 3600 - points-per-hour x (seconds from 1970 to the care), which does not change as time passes. So the
-- queue's order is read from an index on the stored rank, and no job has to score the items again.
--
-- due_at: when the item's back-entry is due, set when it enters the queue (its system's recovery, or its logging when
-- later) plus the target of its band; null while it waits for its system.
ALTER TABLE item
    ADD COLUMN queue_rank BIGINT      NOT NULL DEFAULT 0,
    ADD COLUMN due_at     DATETIME(6) NULL;

-- Items already stored: the base is the stored score less the hours since care it counted when logged (the weights
-- application.yml ships with: 1 point an hour, up to 24).
UPDATE item SET queue_rank =
        (priority_score - LEAST(24, GREATEST(0, TIMESTAMPDIFF(HOUR, occurred_at, logged_at)))) * 3600
        - TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', occurred_at);

-- The queue's indexes in the new order: band, then rank (highest first), then the oldest clinical time, then id.
ALTER TABLE item
    DROP KEY ix_item_queue,
    ADD KEY ix_item_queue (status, priority_band, queue_rank DESC, occurred_at, id),
    DROP KEY ix_item_outage_priority,
    ADD KEY ix_item_outage_priority (outage_id, priority_band, queue_rank DESC, occurred_at, id),
    DROP KEY ix_item_outage_target_priority,
    ADD KEY ix_item_outage_target_priority (outage_id, target_system, priority_band, queue_rank DESC, occurred_at, id),
    DROP KEY ix_item_outage_status_priority,
    ADD KEY ix_item_outage_status_priority (outage_id, status, priority_band, queue_rank DESC, occurred_at, id),
    -- breached items (waiting for entry, past due) of an outage, and per site for the metric: a range per status
    -- (the outage in it, so the metric leaves drills out without reading the rows)
    ADD KEY ix_item_outage_due (outage_id, status, due_at),
    ADD KEY ix_item_status_due (status, due_at, site, outage_id);

-- Items stored before: due from their system's recovery (or their logging, when later), by the shipped targets.
UPDATE item i JOIN outage_system s ON s.outage_id = i.outage_id AND s.system_code = i.target_system
SET i.due_at = TIMESTAMPADD(HOUR, CASE i.priority_band WHEN 1 THEN 2 WHEN 2 THEN 8 WHEN 3 THEN 24 ELSE 72 END,
        GREATEST(i.logged_at, s.recovered_at))
WHERE s.recovered_at IS NOT NULL AND i.status <> 'LOGGED';
