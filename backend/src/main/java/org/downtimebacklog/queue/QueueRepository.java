package org.downtimebacklog.queue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import org.downtimebacklog.item.QueueOrder;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The queue's reads of the item table. They answer with item ids; the items themselves change only through the item
 * feature's {@code ItemWorkflow}.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
abstract class QueueRepository implements GenericRepository<QueueEntry, Long> {

    private final JdbcOperations jdbc;

    QueueRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** How many items the person holds, counted up to {@code most}: a claim needs to know only whether that is reached. */
    @Query("""
            SELECT COUNT(*) FROM (SELECT 1 FROM item WHERE assigned_to = :username AND status = 'ASSIGNED' LIMIT :most)
            held""")
    abstract long countAssignedTo(String username, int most);

    @Query("SELECT id FROM item WHERE assigned_to = :username AND status = 'ASSIGNED' ORDER BY " + QueueOrder.SQL)
    abstract List<Long> findAssignedTo(String username);

    /**
     * ENTERED items still waiting for their second check (not closed) in the given systems and sites (null: every
     * site), entered by someone else, most urgent first: each system's first {@code limit} read from the queue's index
     * in order (past none closed on entry), then merged.
     */
    List<Long> findAwaitingVerification(String username, Set<String> systems, @Nullable Set<String> sites, int limit) {
        List<String> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        for (String system : systems) {
            sql.append(sql.isEmpty() ? "" : " UNION ALL ")
                    .append("(SELECT id, priority_band, queue_rank, occurred_at FROM item FORCE INDEX (ix_item_queue)")
                    .append(" WHERE status = 'ENTERED' AND closed_at IS NULL AND target_system = ? AND entered_by <> ?");
            params.add(system);
            params.add(username);
            if (sites != null) {
                in(sql, params, "site", sites);
            }
            sql.append(" ORDER BY ").append(QueueOrder.SQL).append(" LIMIT ").append(limit).append(')');
        }
        sql.append(" ORDER BY ").append(QueueOrder.SQL).append(" LIMIT ").append(limit);
        return firstColumn(sql.toString(), params, rs -> rs.getLong(1));
    }

    /** ASSIGNED items unchanged since the cutoff, locked, skipping any another node is already handling. */
    @Query("""
            SELECT id FROM item WHERE status = 'ASSIGNED' AND updated_at < :cutoff
            ORDER BY updated_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
    abstract List<Long> lockExpiredLeases(Instant cutoff, int limit);

    /**
     * The READY item to hand out next among the given systems and sites (null: every site), in the queue's order.
     * Locked; an item another claimer holds locked is skipped, not waited for. {@code drill}: only items of the
     * outages {@code drills} names (a drill's), else none of them.
     *
     * <p>The queue's index leads with the system, so one system's READY items are read from its first, however many
     * READY items other systems have. For several systems, each one's first item is read without a lock, and the
     * systems are tried in the order of those items: the first that still has a free item gives it.
     */
    Optional<Long> lockNextReady(Set<String> systems, Set<String> sites, Set<Long> drills, boolean drill) {
        for (String system : systems.size() == 1 ? List.copyOf(systems) : systemsByFirstItem(systems, sites, drills, drill)) {
            Optional<Long> id = lockFirstReady(system, sites, drills, drill);
            if (id.isPresent()) {
                return id;
            }
        }
        return Optional.empty();
    }

    /** The systems with a READY item, in the queue's order of their first one. */
    private List<String> systemsByFirstItem(Set<String> systems, Set<String> sites, Set<Long> drills, boolean drill) {
        List<String> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        for (String system : systems) {
            sql.append(sql.isEmpty() ? "" : " UNION ALL ")
                    .append("(SELECT target_system, priority_band, queue_rank, occurred_at, id FROM item")
                    .append(readyIn(system, sites, drills, drill, params))
                    .append(" ORDER BY ").append(QueueOrder.SQL).append(" LIMIT 1)");
        }
        sql.append(" ORDER BY ").append(QueueOrder.SQL);
        return firstColumn(sql.toString(), params, rs -> rs.getString(1));
    }

    /** The first column of every row the query answers, in its order. */
    private <T> List<T> firstColumn(String sql, List<String> params, Column<T> column) {
        return jdbc.prepareStatement(sql, ps -> {
            bind(ps, params);
            List<T> values = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(column.read(rs));
                }
            }
            return values;
        });
    }

    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private Optional<Long> lockFirstReady(String system, Set<String> sites, Set<Long> drills, boolean drill) {
        // Read the queue index in order and stop at the first free row: a plan that sorts would lock every READY row
        // it read until commit, and concurrent claimers would skip them all. The row is read in full (not from the
        // index alone) so that the lock covers the row itself.
        List<String> params = new ArrayList<>();
        String sql = "SELECT * FROM item" + readyIn(system, sites, drills, drill, params)
                + " ORDER BY " + QueueOrder.SQL + " LIMIT 1 FOR UPDATE SKIP LOCKED";
        return jdbc.prepareStatement(sql, ps -> {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong("id")) : Optional.empty();
            }
        });
    }

    /** {@code FROM item}'s index hint and the conditions of one system's READY items the caller may have. */
    private static String readyIn(String system, Set<String> sites, Set<Long> drills, boolean drill,
                                  List<String> params) {
        // a READY item is never closed: the condition lets the claim read the index from the system on
        StringBuilder sql = new StringBuilder(
                " FORCE INDEX (ix_item_queue) WHERE status = 'READY' AND closed_at IS NULL AND target_system = ?");
        params.add(system);
        if (sites != null) {
            in(sql, params, "site", sites);
        }
        if (drill || !drills.isEmpty()) {
            // ids read from the database, written out as numbers: a filter on the row, not a join that could sort
            sql.append(drill ? " AND outage_id IN (" : " AND outage_id NOT IN (")
                    .append(String.join(",", drills.stream().map(String::valueOf).toList())).append(')');
        }
        return sql.toString();
    }

    private static void bind(PreparedStatement ps, List<String> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setString(i + 1, params.get(i));
        }
    }

    private static void in(StringBuilder sql, List<String> params, String column, Set<String> values) {
        sql.append(" AND ").append(column).append(" IN (").append("?,".repeat(values.size() - 1)).append("?)");
        params.addAll(values);
    }
}
