package org.downtimebacklog.web;

import io.micronaut.http.HttpStatus;

/** Not signed in or the session is no longer valid (401), or signed in without the right (403). */
public class AccessDeniedException extends ProblemException {

    public static final String SIGN_IN_FIRST =
            "Sign in first: send a valid, unexpired access token as 'Authorization: Bearer <token>'.";

    private AccessDeniedException(HttpStatus status, String title, String detail) {
        super(status, title, detail);
    }

    public static AccessDeniedException unauthorized(String detail) {
        return new AccessDeniedException(HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
    }

    public static AccessDeniedException forbidden(String detail) {
        return new AccessDeniedException(HttpStatus.FORBIDDEN, "Forbidden", detail);
    }
}
