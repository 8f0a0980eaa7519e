package org.downtimebacklog.custody;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.sql.Types;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
abstract class FormSheetRepository implements GenericRepository<FormSheet, Long> {

    private static final String INSERT = "INSERT INTO form_sheet (sheet_id, pack_id, sheet_no, site, ward, kind, "
            + "status, outage_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcOperations jdbc;

    FormSheetRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a pack's sheets (without reading back their row ids) as one batch, which the driver sends as multi-row
     * inserts.
     */
    void insertAll(List<FormSheet> sheets) {
        jdbc.prepareStatement(INSERT, ps -> {
            for (FormSheet s : sheets) {
                ps.setString(1, s.sheetId());
                ps.setLong(2, s.packId());
                ps.setInt(3, s.sheetNo());
                ps.setString(4, s.site());
                ps.setString(5, s.ward());
                ps.setString(6, s.kind().name());
                ps.setString(7, s.status().name());
                if (s.outageId() == null) {
                    ps.setNull(8, Types.BIGINT);
                } else {
                    ps.setLong(8, s.outageId());
                }
                ps.setString(9, s.createdBy());
                ps.setTimestamp(10, Timestamp.from(s.createdAt()));
                ps.addBatch();
            }
            ps.executeBatch();
            return null;
        });
    }

    @Query("SELECT * FROM form_sheet WHERE pack_id = :packId ORDER BY sheet_no")
    abstract List<FormSheet> findByPack(long packId);

    @Query("SELECT * FROM form_sheet WHERE sheet_id = :sheetId")
    abstract Optional<FormSheet> findBySheetId(String sheetId);

    @Query("SELECT * FROM form_sheet WHERE sheet_id = :sheetId FOR UPDATE")
    abstract Optional<FormSheet> findBySheetIdForUpdate(String sheetId);

    @Query("SELECT * FROM form_sheet WHERE outage_id = :outageId ORDER BY ward, sheet_id")
    abstract List<FormSheet> findByOutage(long outageId);

    /** Sheets of packs printed for no outage, made before {@code before}, at these sites, still ISSUED. */
    @Query("SELECT * FROM form_sheet WHERE outage_id IS NULL AND status = 'ISSUED' AND site IN (:sites) "
            + "AND created_at < :before ORDER BY ward, sheet_id")
    abstract List<FormSheet> findUnusedWithoutOutage(Collection<String> sites, Instant before);

    /** A sheet's next state: its status, count declared, reason, outage, and the next version. */
    @Query("UPDATE form_sheet SET status = :status, declared_entries = :declaredEntries, status_reason = :reason, "
            + "outage_id = :outageId, updated_at = :now, version = version + 1 WHERE id = :id")
    abstract void updateState(long id, String status, @Nullable Integer declaredEntries, @Nullable String reason,
                              @Nullable Long outageId, Instant now);

    /*
     * The statements below read the item table in aggregate, as tracking's do: how many items name each sheet. An item
     * closed as a DUPLICATE repeats another line of paper, so it is not counted; every other item is, whatever its
     * status (one closed as not required still came from a line on the sheet).
     */

    /** How many items (not duplicates) name each of these sheets; sheets no item names are left out. */
    Map<String, Long> loggedEntries(Collection<String> sheetIds) {
        Map<String, Long> counts = new HashMap<>();
        if (sheetIds.isEmpty()) {
            return counts;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(sheetIds.size(), "?"));
        jdbc.prepareStatement("SELECT sheet_id, COUNT(*) FROM item WHERE sheet_id IN (" + marks + ") "
                + "AND status <> 'DUPLICATE' GROUP BY sheet_id", ps -> {
            int i = 1;
            for (String id : sheetIds) {
                ps.setString(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            return null;
        });
        return counts;
    }

    /** An item of an outage that names a sheet not registered here. */
    record UnknownSheetItem(String sheetId, long itemId, String site) {
    }

    /** The items of the outage naming a sheet id that is not registered, by sheet id and item id. */
    List<UnknownSheetItem> unknownSheetItems(long outageId) {
        return jdbc.prepareStatement("SELECT i.sheet_id, i.id, i.site FROM item i WHERE i.outage_id = ? "
                + "AND i.sheet_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM form_sheet s WHERE s.sheet_id = i.sheet_id) "
                + "ORDER BY i.sheet_id, i.id", ps -> {
            ps.setLong(1, outageId);
            List<UnknownSheetItem> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new UnknownSheetItem(rs.getString(1), rs.getLong(2), rs.getString(3)));
                }
            }
            return found;
        });
    }
}
