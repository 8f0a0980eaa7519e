-- Running counts behind the outage summary, kept in the same transaction as each change to an item, so the summary
-- reads a few hundred rows whatever the size of the backlog. Each count is split over shards (item id mod 8) so that
-- concurrent changes rarely wait on the same row.
--   status/<STATUS>   every item, by status
--   band/<1..4>       open items, by priority band
--   system/<code>     open items, by target system
--   ward/<ward>       open items, by ward
--   logged/<hour>     items logged in that hour (hours since 1970, UTC)
--   closed/<hour>     items closed in that hour

CREATE TABLE outage_tally (
    outage_id  BIGINT      NOT NULL,
    site       VARCHAR(32) NOT NULL,
    metric     VARCHAR(12) NOT NULL,
    label      VARCHAR(64) NOT NULL,
    shard      TINYINT     NOT NULL,
    n          BIGINT      NOT NULL,
    PRIMARY KEY (outage_id, site, metric, label, shard)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

INSERT INTO outage_tally (outage_id, site, metric, label, shard, n)
SELECT outage_id, site, 'status', status, id % 8, COUNT(*) FROM item GROUP BY outage_id, site, status, id % 8;
INSERT INTO outage_tally (outage_id, site, metric, label, shard, n)
SELECT outage_id, site, 'band', CAST(priority_band AS CHAR), id % 8, COUNT(*) FROM item WHERE closed_at IS NULL
GROUP BY outage_id, site, priority_band, id % 8;
INSERT INTO outage_tally (outage_id, site, metric, label, shard, n)
SELECT outage_id, site, 'system', target_system, id % 8, COUNT(*) FROM item WHERE closed_at IS NULL
GROUP BY outage_id, site, target_system, id % 8;
INSERT INTO outage_tally (outage_id, site, metric, label, shard, n)
SELECT outage_id, site, 'ward', ward, id % 8, COUNT(*) FROM item WHERE closed_at IS NULL
GROUP BY outage_id, site, ward, id % 8;
INSERT INTO outage_tally (outage_id, site, metric, label, shard, n)
SELECT outage_id, site, 'logged', CAST(FLOOR(UNIX_TIMESTAMP(logged_at) / 3600) AS CHAR), id % 8, COUNT(*) FROM item
GROUP BY outage_id, site, FLOOR(UNIX_TIMESTAMP(logged_at) / 3600), id % 8;
INSERT INTO outage_tally (outage_id, site, metric, label, shard, n)
SELECT outage_id, site, 'closed', CAST(FLOOR(UNIX_TIMESTAMP(closed_at) / 3600) AS CHAR), id % 8, COUNT(*) FROM item
WHERE closed_at IS NOT NULL GROUP BY outage_id, site, FLOOR(UNIX_TIMESTAMP(closed_at) / 3600), id % 8;
