package org.downtimebacklog.item;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Something about an item being logged that is allowed but worth a second look, answered with it: the field it is
 * about, a code a client can act on (for example {@code SHEET_OF_OTHER_WARD}) and a sentence for people.
 */
@Serdeable
public record CaptureWarning(String field, String code, String detail) {
}
