package org.downtimebacklog.report;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Aggregate reads over an outage's items for the recovery report. No statement here reads a patient's details: items
 * are named by id only.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
interface ReportRepository extends GenericRepository<ReportItem, Long> {

    @Introspected
    record Count(String key, long n) {
    }

    @Introspected
    record HourCount(long h, long n) {
    }

    @Introspected
    record Totals(long total, long open, long purged, @Nullable Instant lastClosedAt) {
    }

    @Introspected
    record OpenItem(long id, String status, String ward, String targetSystem, int priorityBand,
                    @Nullable String statusReason) {
    }

    @Introspected
    record DuplicateItem(long id, @Nullable Long duplicateOf) {
    }

    @Introspected
    record FourEyes(long verified, long verifiers, long enterers, long awaiting, long verifiedByEnterer) {
    }

    @Query("""
            SELECT COUNT(*) AS total, COALESCE(SUM(closed_at IS NULL), 0) AS open,
                   COALESCE(SUM(purged_at IS NOT NULL), 0) AS purged, MAX(closed_at) AS last_closed_at
            FROM item WHERE outage_id = :outageId""")
    Totals totals(long outageId);

    @Query("SELECT status AS `key`, COUNT(*) AS n FROM item WHERE outage_id = :outageId GROUP BY status ORDER BY status")
    List<Count> byStatus(long outageId);

    @Query("""
            SELECT category AS `key`, COUNT(*) AS n FROM item WHERE outage_id = :outageId
            GROUP BY category ORDER BY category""")
    List<Count> byCategory(long outageId);

    @Query("SELECT ward AS `key`, COUNT(*) AS n FROM item WHERE outage_id = :outageId GROUP BY ward ORDER BY ward")
    List<Count> byWard(long outageId);

    @Query("""
            SELECT target_system AS `key`, COUNT(*) AS n FROM item WHERE outage_id = :outageId
            GROUP BY target_system ORDER BY target_system""")
    List<Count> bySystem(long outageId);

    @Query("""
            SELECT FLOOR(UNIX_TIMESTAMP(logged_at) / 3600) AS h, COUNT(*) AS n FROM item
            WHERE outage_id = :outageId GROUP BY h ORDER BY h""")
    List<HourCount> loggedPerHour(long outageId);

    @Query("""
            SELECT FLOOR(UNIX_TIMESTAMP(entered_at) / 3600) AS h, COUNT(*) AS n FROM item
            WHERE outage_id = :outageId AND entered_at IS NOT NULL GROUP BY h ORDER BY h""")
    List<HourCount> enteredPerHour(long outageId);

    @Query("""
            SELECT FLOOR(UNIX_TIMESTAMP(closed_at) / 3600) AS h, COUNT(*) AS n FROM item
            WHERE outage_id = :outageId AND closed_at IS NOT NULL GROUP BY h ORDER BY h""")
    List<HourCount> closedPerHour(long outageId);

    /** Every item still open, lowest id first. */
    @Query("""
            SELECT id, status, ward, target_system, priority_band, status_reason FROM item
            WHERE outage_id = :outageId AND closed_at IS NULL ORDER BY id""")
    List<OpenItem> openItems(long outageId);

    /** Items closed as not required, counted by the reason given. */
    @Query("""
            SELECT COALESCE(status_reason, '') AS `key`, COUNT(*) AS n FROM item
            WHERE outage_id = :outageId AND status = 'NOT_REQUIRED' GROUP BY status_reason ORDER BY n DESC, `key`""")
    List<Count> notRequiredReasons(long outageId);

    @Query("""
            SELECT id, duplicate_of FROM item WHERE outage_id = :outageId AND status = 'DUPLICATE' ORDER BY id""")
    List<DuplicateItem> duplicates(long outageId);

    /** Possible duplicates found and neither confirmed nor dismissed (both items still open). */
    @Query("""
            SELECT COUNT(*) FROM duplicate_candidate d JOIN item a ON a.id = d.item_id JOIN item b ON b.id = d.other_item_id
            WHERE d.outage_id = :outageId AND d.dismissed_at IS NULL
              AND a.status <> 'DUPLICATE' AND b.status <> 'DUPLICATE'""")
    long unresolvedDuplicatePairs(long outageId);

    /** Items that were put on hold at any time (an audit event moved them to ON_HOLD). */
    @Query("""
            SELECT COUNT(DISTINCT a.item_id) FROM item i JOIN audit_event a ON a.item_id = i.id
            WHERE i.outage_id = :outageId AND JSON_VALUE(a.changes, '$.status.new') = 'ON_HOLD'""")
    long everHeld(long outageId);

    @Query("""
            SELECT COALESCE(SUM(status = 'VERIFIED'), 0) AS verified,
                   COUNT(DISTINCT verified_by) AS verifiers,
                   COUNT(DISTINCT entered_by) AS enterers,
                   COALESCE(SUM(status = 'ENTERED' AND closed_at IS NULL), 0) AS awaiting,
                   COALESCE(SUM(verified_by IS NOT NULL AND verified_by = entered_by), 0) AS verified_by_enterer
            FROM item WHERE outage_id = :outageId""")
    FourEyes fourEyes(long outageId);

    /**
     * Requests refused (403) to move an item on after its entry, made by the person who entered it: once ENTERED the
     * only move is to VERIFIED, so these are attempts to verify one's own entry.
     */
    @Query("""
            SELECT COUNT(*) FROM item i JOIN audit_event a
              ON a.actor_username = i.entered_by AND a.occurred_at >= i.entered_at
            WHERE i.outage_id = :outageId AND i.entered_by IS NOT NULL AND a.action = 'ACCESS_DENIED'
              AND JSON_VALUE(a.changes, '$.path.new') = CONCAT('/api/items/', i.id, '/transitions')""")
    long selfVerificationRefused(long outageId);

    /** Items of the outage changed (any audited action but a view) after the given time, lowest id first. */
    @Query("""
            SELECT DISTINCT a.item_id FROM item i JOIN audit_event a ON a.item_id = i.id
            WHERE i.outage_id = :outageId AND a.occurred_at > :since AND a.action NOT LIKE '%VIEWED'
            ORDER BY a.item_id""")
    List<Long> changedSince(long outageId, Instant since);

    @Query("SELECT display_name FROM app_user WHERE username = :username")
    Optional<String> displayName(String username);
}
