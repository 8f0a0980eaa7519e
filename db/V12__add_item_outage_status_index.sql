-- Lists, exports and FHIR searches of one outage filtered by status, read in id order (keyset paging): without this
-- index a status that few items have is found by reading every item of the outage.
ALTER TABLE item
    ADD KEY ix_item_outage_status (outage_id, status, id);
