-- A claim asks for the next READY item in the caller's systems. Read from an index of every system's READY items in
-- priority order, a claim for one system walked past every READY item of the others that ranked before its first:
-- after a recovery released 200,000 items of one system, claims for the others read tens of thousands of rows each.
-- The queue's index now leads with the system, so a claim reads its own system's items from the first one
-- (queue/QueueRepository merges several systems by reading each one's head).
ALTER TABLE item
    DROP KEY ix_item_queue,
    ADD KEY ix_item_queue (status, target_system, priority_band, queue_rank DESC, occurred_at, id);
