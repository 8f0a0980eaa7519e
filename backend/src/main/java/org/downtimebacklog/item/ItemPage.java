package org.downtimebacklog.item;

import io.micronaut.core.annotation.Introspected;

import java.util.List;

/** One page of a list; {@code hasMore} says whether the next page has anything. */
@Introspected
public record ItemPage(List<ItemSummaryResponse> items, int page, int size, boolean hasMore) {
}
