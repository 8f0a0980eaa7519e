package org.downtimebacklog.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.util.Comparator;
import java.util.List;

/** Bean-validation failures: 400 naming each field by its JSON path ("patient.nhsNumber"). */
@Produces
@Singleton
@Replaces(ConstraintExceptionHandler.class)
public class ConstraintViolationHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException e) {
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field))
                .toList();
        return Problems.badRequest(violations);
    }

    /** The JSON path of the field a violation is about ("patient.nhsNumber"). */
    public static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                // A request body parameter is the root of the JSON document; query values keep their name.
                if (isBody(node.getName())) {
                    continue;
                }
            }
            if (kind == ElementKind.CONTAINER_ELEMENT) {
                field.append('[').append(node.getIndex() == null ? "" : node.getIndex()).append(']');
                continue;
            }
            // a field of an element of a list carries the element's index: "items[3].idempotencyKey"
            boolean inElement = node.getIndex() != null && node.isInIterable();
            if (inElement) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(node.getName());
            if (node.getIndex() != null && !inElement) {
                field.append('[').append(node.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static boolean isBody(String name) {
        return "request".equals(name) || "body".equals(name);
    }
}
