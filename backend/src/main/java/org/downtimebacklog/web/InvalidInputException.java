package org.downtimebacklog.web;

import io.micronaut.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** Fields that are well formed but not acceptable (422), or not well formed (400). Names every bad field. */
public class InvalidInputException extends ProblemException {

    public InvalidInputException(HttpStatus status, List<Violation> violations) {
        super(status, status == HttpStatus.BAD_REQUEST ? "Bad request" : "Unprocessable request",
                describe(violations), violations, Map.of());
    }

    public InvalidInputException(List<Violation> violations) {
        this(HttpStatus.UNPROCESSABLE_ENTITY, violations);
    }

    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(List.of(new Violation(field, message)));
    }

    public static InvalidInputException badRequest(String field, String message) {
        return new InvalidInputException(HttpStatus.BAD_REQUEST, List.of(new Violation(field, message)));
    }

    private static String describe(List<Violation> violations) {
        if (violations.size() == 1) {
            Violation v = violations.get(0);
            return v.field() + ": " + v.message();
        }
        return violations.size() + " fields are invalid.";
    }
}
