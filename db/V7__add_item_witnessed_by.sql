-- Who witnessed the care, as the paper shows it: a controlled drug's administration is signed by a second person.
-- Optional, so items logged before it existed keep NULL.

ALTER TABLE item
    ADD COLUMN witnessed_by VARCHAR(120) NULL AFTER recorded_by_role;
