-- A claim asks for the next READY item in the caller's systems. Read from an index of every system's READY items in
-- priority order, a claim for one system walked past every READY item of the others that ranked before its first:
-- after a recovery released 200,000 items of one system, claims for the others read tens of thousands of rows each.
-- The queue's index now leads with the status, whether the item is closed and the system, so a claim reads its own
-- system's READY items (never closed) from the first, and the list of items waiting for a second check reads a
-- system's ENTERED items still open from the first, past none closed on entry (queue/QueueRepository merges several
-- systems by reading each one's head).
ALTER TABLE item
    DROP KEY ix_item_queue,
    ADD KEY ix_item_queue (status, closed_at, target_system, priority_band, queue_rank DESC, occurred_at, id);
