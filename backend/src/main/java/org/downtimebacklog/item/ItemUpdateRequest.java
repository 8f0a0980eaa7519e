package org.downtimebacklog.item;

import org.downtimebacklog.web.FreeText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Introspected;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.downtimebacklog.web.Codes;

import java.time.Instant;

/**
 * A correction to captured fields. A field left out (or null) stays as it is; an empty string clears an optional
 * text field; {@code patient}, when given, replaces the whole patient block.
 */
@Introspected
public record ItemUpdateRequest(
        @Nullable @Pattern(regexp = Codes.SITE, message = Codes.SITE_MESSAGE) String site,
        @Nullable @Size(min = 1, max = 64) String ward,
        @Nullable Category category,
        @Nullable @Pattern(regexp = Codes.SYSTEM, message = Codes.SYSTEM_MESSAGE) String targetSystem,
        @Nullable @Valid PatientRequest patient,
        @Nullable Instant occurredAt,
        @Nullable @Size(min = 1, max = 120) String recordedBy,
        @Nullable CareRole recordedByRole,
        @Nullable @Size(max = 64) String paperReference,
        @FreeText @Nullable @Size(min = 1, max = 500) String summary,
        @FreeText @Nullable @Size(max = 4000) String details,
        @Nullable Boolean highRisk,
        @Nullable PatientStatus patientStatus,
        @FreeText @Nullable @Size(max = 500) String reason) {
}
