package org.downtimebacklog.audit;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;

/** Items a device discarded unsent because they grew too old: how many and when, never what they were. */
@Introspected
public record DeviceDiscardRequest(
        @Schema(description = "How many items were discarded") @Min(1) @Max(100000) int count,
        @Schema(description = "When the oldest of them was captured") @NotNull Instant oldestCapturedAt,
        @Schema(description = "When the newest of them was captured") @Nullable Instant newestCapturedAt,
        @Schema(description = "When the device discarded them") @Nullable Instant discardedAt) {
}
