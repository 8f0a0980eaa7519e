package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;

/**
 * One status an item may be in to match a query; with {@code closed} set, only the items of that status that are
 * closed (true) or still open (false). An ENTERED item is closed when no second check is due, open while one is.
 */
public record StatusMatch(ItemStatus status, @Nullable Boolean closed) {

    public static StatusMatch of(ItemStatus status) {
        return new StatusMatch(status, null);
    }
}
