package org.downtimebacklog.item;

import org.downtimebacklog.web.FreeText;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Size;

/** A team lead's band for an item, P1 to P4, with the reason; a null band clears the override. */
@Introspected
public record PriorityOverrideRequest(@Nullable String band, @FreeText @Nullable @Size(max = 500) String reason) {
}
