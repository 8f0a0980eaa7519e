-- Lists of one outage's items, one index per sort order the API offers, each ending in the id as the order does: a
-- page is read from the index from where the last page ended (keyset paging) instead of sorting every item of the
-- outage. Sorting by status uses ix_item_outage_status (V12).
ALTER TABLE item
    ADD KEY ix_item_outage_id (outage_id, id),
    ADD KEY ix_item_outage_logged (outage_id, logged_at, id),
    ADD KEY ix_item_outage_occurred (outage_id, occurred_at, id),
    ADD KEY ix_item_outage_ward (outage_id, ward, id),
    ADD KEY ix_item_outage_category (outage_id, category, id),
    ADD KEY ix_item_outage_target (outage_id, target_system, id),
    ADD KEY ix_item_outage_priority (outage_id, priority_band, priority_score DESC, occurred_at, id);

-- The queue of one system in priority order, the web app's default view with a system chosen: the system's items may
-- all sit in bands far down the outage's priority order.
ALTER TABLE item
    ADD KEY ix_item_outage_target_priority (outage_id, target_system, priority_band, priority_score DESC, occurred_at, id);

-- The items of one status in priority order, a team lead's view of what waits (READY): the priority order's own index
-- would first read past every item already taken from the head of the queue.
ALTER TABLE item
    ADD KEY ix_item_outage_status_priority (outage_id, status, priority_band, priority_score DESC, occurred_at, id);
