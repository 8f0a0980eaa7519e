package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;

/**
 * An item's priority as stored: the score when computed, the band in force (a team lead's override, when there is
 * one, else the band of the score), the reasons in words, its rank within the band (the order of a score that keeps
 * growing with age, see {@link PriorityPolicy#rank}) and when its back-entry is due (null until it enters the queue).
 */
@Embeddable
record ItemPriority(
        @MappedProperty("priority_score") int score,
        @MappedProperty("priority_band") int band,
        @MappedProperty("priority_reasons") String reasons,
        @MappedProperty("band_override") @Nullable Integer bandOverride,
        @MappedProperty("override_reason") @Nullable String overrideReason,
        @MappedProperty("queue_rank") long rank,
        @MappedProperty("due_at") @Nullable Instant dueAt) {

    static ItemPriority computed(Priority p, @Nullable Instant dueAt) {
        return new ItemPriority(p.score(), p.band(), p.reasons(), null, null, p.rank(), dueAt);
    }

    /** A newly computed priority; a team lead's override still holds. The caller sets the due time that follows. */
    ItemPriority recomputed(Priority p) {
        return new ItemPriority(p.score(), bandOverride != null ? bandOverride : p.band(), p.reasons(), bandOverride,
                overrideReason, p.rank(), dueAt);
    }

    /** A team lead's band; null clears the override and restores {@code computedBand}. */
    ItemPriority overridden(@Nullable Integer override, @Nullable String reason, int computedBand) {
        return new ItemPriority(score, override != null ? override : computedBand, reasons, override,
                override == null ? null : reason, rank, dueAt);
    }

    /** The same priority due at another time (null: not in the queue). */
    ItemPriority due(@Nullable Instant at) {
        return new ItemPriority(score, band, reasons, bandOverride, overrideReason, rank, at);
    }

    String bandName() {
        return Priority.bandName(band);
    }
}
