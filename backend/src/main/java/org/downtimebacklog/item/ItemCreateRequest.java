package org.downtimebacklog.item;

import org.downtimebacklog.web.FreeText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Introspected;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.downtimebacklog.web.Codes;

import java.time.Instant;

@Introspected
public record ItemCreateRequest(
        @NotNull Long outageId,
        @NotBlank @Pattern(regexp = Codes.SITE, message = Codes.SITE_MESSAGE) String site,
        @NotBlank @Size(max = 64) String ward,
        @NotNull Category category,
        @NotBlank @Pattern(regexp = Codes.SYSTEM, message = Codes.SYSTEM_MESSAGE) String targetSystem,
        @NotNull @Valid PatientRequest patient,
        @NotNull Instant occurredAt,
        @NotBlank @Size(max = 120) String recordedBy,
        @Nullable CareRole recordedByRole,
        @Nullable @Size(max = 64) String paperReference,
        @FreeText @NotBlank @Size(max = 500) String summary,
        @FreeText @Nullable @Size(max = 4000) String details,
        @NotNull Boolean highRisk,
        @NotNull PatientStatus patientStatus) {
}
