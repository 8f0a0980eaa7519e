package org.downtimebacklog.web;

import io.micronaut.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** If-Match missing (428) or stale (412). */
public class PreconditionException extends ProblemException {

    private PreconditionException(HttpStatus status, String title, String detail, Map<String, Object> extra) {
        super(status, title, detail, List.of(), extra);
    }

    public static PreconditionException required() {
        return new PreconditionException(HttpStatus.PRECONDITION_REQUIRED, "Precondition required",
                "If-Match: send the ETag of the version you are changing.", Map.of("field", "If-Match"));
    }

    public static PreconditionException failed(String currentEtag) {
        return new PreconditionException(HttpStatus.PRECONDITION_FAILED, "Precondition failed",
                "If-Match: the record was changed by someone else since you read it. Reload it and try again.",
                Map.of("field", "If-Match", "currentEtag", currentEtag));
    }
}
