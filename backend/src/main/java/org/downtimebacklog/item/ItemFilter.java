package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;

import java.util.Set;

/** Criteria for listing items. {@code sites} null means every site. */
record ItemFilter(
        @Nullable Set<String> sites,
        @Nullable Long outageId,
        @Nullable String site,
        @Nullable String ward,
        @Nullable ItemStatus status,
        @Nullable Category category,
        @Nullable String targetSystem,
        @Nullable Boolean highRisk,
        @Nullable String nhsNumber,
        @Nullable String localId,
        @Nullable String text,
        ItemSort sort) {
}
