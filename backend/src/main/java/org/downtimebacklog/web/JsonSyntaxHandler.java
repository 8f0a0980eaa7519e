package org.downtimebacklog.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.JsonExceptionHandler;
import io.micronaut.json.JsonSyntaxException;
import jakarta.inject.Singleton;

import java.util.List;

/** A body that is not well-formed JSON. */
@Produces
@Singleton
@Replaces(JsonExceptionHandler.class)
public class JsonSyntaxHandler implements ExceptionHandler<JsonSyntaxException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, JsonSyntaxException e) {
        return Problems.badRequest(List.of(new Violation("body", "is not valid JSON")));
    }
}
