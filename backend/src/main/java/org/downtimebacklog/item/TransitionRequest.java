package org.downtimebacklog.item;

import org.downtimebacklog.web.FreeText;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A move of an item to another status. ENTERED needs {@code externalReference} (the record's id in the target
 * system); ON_HOLD and NOT_REQUIRED need a {@code reason}; DUPLICATE needs {@code duplicateOf}.
 */
@Introspected
public record TransitionRequest(
        @NotNull ItemStatus to,
        @FreeText @Nullable @Size(max = 500) String reason,
        @Nullable @Size(min = 1, max = 100) String externalReference,
        @Nullable Long duplicateOf) {
}
