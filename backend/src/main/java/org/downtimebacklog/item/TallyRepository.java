package org.downtimebacklog.item;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

/** The running counts behind the outage summary (table outage_tally). */
@JdbcRepository(dialect = Dialect.MYSQL)
abstract class TallyRepository implements GenericRepository<Item, Long> {

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

    @Query("""
            INSERT INTO outage_tally (outage_id, site, metric, label, shard, n)
            SELECT outage_id, site, 'status' AS metric, status, id % 8, COUNT(*) FROM item WHERE outage_id = :outageId
            GROUP BY outage_id, site, status, id % 8""")
    abstract void rebuildStatus(long outageId);

    @Query("""
            INSERT INTO outage_tally (outage_id, site, metric, label, shard, n)
            SELECT outage_id, site, 'band' AS metric, CAST(priority_band AS CHAR), id % 8, COUNT(*) FROM item
            WHERE outage_id = :outageId AND closed_at IS NULL GROUP BY outage_id, site, priority_band, id % 8""")
    abstract void rebuildBand(long outageId);

    @Query("""
            INSERT INTO outage_tally (outage_id, site, metric, label, shard, n)
            SELECT outage_id, site, 'system' AS metric, target_system, id % 8, COUNT(*) FROM item
            WHERE outage_id = :outageId AND closed_at IS NULL GROUP BY outage_id, site, target_system, id % 8""")
    abstract void rebuildSystem(long outageId);

    @Query("""
            INSERT INTO outage_tally (outage_id, site, metric, label, shard, n)
            SELECT outage_id, site, 'ward' AS metric, ward, id % 8, COUNT(*) FROM item
            WHERE outage_id = :outageId AND closed_at IS NULL GROUP BY outage_id, site, ward, id % 8""")
    abstract void rebuildWard(long outageId);

    @Query("""
            INSERT INTO outage_tally (outage_id, site, metric, label, shard, n)
            SELECT outage_id, site, 'logged' AS metric, CAST(FLOOR(UNIX_TIMESTAMP(logged_at) / 3600) AS CHAR), id % 8, COUNT(*)
            FROM item WHERE outage_id = :outageId GROUP BY outage_id, site, FLOOR(UNIX_TIMESTAMP(logged_at) / 3600), id % 8""")
    abstract void rebuildLogged(long outageId);

    @Query("""
            INSERT INTO outage_tally (outage_id, site, metric, label, shard, n)
            SELECT outage_id, site, 'closed' AS metric, CAST(FLOOR(UNIX_TIMESTAMP(closed_at) / 3600) AS CHAR), id % 8, COUNT(*)
            FROM item WHERE outage_id = :outageId AND closed_at IS NOT NULL
            GROUP BY outage_id, site, FLOOR(UNIX_TIMESTAMP(closed_at) / 3600), id % 8""")
    abstract void rebuildClosed(long outageId);
}
