package org.downtimebacklog.duplicate;

import org.downtimebacklog.item.ItemSummaryResponse;
import org.downtimebacklog.item.Category;
import io.micronaut.core.annotation.Introspected;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.downtimebacklog.web.Codes;

import java.time.Instant;

/** An item about to be logged, as much of it as decides whether it repeats one already logged. */
@Introspected
public record DuplicateCheckRequest(
        @NotNull Long outageId,
        @NotNull Category category,
        @NotBlank @Pattern(regexp = Codes.SYSTEM, message = Codes.SYSTEM_MESSAGE) String targetSystem,
        @NotNull Instant occurredAt,
        @NotNull @Valid PatientIdRequest patient) {
}
