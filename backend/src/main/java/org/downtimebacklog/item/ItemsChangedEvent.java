package org.downtimebacklog.item;

import java.util.List;

/**
 * Items were logged or changed. Published inside the transaction that writes them, so what listeners do (moving the
 * outage's running counts) commits or rolls back with the change. {@code before} is empty for new items.
 */
public record ItemsChangedEvent(List<ItemCounts> before, List<ItemCounts> after) {
}
