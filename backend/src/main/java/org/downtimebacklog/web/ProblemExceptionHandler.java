package org.downtimebacklog.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Produces
@Singleton
public class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, ProblemException e) {
        MutableHttpResponse<?> response = Problems.of(e);
        if (e instanceof ThrottledException throttled) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
        }
        return response;
    }
}
