package org.downtimebacklog.web;

import io.micronaut.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** The request is well formed but clashes with the current state. */
public class ConflictException extends ProblemException {
    public ConflictException(String detail) {
        super(HttpStatus.CONFLICT, "Conflict", detail);
    }

    public ConflictException(String detail, Map<String, Object> extra) {
        super(HttpStatus.CONFLICT, "Conflict", detail, List.of(), extra);
    }
}
