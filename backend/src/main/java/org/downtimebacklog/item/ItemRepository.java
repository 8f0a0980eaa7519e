package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@JdbcRepository(dialect = Dialect.MYSQL)
abstract class ItemRepository implements CrudRepository<Item, Long> {

    private final JdbcOperations jdbc;

    ItemRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The items at a site logged under a local (or temporary) id, lowest id first, locked until the transaction ends. */
    @Query("SELECT * FROM item WHERE local_id = :localId AND site = :site ORDER BY id FOR UPDATE")
    abstract List<Item> lockByLocalId(String site, String localId);

    @Query("SELECT COUNT(*) FROM item WHERE local_id = :localId AND site = :site")
    abstract long countByLocalId(String site, String localId);

    // --- Retention ---

    /**
     * Up to {@code limit} closed items of the outage whose patient details are still held, lowest id first, locked;
     * those another node is purging are skipped.
     */
    @Query("""
            SELECT id FROM item WHERE outage_id = :outageId AND purged_at IS NULL AND closed_at IS NOT NULL
            ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED""")
    abstract List<Long> lockPurgeable(long outageId, int limit);

    /** Removes the patient's identifiers, name, date of birth and the free text of these items, once. */
    @Query("""
            UPDATE item SET nhs_number = NULL, local_id = NULL, patient_name = NULL, date_of_birth = NULL,
            summary = :removed, details = NULL, purged_at = :now, updated_at = :now, version = version + 1
            WHERE id IN (:ids) AND purged_at IS NULL""")
    abstract int purge(Collection<Long> ids, String removed, Instant now);

    @Query("SELECT * FROM item WHERE id = :id FOR UPDATE")
    abstract Optional<Item> findByIdForUpdate(Long id);

    abstract List<Item> findByIdIn(Collection<Long> ids);

    // --- Release on recovery ---

    /**
     * Up to {@code limit} of the items of the outage waiting (LOGGED) for the system, lowest id above {@code afterId}
     * first, locked; those another transaction is releasing are skipped, so two nodes releasing at once take different
     * items. A release reads on from its last chunk's highest id: the index entries of the items it has released stay
     * in the index, marked deleted, until the engine purges them, and reading past them again for every chunk made a
     * release of 200,000 items read 8.8 million of them.
     */
    @Query("""
            SELECT id, outage_id, site, status, logged_at, closed_at, priority_band AS band, target_system, ward
            FROM item WHERE outage_id = :outageId AND target_system = :system AND status = 'LOGGED' AND id > :afterId
            ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED""")
    abstract List<ItemCounts> lockLogged(long outageId, String system, long afterId, int limit);

    /**
     * The items, still LOGGED, now READY and due from the system's recovery (or their logging, when later) plus their
     * band's target, in seconds ({@code p1} for P1 to {@code p4} for P4).
     */
    @Query("""
            UPDATE item SET status = 'READY', updated_at = :now, version = version + 1,
                due_at = TIMESTAMPADD(SECOND, CASE priority_band WHEN 1 THEN :p1 WHEN 2 THEN :p2 WHEN 3 THEN :p3
                    ELSE :p4 END, GREATEST(logged_at, :recoveredAt))
            WHERE id IN (:ids) AND status = 'LOGGED'""")
    abstract int releaseLogged(Collection<Long> ids, Instant now, Instant recoveredAt, long p1, long p2, long p3,
                               long p4);

    private static void in(StringBuilder sql, List<Object> params, String column, Set<String> values) {
        sql.append(" AND ").append(column).append(" IN (").append("?,".repeat(values.size() - 1)).append("?)");
        params.addAll(values);
    }

    // --- Idempotency keys (same aggregate: a key exists only to guard the creation of one item) ---

    /**
     * Inserts the key with the item it created; fails with a duplicate-key error when the user has sent it before
     * (after waiting for a racing twin that holds it).
     */
    @Query("INSERT INTO idempotency_key (user_id, idem_key, request_hash, item_id, created_at, import_id, import_row) "
            + "VALUES (:userId, :key, :requestHash, :itemId, :createdAt, :importId, :importRow)")
    abstract void insertIdempotencyKey(long userId, String key, String requestHash, long itemId, Instant createdAt,
                                       @Nullable Long importId, @Nullable Integer importRow);

    @Query("SELECT user_id, idem_key, request_hash, item_id, created_at, import_id, import_row FROM idempotency_key "
            + "WHERE user_id = :userId AND idem_key = :key")
    abstract Optional<IdempotencyRecord> findIdempotencyKey(long userId, String key);

    /** The keys among these that the user has sent before (compared as the column does: without regard to case). */
    @Query("SELECT user_id, idem_key, request_hash, item_id, created_at, import_id, import_row FROM idempotency_key "
            + "WHERE user_id = :userId AND idem_key IN (:keys)")
    abstract List<IdempotencyRecord> findIdempotencyKeys(long userId, Collection<String> keys);

    /** A key of the user's and the item it created, as one row of {@link #insertIdempotencyKeys}. */
    record NewKey(String key, String requestHash, long itemId) {
    }

    /**
     * Inserts the keys with their items in one statement, in key order; fails with a duplicate-key error when the
     * user has sent one of them before (waiting for a racing request that holds it).
     */
    void insertIdempotencyKeys(long userId, List<NewKey> keys, Instant createdAt) {
        if (keys.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO idempotency_key (user_id, idem_key, request_hash, item_id, created_at) VALUES "
                + "(?, ?, ?, ?, ?),".repeat(keys.size() - 1) + "(?, ?, ?, ?, ?)";
        jdbc.prepareStatement(sql, ps -> {
            int p = 1;
            for (NewKey k : keys.stream().sorted(java.util.Comparator.comparing(NewKey::key)).toList()) {
                ps.setLong(p++, userId);
                ps.setString(p++, k.key());
                ps.setString(p++, k.requestHash());
                ps.setLong(p++, k.itemId());
                ps.setTimestamp(p++, Timestamp.from(createdAt));
            }
            return ps.executeUpdate();
        });
    }

    // --- Search ---

    /**
     * One page of items matching the filter, within the given sites (null = every site), in the filter's order:
     * those after the given values of the order's columns when {@code after} is not null (keyset paging, which reads
     * only the page from an index of the order), else from {@code offset}.
     */
    List<Item> search(ItemFilter filter, @Nullable List<Object> after, int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM item").append(indexFor(filter)).append(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (!where(filter, sql, params)) {
            return List.of();
        }
        if (after != null) {
            sql.append(" AND ");
            after(filter.sort().keys(), after, 0, sql, params);
        }
        sql.append(" ORDER BY ").append(filter.sort().orderBy()).append(" LIMIT ?");
        params.add(limit);
        if (after == null && offset > 0) {
            sql.append(" OFFSET ?");
            params.add(offset);
        }
        return query(sql, params);
    }

    /**
     * The index a list must be read by where the database would choose worse. One status of an outage in priority
     * order (a team lead's view of what waits) is read by ix_item_outage_status_priority: the database prefers the
     * priority order's own index, which first reads past every item already claimed from the head of the queue.
     */
    private static String indexFor(ItemFilter filter) {
        boolean priority = filter.sort().name().equals("priority") || filter.sort().name().equals("-priority");
        if (filter.outageId() != null && filter.status() != null && filter.statuses() == null && priority) {
            return " FORCE INDEX (ix_item_outage_status_priority)";
        }
        return "";
    }

    /**
     * Rows after the values in the order of keys {@code from} on: {@code k >= v AND (k > v OR (k = v AND ...))},
     * with the comparisons turned for descending keys. The first, redundant bound lets the database read a range of
     * the order's index.
     */
    private static void after(List<ItemSort.Key> keys, List<Object> values, int from, StringBuilder sql,
                              List<Object> params) {
        ItemSort.Key key = keys.get(from);
        Object value = values.get(from);
        String beyond = key.descending() ? " < ?" : " > ?";
        if (from == keys.size() - 1) {
            sql.append(key.column()).append(beyond);
            params.add(value);
            return;
        }
        if (from == 0) {
            sql.append(key.column()).append(key.descending() ? " <= ?" : " >= ?").append(" AND ");
            params.add(value);
        }
        sql.append("(").append(key.column()).append(beyond).append(" OR (").append(key.column()).append(" = ? AND ");
        params.add(value);
        params.add(value);
        after(keys, values, from + 1, sql, params);
        sql.append("))");
    }

    /** The next items matching the filter after {@code afterId}, in id order: pages through any number by the key. */
    List<Item> searchAfter(ItemFilter filter, long afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM item WHERE id > ?");
        List<Object> params = new ArrayList<>(List.of(afterId));
        if (!where(filter, sql, params)) {
            return List.of();
        }
        sql.append(" ORDER BY id LIMIT ?");
        params.add(limit);
        return query(sql, params);
    }

    /** Adds the filter's conditions; false when nothing can match (no sites at all). */
    private static boolean where(ItemFilter filter, StringBuilder sql, List<Object> params) {
        if (filter.sites() != null) {
            if (filter.sites().isEmpty()) {
                return false;
            }
            in(sql, params, "site", filter.sites());
        }
        equal(sql, params, "outage_id", filter.outageId());
        equal(sql, params, "site", filter.site());
        equal(sql, params, "ward", filter.ward());
        equal(sql, params, "status", filter.status() == null ? null : filter.status().name());
        equal(sql, params, "category", filter.category() == null ? null : filter.category().name());
        if (filter.statuses() != null) {
            if (filter.statuses().isEmpty()) {
                return false;
            }
            sql.append(" AND (");
            String or = "";
            for (StatusMatch match : filter.statuses()) {
                sql.append(or).append("(status = ?");
                params.add(match.status().name());
                if (match.closed() != null) {
                    sql.append(match.closed() ? " AND closed_at IS NOT NULL" : " AND closed_at IS NULL");
                }
                sql.append(")");
                or = " OR ";
            }
            sql.append(")");
        }
        equal(sql, params, "target_system", filter.targetSystem());
        equal(sql, params, "high_risk", filter.highRisk());
        if (filter.breached() != null) {
            // as ItemLifecycle.isBreached: waiting for entry and past due
            sql.append(filter.breached().breached()
                    ? " AND status IN ('READY', 'ASSIGNED', 'ON_HOLD') AND due_at < ?"
                    : " AND NOT (status IN ('READY', 'ASSIGNED', 'ON_HOLD') AND due_at IS NOT NULL AND due_at < ?)");
            params.add(filter.breached().asOf());
        }
        if (filter.nhsNumber() != null || filter.localId() != null) {
            sql.append(" AND (");
            if (filter.nhsNumber() != null) {
                sql.append("nhs_number = ?");
                params.add(filter.nhsNumber());
            }
            if (filter.localId() != null) {
                sql.append(filter.nhsNumber() != null ? " OR " : "").append("local_id = ?");
                params.add(filter.localId());
            }
            sql.append(")");
        }
        if (filter.text() != null) {
            String like = "%" + filter.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            sql.append(" AND (summary LIKE ? OR ward LIKE ? OR paper_reference LIKE ? OR recorded_by LIKE ?)");
            for (int i = 0; i < 4; i++) {
                params.add(like);
            }
        }
        return true;
    }

    private List<Item> query(StringBuilder sql, List<Object> params) {
        return jdbc.prepareStatement(sql.toString(), ps -> {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return jdbc.entityStream(rs, Item.class).toList();
            }
        });
    }

    private static void equal(StringBuilder sql, List<Object> params, String column, Object value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Instant instant) {
                ps.setTimestamp(i + 1, Timestamp.from(instant));
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }
}
