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
     * Reads an outage's systems under a shared lock, so an item logged now and a recovery recorded now are
     * ordered: the item sees the system either down (and is released by the recovery) or already recovered.
     */
    @Query("SELECT * FROM outage_system WHERE outage_id = :outageId ORDER BY system_code LOCK IN SHARE MODE")
    List<OutageSystem> findByOutageForShare(long outageId);

    @Query("SELECT * FROM outage_system WHERE recovered_at IS NOT NULL ORDER BY outage_id, system_code")
    List<OutageSystem> findRecovered();

    @Query("SELECT * FROM outage_system WHERE outage_id = :outageId AND system_code = :systemCode FOR UPDATE")
    java.util.Optional<OutageSystem> findForUpdate(long outageId, String systemCode);
}
