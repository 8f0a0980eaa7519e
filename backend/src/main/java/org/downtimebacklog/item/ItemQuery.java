package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;

/**
 * The filters of the item list (GET /api/items) for other features, such as the exports: every item that matches
 * all the given ones, at the caller's sites.
 */
public record ItemQuery(
        @Nullable Long outageId,
        @Nullable String site,
        @Nullable String ward,
        @Nullable ItemStatus status,
        @Nullable Category category,
        @Nullable String targetSystem,
        @Nullable Boolean highRisk,
        @Nullable String text) {

    ItemFilter filter() {
        return new ItemFilter(null, outageId, site, ward, status, category, targetSystem, highRisk, null, null, text,
                ItemSort.parse("id"));
    }
}
