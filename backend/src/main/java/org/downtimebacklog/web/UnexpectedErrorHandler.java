package org.downtimebacklog.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.DisabledBeanException;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.http.HttpHeaders;
import org.downtimebacklog.database.LockConflicts;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;

/**
 * The last resort, for an exception nothing else answered. When the database cannot be reached (no connection within
 * the pool's short wait, a connection lost), the answer is 503 with Retry-After, quickly, so that clients and load
 * balancers retry instead of piling up; nothing was stored, as the transaction never committed. Anything else is a
 * 500 whose detail says nothing of the cause; the cause is logged.
 */
@Produces
@Singleton
@Context
public class UnexpectedErrorHandler implements ExceptionHandler<RuntimeException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    private final long retryAfterSeconds;
    private final Counter unreachable;
    private final Counter unexpected;
    private final Counter conflicts;

    UnexpectedErrorHandler(@Value("${backlog.database-down-retry-after-seconds:5}") long retryAfterSeconds,
                           MeterRegistry registry) {
        this.retryAfterSeconds = retryAfterSeconds;
        this.unreachable = Counter.builder("backlog.database.unreachable")
                .description("Requests answered 503 because the database could not be reached").register(registry);
        this.unexpected = Counter.builder("backlog.errors.unexpected")
                .description("Requests answered 500").register(registry);
        this.conflicts = Counter.builder("backlog.database.conflicts")
                .description("Requests answered 503 because a clash with another stopped their transaction")
                .register(registry);
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException e) {
        if (databaseUnreachable(e)) {
            unreachable.increment();
            LOG.warn("{} {}: the database cannot be reached ({})", request.getMethodName(), request.getPath(),
                    e.getClass().getSimpleName());
            return Problems.response(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                            "The database cannot be reached just now. Nothing was changed; try again shortly.",
                            List.of(), Map.of("retryAfterSeconds", retryAfterSeconds))
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        if (e instanceof DisabledBeanException) {
            // a part that could not be set up at start, such as sign-in through an identity provider that did not
            // answer then: the rest of the service works, this part does not until a restart
            LOG.warn("{} {}: not available since the service started ({})", request.getMethodName(), request.getPath(),
                    e.getMessage());
            return Problems.response(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                            "This part of the service is not available just now.", List.of(),
                            Map.of("retryAfterSeconds", retryAfterSeconds))
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        if (LockConflicts.isLockConflict(e)) {
            // the database rolled the request's transaction back whole: nothing of it was stored
            conflicts.increment();
            LOG.warn("{} {}: stopped by a clash with another request ({})", request.getMethodName(), request.getPath(),
                    e.getClass().getSimpleName());
            return Problems.response(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                            "This request clashed with another one made at the same moment and was stopped; what it "
                                    + "was to change was not changed. Try again.", List.of(),
                            Map.of("retryAfterSeconds", 1))
                    .header(HttpHeaders.RETRY_AFTER, "1");
        }
        unexpected.increment();
        LOG.error("{} {}: unexpected error", request.getMethodName(), request.getPath(), e);
        return Problems.response(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error",
                "Something went wrong on the server. It has been logged.", List.of(), Map.of());
    }

    /**
     * A connection could not be had or was lost: the data layer's, the pool's or the network's own word for it, or SQL
     * state class 08.
     */
    static boolean databaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
