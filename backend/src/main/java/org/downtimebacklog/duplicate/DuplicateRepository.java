package org.downtimebacklog.duplicate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface DuplicateRepository extends CrudRepository<DuplicateCandidate, Long> {

    /**
     * Other items of the outage about the same patient, category and system, with clinical times in the window: the
     * first 20, which is enough for a team lead to see that something is repeated.
     */
    @Query("""
            SELECT id FROM item
            WHERE outage_id = :outageId AND category = :category AND target_system = :targetSystem
              AND id <> :itemId AND status <> 'DUPLICATE' AND occurred_at BETWEEN :from AND :to
              AND ((:nhsNumber IS NOT NULL AND nhs_number = :nhsNumber) OR (:localId IS NOT NULL AND local_id = :localId))
            ORDER BY id LIMIT 20""")
    List<Long> findMatches(long outageId, String category, String targetSystem, long itemId, @Nullable String nhsNumber,
                           @Nullable String localId, Instant from, Instant to);

    @Query("""
            INSERT IGNORE INTO duplicate_candidate (item_id, other_item_id, outage_id, detected_at)
            VALUES (LEAST(:a, :b), GREATEST(:a, :b), :outageId, :now)""")
    int flag(long a, long b, long outageId, Instant now);

    /** An item that {@link #findMatchesOf} found may repeat another of its outage. */
    @io.micronaut.core.annotation.Introspected
    record Match(long itemId, long otherId, long outageId) {
    }

    /**
     * {@link #findMatches} for many items at once: for each of these items, the other items of its outage about the
     * same patient (by NHS number, then by local id), category and system with clinical times in the window.
     */
    @Query("""
            SELECT n.id AS item_id, o.id AS other_id, n.outage_id AS outage_id FROM item n JOIN item o
              ON o.nhs_number = n.nhs_number AND o.category = n.category AND o.target_system = n.target_system
             AND o.outage_id = n.outage_id AND o.id <> n.id AND o.status <> 'DUPLICATE'
             AND o.occurred_at BETWEEN n.occurred_at - INTERVAL :windowSeconds SECOND
                                   AND n.occurred_at + INTERVAL :windowSeconds SECOND
            WHERE n.id IN (:itemIds) AND n.nhs_number IS NOT NULL
            UNION
            SELECT n.id, o.id, n.outage_id FROM item n JOIN item o
              ON o.local_id = n.local_id AND o.category = n.category AND o.target_system = n.target_system
             AND o.outage_id = n.outage_id AND o.id <> n.id AND o.status <> 'DUPLICATE'
             AND o.occurred_at BETWEEN n.occurred_at - INTERVAL :windowSeconds SECOND
                                   AND n.occurred_at + INTERVAL :windowSeconds SECOND
            WHERE n.id IN (:itemIds) AND n.local_id IS NOT NULL
            ORDER BY item_id, other_id""")
    List<Match> findMatchesOf(java.util.Collection<Long> itemIds, long windowSeconds);

    /** Every matching pair in the outage not flagged yet, flagged now. Returns how many were new. */
    @Query("""
            INSERT IGNORE INTO duplicate_candidate (item_id, other_item_id, outage_id, detected_at)
            SELECT a.id, b.id, a.outage_id, :now
            FROM item a JOIN item b
              ON b.outage_id = a.outage_id AND b.category = a.category AND b.target_system = a.target_system
             AND b.id > a.id AND b.status <> 'DUPLICATE'
             AND b.occurred_at BETWEEN a.occurred_at - INTERVAL :windowSeconds SECOND
                                   AND a.occurred_at + INTERVAL :windowSeconds SECOND
             AND ((a.nhs_number IS NOT NULL AND b.nhs_number = a.nhs_number)
               OR (a.local_id IS NOT NULL AND b.local_id = a.local_id))
            WHERE a.outage_id = :outageId AND a.status <> 'DUPLICATE'""")
    int flagAll(long outageId, long windowSeconds, Instant now);

    /** The open candidates of an item: the other item of each pair neither dismissed nor settled by a DUPLICATE. */
    @Query("""
            SELECT o.id FROM duplicate_candidate d
            JOIN item o ON o.id = CASE WHEN d.item_id = :itemId THEN d.other_item_id ELSE d.item_id END
            WHERE (d.item_id = :itemId OR d.other_item_id = :itemId) AND d.dismissed_at IS NULL
              AND o.status <> 'DUPLICATE'
            ORDER BY o.id""")
    List<Long> findOpenFor(long itemId);

    /** Open pairs of an outage whose items are both still not DUPLICATE, oldest first. */
    @Query("""
            SELECT d.* FROM duplicate_candidate d
            JOIN item a ON a.id = d.item_id JOIN item b ON b.id = d.other_item_id
            WHERE d.outage_id = :outageId AND d.dismissed_at IS NULL
              AND a.status <> 'DUPLICATE' AND b.status <> 'DUPLICATE'
            ORDER BY d.id LIMIT :limit""")
    List<DuplicateCandidate> findOpenInOutage(long outageId, int limit);

    @Query("SELECT * FROM duplicate_candidate WHERE id = :id FOR UPDATE")
    Optional<DuplicateCandidate> findByIdForUpdate(long id);
}
