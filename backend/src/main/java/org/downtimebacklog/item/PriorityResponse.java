package org.downtimebacklog.item;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/**
 * An item's priority: its band (P1 most urgent), its score now (the age part grows while it waits) and the reasons in
 * words. When a team lead has
 * overridden the band, {@code overridden} is true and {@code overrideReason} says why.
 */
@Introspected
public record PriorityResponse(String band, int score, String reasons, boolean overridden,
                               @Nullable String overrideReason) {

    static PriorityResponse of(ItemPriority p, int scoreNow) {
        return new PriorityResponse(p.bandName(), scoreNow, p.reasons(), p.bandOverride() != null, p.overrideReason());
    }
}
