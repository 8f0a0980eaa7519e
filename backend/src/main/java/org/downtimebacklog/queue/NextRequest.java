package org.downtimebacklog.queue;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.downtimebacklog.web.Codes;

import java.util.Set;

/**
 * Narrows "give me the next item" to some of the caller's target systems, or one of their sites; {@code drill} true
 * takes from drill outages only, otherwise drill items are never handed out.
 */
@Introspected
public record NextRequest(
        @Nullable Set<@NotNull @Pattern(regexp = Codes.SYSTEM, message = Codes.SYSTEM_MESSAGE) String> targetSystems,
        @Nullable @Pattern(regexp = Codes.SITE, message = Codes.SITE_MESSAGE) String site,
        @Nullable Boolean drill) {
}
