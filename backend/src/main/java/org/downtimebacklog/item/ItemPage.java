package org.downtimebacklog.item;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * One page of a list; {@code hasMore} says whether the next page has anything, and {@code next} is then the cursor
 * that asks for it.
 */
@Introspected
public record ItemPage(
        List<ItemSummaryResponse> items,
        int page,
        int size,
        boolean hasMore,
        @Schema(description = "Send as cursor (with the same filters and sort) for the next page; null on the last")
        @Nullable String next) {
}
