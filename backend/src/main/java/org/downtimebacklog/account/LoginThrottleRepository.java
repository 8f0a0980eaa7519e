package org.downtimebacklog.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface LoginThrottleRepository extends GenericRepository<LoginThrottle, String> {

    @Query("SELECT * FROM login_throttle WHERE username = :username FOR UPDATE")
    Optional<LoginThrottle> findForUpdate(String username);

    @Query("""
            INSERT INTO login_throttle (username, failures, locked_until, last_failure_at)
            VALUES (:username, :failures, :lockedUntil, :at)
            ON DUPLICATE KEY UPDATE failures = VALUES(failures), locked_until = VALUES(locked_until),
                                    last_failure_at = VALUES(last_failure_at)""")
    void recordFailure(String username, int failures, @Nullable Instant lockedUntil, Instant at);

    @Query("DELETE FROM login_throttle WHERE username = :username")
    void clear(String username);
}
