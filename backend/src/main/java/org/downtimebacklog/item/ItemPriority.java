package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedProperty;

/**
 * An item's priority as stored: the computed score, the band in force (a team lead's override, when there is one,
 * else the band of the score) and the reasons in words.
 */
@Embeddable
record ItemPriority(
        @MappedProperty("priority_score") int score,
        @MappedProperty("priority_band") int band,
        @MappedProperty("priority_reasons") String reasons,
        @MappedProperty("band_override") @Nullable Integer bandOverride,
        @MappedProperty("override_reason") @Nullable String overrideReason) {

    static ItemPriority computed(Priority p) {
        return new ItemPriority(p.score(), p.band(), p.reasons(), null, null);
    }

    /** A newly computed priority; a team lead's override still holds. */
    ItemPriority recomputed(Priority p) {
        return new ItemPriority(p.score(), bandOverride != null ? bandOverride : p.band(), p.reasons(), bandOverride,
                overrideReason);
    }

    /** A team lead's band; null clears the override and restores {@code computedBand}. */
    ItemPriority overridden(@Nullable Integer override, @Nullable String reason, int computedBand) {
        return new ItemPriority(score, override != null ? override : computedBand, reasons, override,
                override == null ? null : reason);
    }

    String bandName() {
        return Priority.bandName(band);
    }
}
