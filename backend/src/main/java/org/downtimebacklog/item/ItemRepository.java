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
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@JdbcRepository(dialect = Dialect.MYSQL)
abstract class ItemRepository implements CrudRepository<Item, Long> {

    /** Every column of a new item, in the order {@link #insertAll} binds them. */
    private static final String ITEM_COLUMNS = "outage_id, site, ward, category, target_system, nhs_number, local_id, "
            + "patient_name, date_of_birth, occurred_at, recorded_by, recorded_by_role, witnessed_by, paper_reference, "
            + "sheet_id, summary, details, high_risk, patient_status, status, assigned_to, assigned_at, "
            + "external_reference, entered_by, entered_at, verified_by, verified_at, status_reason, duplicate_of, "
            + "closed_at, priority_score, priority_band, priority_reasons, band_override, override_reason, queue_rank, "
            + "due_at, logged_at, logged_by, updated_at, version";
    private static final int ITEM_COLUMN_COUNT = ITEM_COLUMNS.split(",").length;

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

    // --- New items, many at once ---

    /**
     * Inserts new items in one multi-row statement and returns them with their generated ids, in the order given.
     * The ids are read back with the rows ({@code INSERT ... RETURNING}, MariaDB 10.5 and later), never worked out
     * from the first id: on a Galera cluster the ids of one statement need not follow one another. The rows are
     * inserted in the order listed and each takes a higher id than the row before, so the i-th lowest id returned is
     * the i-th item's, in whatever order the server lists them.
     */
    List<Item> insertAll(List<Item> newItems) {
        if (newItems.isEmpty()) {
            return List.of();
        }
        String row = "(" + "?, ".repeat(ITEM_COLUMN_COUNT - 1) + "?)";
        String sql = "INSERT INTO item (" + ITEM_COLUMNS + ") VALUES " + (row + ", ").repeat(newItems.size() - 1) + row
                + " RETURNING id";
        List<Long> ids = jdbc.prepareStatement(sql, ps -> {
            int p = 1;
            for (Item item : newItems) {
                p = bind(ps, p, item);
            }
            if (!ps.execute()) {
                throw new SQLException("The insert of new items returned no ids");
            }
            List<Long> returned = new ArrayList<>(newItems.size());
            try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) {
                    returned.add(rs.getLong(1));
                }
            }
            return returned;
        });
        if (ids.size() != newItems.size()) {
            throw new IllegalStateException("The insert of " + newItems.size() + " items returned " + ids.size() + " ids");
        }
        ids.sort(null);
        List<Item> saved = new ArrayList<>(newItems.size());
        for (int i = 0; i < newItems.size(); i++) {
            Item item = newItems.get(i);
            saved.add(new Item(ids.get(i), item.captured(), item.state(), item.priority(), item.loggedAt(),
                    item.loggedBy(), item.updatedAt(), item.version()));
        }
        return saved;
    }

    private static int bind(PreparedStatement ps, int p, Item item) throws SQLException {
        CapturedFields c = item.captured();
        Patient patient = c.patient();
        ItemState s = item.state();
        ItemPriority priority = item.priority();
        ps.setLong(p++, c.outageId());
        ps.setString(p++, c.site());
        ps.setString(p++, c.ward());
        ps.setString(p++, name(c.category()));
        ps.setString(p++, c.targetSystem());
        ps.setString(p++, patient.nhsNumber());
        ps.setString(p++, patient.localId());
        ps.setString(p++, patient.name());
        ps.setObject(p++, patient.dateOfBirth(), Types.DATE);
        ps.setTimestamp(p++, timestamp(c.occurredAt()));
        ps.setString(p++, c.recordedBy());
        ps.setString(p++, name(c.recordedByRole()));
        ps.setString(p++, c.witnessedBy());
        ps.setString(p++, c.paperReference());
        ps.setString(p++, c.sheetId());
        ps.setString(p++, c.summary());
        ps.setString(p++, c.details());
        ps.setBoolean(p++, c.highRisk());
        ps.setString(p++, name(c.patientStatus()));
        ps.setString(p++, name(s.status()));
        ps.setString(p++, s.assignedTo());
        ps.setTimestamp(p++, timestamp(s.assignedAt()));
        ps.setString(p++, s.externalReference());
        ps.setString(p++, s.enteredBy());
        ps.setTimestamp(p++, timestamp(s.enteredAt()));
        ps.setString(p++, s.verifiedBy());
        ps.setTimestamp(p++, timestamp(s.verifiedAt()));
        ps.setString(p++, s.statusReason());
        ps.setObject(p++, s.duplicateOf(), Types.BIGINT);
        ps.setTimestamp(p++, timestamp(s.closedAt()));
        ps.setInt(p++, priority.score());
        ps.setInt(p++, priority.band());
        ps.setString(p++, priority.reasons());
        ps.setObject(p++, priority.bandOverride(), Types.TINYINT);
        ps.setString(p++, priority.overrideReason());
        ps.setLong(p++, priority.rank());
        ps.setTimestamp(p++, timestamp(priority.dueAt()));
        ps.setTimestamp(p++, timestamp(item.loggedAt()));
        ps.setString(p++, item.loggedBy());
        ps.setTimestamp(p++, timestamp(item.updatedAt()));
        ps.setLong(p++, item.version());
        return p;
    }

    private static @Nullable String name(@Nullable Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant at) {
        return at == null ? null : Timestamp.from(at);
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
