package org.downtimebacklog.audit;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.Principal;

/**
 * Records in the audit trail every API request refused for the caller's role (403) or throttled (429), with who
 * (when known), the method, the path and the client's address, so that probing and password guessing can be seen.
 */
@ServerFilter("/api/**")
class RefusalAudit implements Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(RefusalAudit.class);

    private final AuditService audit;
    private final HttpClientAddressResolver addresses;

    RefusalAudit(AuditService audit, HttpClientAddressResolver addresses) {
        this.audit = audit;
        this.addresses = addresses;
    }

    /** Outside the security filter, so that its refusals pass through here too. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @ResponseFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    void record(HttpRequest<?> request, HttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        if (status != HttpStatus.FORBIDDEN && status != HttpStatus.TOO_MANY_REQUESTS) {
            return;
        }
        String username = request.getUserPrincipal().map(Principal::getName)
                .or(() -> request.getAttribute(AuditService.ATTEMPTED_USERNAME, String.class)).orElse(null);
        try {
            audit.recordRefusal(username, status.getCode(), request.getMethodName(), request.getPath(),
                    addresses.resolve(request));
        } catch (RuntimeException e) {
            LOG.warn("Could not record a refused request in the audit trail: {}", e.getClass().getSimpleName());
        }
    }
}
