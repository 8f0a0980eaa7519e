package org.downtimebacklog.web;

import com.mysql.cj.jdbc.exceptions.MySQLTransactionRollbackException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request the database stopped for a clash with another one made at the same moment (a deadlock, a lock wait that
 * timed out, a cluster's certification conflict) was rolled back whole: it is answered 503 with Retry-After, never
 * 500, so that clients try again.
 */
class LockConflictAnswerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final UnexpectedErrorHandler handler = new UnexpectedErrorHandler(5, registry);

    @Test
    void aDeadlockOrALockWaitTimeoutIsA503ToRetryNeverA500() {
        for (SQLException clash : new SQLException[]{
                new MySQLTransactionRollbackException("Deadlock found when trying to get lock", "40001", 1213),
                new SQLException("Lock wait timeout exceeded", "HY000", 1205)}) {
            HttpResponse<?> answer = handler.handle(HttpRequest.POST("/api/queue/next", ""),
                    new DataAccessException("Error preparing SQL statement", clash));
            assertThat(answer.getStatus().getCode()).isEqualTo(503);
            assertThat(answer.getHeaders().get("Retry-After")).isEqualTo("1");
            assertThat(answer.getBody().orElseThrow().toString()).contains("clashed with another");
        }
        assertThat(registry.get("backlog.database.conflicts").counter().count()).isEqualTo(2);
        assertThat(registry.get("backlog.errors.unexpected").counter().count()).isZero();
    }

    @Test
    void anyOtherFailureIsStillA500() {
        HttpResponse<?> answer = handler.handle(HttpRequest.GET("/api/items"),
                new DataAccessException("Error", new SQLException("Unknown column", "42S22", 1054)));
        assertThat(answer.getStatus().getCode()).isEqualTo(500);
    }
}
