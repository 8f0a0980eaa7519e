-- Tracking: open items per outage (closed_at IS NULL), throughput of back-entry, and the day's work per person.
ALTER TABLE item
    ADD KEY ix_item_outage_open (outage_id, closed_at, occurred_at),
    ADD KEY ix_item_outage_entered (outage_id, entered_at),
    ADD KEY ix_item_entered (entered_at, entered_by),
    ADD KEY ix_item_verified (verified_at, verified_by);
