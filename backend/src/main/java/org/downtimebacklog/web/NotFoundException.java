package org.downtimebacklog.web;

import io.micronaut.http.HttpStatus;

/** The thing does not exist, or the caller may not know that it does. */
public class NotFoundException extends ProblemException {
    public NotFoundException(String what) {
        super(HttpStatus.NOT_FOUND, "Not found", what + " was not found.");
    }
}
