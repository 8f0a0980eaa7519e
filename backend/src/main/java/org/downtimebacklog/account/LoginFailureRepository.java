package org.downtimebacklog.account;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface LoginFailureRepository extends GenericRepository<LoginFailure, LoginFailure.Key> {

    /**
     * Makes sure the row exists and takes its lock (an upsert locks the row exclusively either way, where INSERT
     * IGNORE would share it), so that sign-ins for one username, on any instance, are checked one at a time: a burst
     * of parallel guesses cannot all pass the check before any is counted. A new row is empty. Every sign-in takes
     * the username's row for every address first, and only then the row for its own address.
     */
    @Query("""
            INSERT INTO login_failure (username, client, drained_at) VALUES (:username, :client, :now)
            ON DUPLICATE KEY UPDATE drained_at = drained_at""")
    void lock(String username, String client, Instant now);

    @Query("SELECT drained_at FROM login_failure WHERE username = :username AND client = :client")
    Optional<Instant> drainedAt(String username, String client);

    @Query("""
            INSERT INTO login_failure (username, client, drained_at) VALUES (:username, :client, :drainedAt)
            ON DUPLICATE KEY UPDATE drained_at = VALUES(drained_at)""")
    void save(String username, String client, Instant drainedAt);

    /** Forgets a client's failures for the username. */
    @Query("DELETE FROM login_failure WHERE username = :username AND client = :client")
    void forget(String username, String client);

    /**
     * Up to {@code limit} usernames whose every row has drained, their rows for every address locked; a username
     * being signed in with right now is skipped, not waited for (its sign-in holds that row).
     */
    @Query("""
            SELECT f.username FROM login_failure f
            WHERE f.client = '' AND f.drained_at <= :now
              AND NOT EXISTS (SELECT 1 FROM login_failure p WHERE p.username = f.username AND p.drained_at > :now)
            ORDER BY f.drained_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
    List<String> lockDrained(Instant now, int limit);

    @Query("DELETE FROM login_failure WHERE username IN (:usernames)")
    void deleteAll(List<String> usernames);
}
