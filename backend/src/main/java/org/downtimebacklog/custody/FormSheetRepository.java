package org.downtimebacklog.custody;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.sql.Timestamp;
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
}
