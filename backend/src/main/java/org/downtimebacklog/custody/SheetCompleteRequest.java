package org.downtimebacklog.custody;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** How many entries the paper of a completed sheet holds, as counted on it. */
@Serdeable
public record SheetCompleteRequest(@NotNull @Min(0) @Max(SheetService.MAX_ENTRIES) Integer declaredEntries) {
}
