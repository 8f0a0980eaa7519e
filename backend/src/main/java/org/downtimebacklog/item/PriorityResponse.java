package org.downtimebacklog.item;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/**
 * An item's priority: its band (P1 most urgent), the score behind it and the reasons in words. When a team lead has
 * overridden the band, {@code overridden} is true and {@code overrideReason} says why.
 */
@Introspected
public record PriorityResponse(String band, int score, String reasons, boolean overridden,
                               @Nullable String overrideReason) {

    static PriorityResponse of(ItemPriority p) {
        return new PriorityResponse(p.bandName(), p.score(), p.reasons(), p.bandOverride() != null, p.overrideReason());
    }
}
