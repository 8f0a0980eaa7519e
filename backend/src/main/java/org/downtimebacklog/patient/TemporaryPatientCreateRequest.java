package org.downtimebacklog.patient;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.downtimebacklog.web.Codes;
import org.downtimebacklog.web.FreeText;

/** A temporary identity to issue at a site, with what is known of the patient (e.g. "man about 40, found in car park"). */
@Serdeable
public record TemporaryPatientCreateRequest(
        @NotNull @Pattern(regexp = Codes.SITE, message = Codes.SITE_MESSAGE) String site,
        @Nullable @Size(max = 500) @FreeText String description) {
}
