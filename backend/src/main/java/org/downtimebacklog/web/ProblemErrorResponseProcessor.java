package org.downtimebacklog.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every error the framework itself produces (no route, wrong method, wrong media type, body too large, not signed
 * in, not allowed) as RFC 9457 problem+json, with a detail written for the API's user. Messages from exceptions are
 * never passed through: they are written for developers and may quote submitted data.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Map<String, Object>> {

    @Override
    public MutableHttpResponse<Map<String, Object>> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReason());
        body.put("status", status.getCode());
        String detail = detail(status, context);
        if (detail != null) {
            body.put("detail", detail);
        }
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return response.contentType(Problems.MEDIA_TYPE).body(null);
        }
        return ((MutableHttpResponse<Map<String, Object>>) response).contentType(Problems.MEDIA_TYPE).body(body);
    }

    private static String detail(HttpStatus status, ErrorContext context) {
        return switch (status) {
            case UNAUTHORIZED -> AccessDeniedException.SIGN_IN_FIRST;
            case FORBIDDEN -> "Your role does not allow this.";
            case NOT_FOUND -> "There is nothing at " + context.getRequest().getPath() + ".";
            case METHOD_NOT_ALLOWED -> context.getRequest().getMethodName() + " is not allowed here.";
            case UNSUPPORTED_MEDIA_TYPE -> "Content-Type: send the body as application/json.";
            case NOT_ACCEPTABLE -> "Accept: this resource is available as application/json.";
            case REQUEST_ENTITY_TOO_LARGE -> "The request is too large: its body, its URL or its headers.";
            case BAD_REQUEST -> "The request could not be read.";
            default -> status.getCode() >= 500 ? "Something went wrong on the server. It has been logged." : null;
        };
    }
}
