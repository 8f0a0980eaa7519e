package org.downtimebacklog.outage;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
interface OutageSystemRepository extends CrudRepository<OutageSystem, Long> {

    @Query("SELECT * FROM outage_system WHERE outage_id = :outageId ORDER BY system_code")
    List<OutageSystem> findByOutage(long outageId);

    @Query("SELECT * FROM outage_system WHERE outage_id IN (:outageIds) ORDER BY outage_id, system_code")
    List<OutageSystem> findByOutages(Collection<Long> outageIds);

    /**
     * Reads an outage with its systems, in one statement, under a shared lock on their rows: an item logged now and
     * a recovery or a close recorded now are ordered, so the item sees the system either down (and is released by the
     * recovery) or already recovered, and the outage either open (and the item is stored before it closes) or closed.
     */
    @Query("""
            SELECT o.id AS outage_id, o.sites, o.started_at, o.closed_at, o.drill, s.system_code, s.recovered_at
            FROM outage o JOIN outage_system s ON s.outage_id = o.id
            WHERE o.id = :outageId ORDER BY s.system_code LOCK IN SHARE MODE""")
    List<SystemOfOutage> findWithOutageForShare(long outageId);

    @Query("SELECT * FROM outage_system WHERE recovered_at IS NOT NULL ORDER BY outage_id, system_code")
    List<OutageSystem> findRecovered();

    @Query("SELECT * FROM outage_system WHERE outage_id = :outageId AND system_code = :systemCode FOR UPDATE")
    java.util.Optional<OutageSystem> findForUpdate(long outageId, String systemCode);
}
