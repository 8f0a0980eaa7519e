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
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import org.downtimebacklog.web.AccessDeniedException;
import org.downtimebacklog.security.Caller;

import java.util.Arrays;

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
        request.getUserPrincipal(Authentication.class).ifPresent(authentication -> {
            Caller caller = callers.resolve(authentication);
            checkRoles(request, caller);
            request.setAttribute(ATTRIBUTE, caller);
        });
        return null;
    }

    /**
     * The roles an endpoint is secured to are checked again against the user's roles as the database holds them:
     * the token's roles only got the request this far, and may be out of date (or forged by whoever has the secret).
     */
    private static void checkRoles(HttpRequest<?> request, Caller caller) {
        RouteMatch<?> route = RouteAttributes.getRouteMatch(request).orElse(null);
        if (route == null) {
            return;
        }
        String[] secured = route.getAnnotationMetadata().stringValues(Secured.class);
        if (secured.length == 0 || Arrays.asList(secured).contains(SecurityRule.IS_AUTHENTICATED)
                || Arrays.asList(secured).contains(SecurityRule.IS_ANONYMOUS)) {
            return;
        }
        boolean allowed = Arrays.stream(secured).anyMatch(role -> caller.roles().stream().anyMatch(r -> r.name().equals(role)));
        if (!allowed) {
            throw AccessDeniedException.forbidden("Your role cannot do this.");
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
