package org.downtimebacklog.tracking;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Aggregate reads over items for the outage summary and the workload board. What counts across outages (the queue's
 * metrics, the workload board) leaves out drill outages' items.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
interface SummaryRepository extends GenericRepository<TrackedItem, Long> {

    @Introspected
    record Count(String key, long n) {
    }

    @Introspected
    record Oldest(long id, Instant occurredAt) {
    }

    @Introspected
    record ReadyCount(long outageId, String targetSystem, long n, Instant oldest) {
    }

    /** READY items per outage and target system, and the clinical time of the oldest (reads the queue index). */
    @Query("""
            SELECT outage_id, target_system, COUNT(*) AS n, MIN(occurred_at) AS oldest FROM item
            WHERE status = 'READY' AND outage_id NOT IN (SELECT id FROM outage WHERE drill)
            GROUP BY outage_id, target_system""")
    List<ReadyCount> readyPerSystem();

    @Introspected
    record BandDue(int band, long due, long met, long breached, long breachedOpen) {
    }

    @Introspected
    record SiteCount(String site, long n) {
    }

    /**
     * The outage's items past due and not yet entered (BREACHED, as ItemLifecycle.isBreached says) per band: a range
     * of ix_item_outage_due per waiting status.
     */
    @Query("""
            SELECT CAST(priority_band AS CHAR) AS `key`, COUNT(*) AS n FROM item
            WHERE outage_id = :outageId AND status IN ('READY', 'ASSIGNED', 'ON_HOLD') AND due_at < :now
              AND (:allSites = TRUE OR site IN (:sites))
            GROUP BY priority_band""")
    List<Count> breachedPerBand(long outageId, Instant now, boolean allSites, List<String> sites);

    /**
     * Breached items per site, every outage but drills (the metric): a range of ix_item_status_due per waiting status.
     */
    @Query("""
            SELECT site, COUNT(*) AS n FROM item
            WHERE status IN ('READY', 'ASSIGNED', 'ON_HOLD') AND due_at < :now
            AND outage_id NOT IN (SELECT id FROM outage WHERE drill) GROUP BY site""")
    List<SiteCount> breachedPerSite(Instant now);

    /**
     * Due-time performance of the outage's items that entered the queue (have a due time), per band: how many; met
     * (entered, or closed without entry, by the due time); breached (entered or closed after it, or still waiting past
     * it); of those, still waiting.
     */
    @Query("""
            SELECT priority_band AS band, COUNT(*) AS due,
                   COALESCE(SUM(COALESCE(entered_at, closed_at) <= due_at), 0) AS met,
                   COALESCE(SUM(COALESCE(entered_at, closed_at, :now) > due_at), 0) AS breached,
                   COALESCE(SUM(entered_at IS NULL AND closed_at IS NULL AND due_at < :now), 0) AS breached_open
            FROM item
            WHERE outage_id = :outageId AND due_at IS NOT NULL AND (:allSites = TRUE OR site IN (:sites))
            GROUP BY priority_band""")
    List<BandDue> duePerBand(long outageId, Instant now, boolean allSites, List<String> sites);

    @Query("""
            SELECT id, occurred_at FROM item
            WHERE outage_id = :outageId AND closed_at IS NULL AND (:allSites = TRUE OR site IN (:sites))
            ORDER BY occurred_at, id LIMIT 1""")
    Optional<Oldest> oldestOpen(long outageId, boolean allSites, List<String> sites);

    @Query("""
            SELECT COUNT(*) FROM item
            WHERE outage_id = :outageId AND entered_at >= :since AND (:allSites = TRUE OR site IN (:sites))""")
    long countEnteredSince(long outageId, Instant since, boolean allSites, List<String> sites);

    @Query("""
            SELECT assigned_to AS `key`, COUNT(*) AS n FROM item
            WHERE status = 'ASSIGNED' AND (:allSites = TRUE OR site IN (:sites))
            AND outage_id NOT IN (SELECT id FROM outage WHERE drill) GROUP BY assigned_to""")
    List<Count> assignedPerUser(boolean allSites, List<String> sites);

    @Query("""
            SELECT entered_by AS `key`, COUNT(*) AS n FROM item
            WHERE entered_at >= :since AND (:allSites = TRUE OR site IN (:sites))
            AND outage_id NOT IN (SELECT id FROM outage WHERE drill) GROUP BY entered_by""")
    List<Count> enteredPerUser(Instant since, boolean allSites, List<String> sites);

    @Query("""
            SELECT verified_by AS `key`, COUNT(*) AS n FROM item
            WHERE verified_at >= :since AND (:allSites = TRUE OR site IN (:sites))
            AND outage_id NOT IN (SELECT id FROM outage WHERE drill) GROUP BY verified_by""")
    List<Count> verifiedPerUser(Instant since, boolean allSites, List<String> sites);
}
