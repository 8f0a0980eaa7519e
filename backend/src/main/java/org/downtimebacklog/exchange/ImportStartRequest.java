package org.downtimebacklog.exchange;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The mapping to import with, and optionally a name to save it under for the next file of the same shape. */
@Serdeable
public record ImportStartRequest(@NotNull @Valid ImportMapping mapping,
                                 @Nullable @Size(min = 1, max = 80) @Pattern(regexp = "^[^\\p{Cntrl}]+$",
                                         message = "must not hold control characters") String saveAs) {
}
