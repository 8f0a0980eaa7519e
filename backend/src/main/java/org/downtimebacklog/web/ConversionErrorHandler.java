package org.downtimebacklog.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * A value of the wrong type or format (a string where a list belongs, a date that is not a date, an unknown enum
 * constant, a property that does not exist): 400 naming the field by its JSON path, without echoing the value.
 */
@Produces
@Singleton
@Replaces(io.micronaut.http.server.exceptions.ConversionErrorHandler.class)
public class ConversionErrorHandler implements ExceptionHandler<ConversionErrorException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConversionErrorException e) {
        boolean body = e.getArgument().getAnnotationMetadata().hasAnnotation(Body.class);
        JsonMappingException mapping = find(e, JsonMappingException.class);
        if (body && mapping != null) {
            return Problems.badRequest(List.of(JsonErrors.violation(mapping)));
        }
        if (body && find(e, JsonProcessingException.class) != null) {
            return Problems.badRequest(List.of(new Violation("body", "is not valid JSON")));
        }
        return Problems.badRequest(List.of(new Violation(e.getArgument().getName(), "has the wrong type or format")));
    }

    static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
