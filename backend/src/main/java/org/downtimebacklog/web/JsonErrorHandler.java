package org.downtimebacklog.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.JacksonExceptionHandler;
import jakarta.inject.Singleton;

import java.util.List;

/** A body that is not JSON at all, or JSON of the wrong shape: 400 naming the field where possible. */
@Produces
@Singleton
@Replaces(JacksonExceptionHandler.class)
public class JsonErrorHandler implements ExceptionHandler<JsonProcessingException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return Problems.badRequest(List.of(JsonErrors.violation(mapping)));
        }
        return Problems.badRequest(List.of(new Violation("body", "is not valid JSON")));
    }
}
