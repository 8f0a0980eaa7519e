package org.downtimebacklog.outage;

import org.downtimebacklog.web.FreeText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Introspected;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.downtimebacklog.web.Codes;

import java.time.Instant;
import java.util.Set;

@Introspected
public record OutageCreateRequest(
        @NotBlank @Size(max = 200) String title,
        @NotEmpty @Size(max = 50) Set<@NotNull @Pattern(regexp = Codes.SITE, message = Codes.SITE_MESSAGE) String> sites,
        @NotEmpty @Size(max = 30) Set<@NotNull @Pattern(regexp = Codes.SYSTEM, message = Codes.SYSTEM_MESSAGE) String> systems,
        @NotNull Instant startedAt,
        @FreeText @Nullable @Size(max = 4000) String notes,
        @Nullable Boolean drill) {

    /** A drill (a continuity exercise with test patients only); fixed when the outage is declared. */
    public boolean declaresDrill() {
        return Boolean.TRUE.equals(drill);
    }
}
