package org.downtimebacklog.exchange;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Why a row cannot be stored: the file's column (null for a fixed value or the row as a whole), the item field, why. */
@Serdeable
public record ImportProblem(@Nullable String column, String field, String message) {
}
