package org.downtimebacklog.web;

import io.micronaut.core.annotation.Nullable;

/** Versions as HTTP shows them: the ETag {@code "3"}, and If-Match checked against it. */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** 428 when If-Match is missing. "*" is not accepted: a change must name the version it was made against. */
    public static void requirePresent(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw PreconditionException.required();
        }
    }

    /** 412 when an If-Match is given and names another version; nothing is checked without one. */
    public static void check(@Nullable String ifMatch, long version) {
        if (ifMatch != null && !matches(ifMatch, version)) {
            throw PreconditionException.failed(of(version));
        }
    }

    private static boolean matches(String ifMatch, long version) {
        for (String tag : ifMatch.split(",")) {
            String t = tag.strip();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals(of(version))) {
                return true;
            }
        }
        return false;
    }
}
