package org.downtimebacklog.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import org.downtimebacklog.security.Caller;

/**
 * Resolves the signed-in user once per request, after the token was checked: a disabled user, or a token older than
 * the user's last change, is refused (401) here, before any controller runs. Controllers take the {@link Caller} as a
 * parameter ({@link CallerArgumentBinder}), so none can forget the check.
 */
@ServerFilter("/api/**")
class CallerFilter implements Ordered {

    static final String ATTRIBUTE = "backlog.caller";
    private static final String AUTH_PATHS = "/api/auth/";

    private final CallerService callers;

    CallerFilter(CallerService callers) {
        this.callers = callers;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> resolve(HttpRequest<?> request) {
        if (request.getPath().startsWith(AUTH_PATHS)) {
            // sign-in, refresh and sign-out decide for themselves (sign-out must work with an outdated token)
            return null;
        }
        request.getUserPrincipal(Authentication.class)
                .ifPresent(authentication -> request.setAttribute(ATTRIBUTE, callers.resolve(authentication)));
        return null;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
