package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;

import java.util.Set;

/**
 * The filters of the item list (GET /api/items) for other features, such as the exports and the FHIR API: every item
 * that matches all the given ones, at the caller's sites. {@code statuses}, when given, matches an item in any of
 * them; {@code nhsNumber} (ten digits) and {@code localId} find a patient's items.
 */
public record ItemQuery(
        @Nullable Long outageId,
        @Nullable String site,
        @Nullable String ward,
        @Nullable ItemStatus status,
        @Nullable Category category,
        @Nullable String targetSystem,
        @Nullable Boolean highRisk,
        @Nullable String text,
        @Nullable Set<StatusMatch> statuses,
        @Nullable String nhsNumber,
        @Nullable String localId) {

    public ItemQuery(@Nullable Long outageId, @Nullable String site, @Nullable String ward, @Nullable ItemStatus status,
                     @Nullable Category category, @Nullable String targetSystem, @Nullable Boolean highRisk,
                     @Nullable String text) {
        this(outageId, site, ward, status, category, targetSystem, highRisk, text, null, null, null);
    }

    ItemFilter filter() {
        return new ItemFilter(null, outageId, site, ward, status, category, targetSystem, highRisk, nhsNumber, localId,
                text, ItemSort.parse("id")).withStatuses(statuses);
    }
}
