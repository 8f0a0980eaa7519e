package org.downtimebacklog.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

/** A request body read by the service itself (not by the framework) that does not fit: 400 naming the field. */
public final class BadJson {

    private BadJson() {
    }

    public static InvalidInputException of(JsonProcessingException e) {
        Violation violation = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? JsonErrors.violation(mapping) : new Violation("body", "is not valid JSON");
        return InvalidInputException.badRequest(violation.field(), violation.message());
    }
}
