package org.downtimebacklog.account;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.web.AccessDeniedException;

import java.util.Optional;

/** Gives a controller method the {@link Caller} that {@link CallerFilter} resolved for the request. */
@Singleton
class CallerArgumentBinder implements TypedRequestArgumentBinder<Caller> {

    @Override
    public Argument<Caller> argumentType() {
        return Argument.of(Caller.class);
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
        Caller caller = source.getAttribute(CallerFilter.ATTRIBUTE, Caller.class)
                .orElseThrow(() -> AccessDeniedException.unauthorized("Sign in first."));
        return () -> Optional.of(caller);
    }
}
