package org.downtimebacklog.outage;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface OutageRepository extends CrudRepository<Outage, Long> {

    @Query("SELECT * FROM outage WHERE id = :id FOR UPDATE")
    Optional<Outage> findByIdForUpdate(Long id);

    @Query("SELECT drill FROM outage WHERE id = :id")
    Optional<Boolean> findDrill(long id);

    @Query("SELECT id FROM outage WHERE drill")
    List<Long> findDrillIds();

    @Query("SELECT * FROM outage ORDER BY started_at DESC, id DESC LIMIT :limit")
    List<Outage> listRecent(int limit);
}
