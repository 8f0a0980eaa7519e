package org.downtimebacklog.item;

import java.util.Map;

/**
 * The orders a list of items can be sorted in: a field name, "-" in front for descending. {@code priority} is the
 * queue's order (most urgent band, then highest score, then oldest clinical time).
 */
record ItemSort(String orderBy) {

    static final String DEFAULT = "-loggedAt";
    static final Map<String, String> COLUMNS = Map.of(
            "loggedAt", "logged_at",
            "occurredAt", "occurred_at",
            "ward", "ward",
            "category", "category",
            "status", "status",
            "targetSystem", "target_system",
            "id", "id",
            "priority", "");

    /** Null when the text names no sortable field. */
    static ItemSort parse(String text) {
        boolean descending = text.startsWith("-");
        String field = descending ? text.substring(1) : text;
        String column = COLUMNS.get(field);
        if (column == null) {
            return null;
        }
        if (field.equals("priority")) {
            return new ItemSort(descending ? QueueOrder.REVERSED : QueueOrder.SQL);
        }
        String direction = descending ? " DESC" : "";
        return new ItemSort(column + direction + ", id" + direction);
    }
}
