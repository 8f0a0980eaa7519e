package org.downtimebacklog.exchange;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** A column mapping saved under a name, and who saved it when. */
@Serdeable
public record SavedMapping(String name, ImportMapping mapping, String updatedBy, Instant updatedAt) {

    /** A mapping to save under a name (replacing one saved under it before). */
    @Serdeable
    public record Request(@NotBlank @Size(max = 80) @Pattern(regexp = "^[^\\p{Cntrl}]+$",
            message = "must not hold control characters") String name, @NotNull @Valid ImportMapping mapping) {
    }
}
