package org.downtimebacklog.custody;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.downtimebacklog.web.Codes;

/**
 * A pack to print: {@code count} sheets of one kind for a ward of a site, for an open outage or (without
 * {@code outageId}) ahead of any, to keep in the ward's downtime box.
 */
@Serdeable
public record FormPackCreateRequest(
        @NotNull @Pattern(regexp = Codes.SITE, message = Codes.SITE_MESSAGE) String site,
        @NotBlank @Size(max = 64) String ward,
        @NotNull FormKind kind,
        @NotNull @Min(1) @Max(FormPackService.MAX_SHEETS) Integer count,
        @Nullable Long outageId) {
}
