package org.downtimebacklog.web;

import io.micronaut.core.annotation.Nullable;

/** Text as requests carry it. */
public final class Text {

    private Text() {
    }

    /** The text without surrounding blanks, or null when there is none. */
    public static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
