package org.downtimebacklog.exchange;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** A mapping to try on the file's first rows (20 unless said, at most 50). */
@Serdeable
public record ImportPreviewRequest(@NotNull @Valid ImportMapping mapping, @Nullable @Min(1) @Max(50) Integer rows) {
}
