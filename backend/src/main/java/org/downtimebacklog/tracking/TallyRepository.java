package org.downtimebacklog.tracking;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

/** The running counts behind the outage summary (table outage_tally). */
@JdbcRepository(dialect = Dialect.MYSQL)
abstract class TallyRepository implements GenericRepository<TrackedItem, Long> {

    @Introspected
    record Count(String metric, String label, long n) {
    }

    private final JdbcOperations jdbc;

    TallyRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Moves the counts, in key order, in one statement. */
    void apply(List<Tally.Delta> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO outage_tally (outage_id, site, metric, label, shard, n) VALUES "
                + "(?, ?, ?, ?, ?, ?),".repeat(deltas.size() - 1) + "(?, ?, ?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE n = n + VALUES(n)";
        jdbc.prepareStatement(sql, ps -> {
            int p = 1;
            for (Tally.Delta d : deltas.stream().sorted().toList()) {
                ps.setLong(p++, d.outageId());
                ps.setString(p++, d.site());
                ps.setString(p++, d.metric());
                ps.setString(p++, d.label());
                ps.setInt(p++, d.shard());
                ps.setLong(p++, d.n());
            }
            return ps.executeUpdate();
        });
    }

    @Query("""
            SELECT metric, label, SUM(n) AS n FROM outage_tally
            WHERE outage_id = :outageId AND (:allSites = TRUE OR site IN (:sites))
            GROUP BY metric, label""")
    abstract List<Count> read(long outageId, boolean allSites, List<String> sites);

    // --- Rebuild from the items (after rows were written outside the application, or to check the counts) ---

    @Query("DELETE FROM outage_tally WHERE outage_id = :outageId")
    abstract void clear(long outageId);

    /** The shard of an item's counts: the same rule as {@link Tally}. */
    private static final String SHARD = "id % " + Tally.SHARDS;
    private static final String INSERT = "INSERT INTO outage_tally (outage_id, site, metric, label, shard, n) ";
    private static final String LOGGED_HOUR = "FLOOR(UNIX_TIMESTAMP(logged_at) / 3600)";
    private static final String CLOSED_HOUR = "FLOOR(UNIX_TIMESTAMP(closed_at) / 3600)";

    @Query(INSERT + "SELECT outage_id, site, 'status' AS metric, status, " + SHARD + ", COUNT(*) FROM item"
            + " WHERE outage_id = :outageId GROUP BY outage_id, site, status, " + SHARD)
    abstract void rebuildStatus(long outageId);

    @Query(INSERT + "SELECT outage_id, site, 'band' AS metric, CAST(priority_band AS CHAR), " + SHARD + ", COUNT(*)"
            + " FROM item WHERE outage_id = :outageId AND closed_at IS NULL"
            + " GROUP BY outage_id, site, priority_band, " + SHARD)
    abstract void rebuildBand(long outageId);

    @Query(INSERT + "SELECT outage_id, site, 'system' AS metric, target_system, " + SHARD + ", COUNT(*) FROM item"
            + " WHERE outage_id = :outageId AND closed_at IS NULL GROUP BY outage_id, site, target_system, " + SHARD)
    abstract void rebuildSystem(long outageId);

    @Query(INSERT + "SELECT outage_id, site, 'ward' AS metric, ward, " + SHARD + ", COUNT(*) FROM item"
            + " WHERE outage_id = :outageId AND closed_at IS NULL GROUP BY outage_id, site, ward, " + SHARD)
    abstract void rebuildWard(long outageId);

    @Query(INSERT + "SELECT outage_id, site, 'logged' AS metric, CAST(" + LOGGED_HOUR + " AS CHAR), " + SHARD
            + ", COUNT(*) FROM item WHERE outage_id = :outageId GROUP BY outage_id, site, " + LOGGED_HOUR + ", " + SHARD)
    abstract void rebuildLogged(long outageId);

    @Query(INSERT + "SELECT outage_id, site, 'closed' AS metric, CAST(" + CLOSED_HOUR + " AS CHAR), " + SHARD
            + ", COUNT(*) FROM item WHERE outage_id = :outageId AND closed_at IS NOT NULL"
            + " GROUP BY outage_id, site, " + CLOSED_HOUR + ", " + SHARD)
    abstract void rebuildClosed(long outageId);
}
