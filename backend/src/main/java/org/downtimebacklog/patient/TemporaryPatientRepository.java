package org.downtimebacklog.patient;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface TemporaryPatientRepository extends CrudRepository<TemporaryPatient, Long> {

    /** The site's next number: the counter row is created or moved on, and stays locked until the transaction ends. */
    @Query("""
            INSERT INTO temporary_patient_counter (site, last_number) VALUES (:site, 1)
            ON DUPLICATE KEY UPDATE last_number = last_number + 1""")
    int advanceCounter(String site);

    @Query("SELECT last_number FROM temporary_patient_counter WHERE site = :site")
    int lastNumber(String site);

    @Query("SELECT * FROM temporary_patient WHERE temporary_id = :temporaryId")
    Optional<TemporaryPatient> findByTemporaryId(String temporaryId);

    /** Shared lock: items may be logged under it meanwhile, but no merge. */
    @Query("SELECT * FROM temporary_patient WHERE temporary_id = :temporaryId LOCK IN SHARE MODE")
    Optional<TemporaryPatient> findForShare(String temporaryId);

    /**
     * Fixes the kind of outage the identity serves, when not yet fixed (0 rows when it was). Called under the shared
     * lock: two first items at once wait for each other, and the database stops one, which is made again.
     */
    @Query("UPDATE temporary_patient SET drill = :drill WHERE id = :id AND drill IS NULL")
    int fixKind(long id, boolean drill);

    /** Exclusive lock: waits for the items being logged under it, and holds off new ones until the merge ends. */
    @Query("SELECT * FROM temporary_patient WHERE temporary_id = :temporaryId FOR UPDATE")
    Optional<TemporaryPatient> findForUpdate(String temporaryId);
}
