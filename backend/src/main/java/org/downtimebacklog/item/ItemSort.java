package org.downtimebacklog.item;

import java.util.Map;

/** The orders a list of items can be sorted in: a field name, "-" in front for descending. */
record ItemSort(String column, boolean descending) {

    static final String DEFAULT = "-loggedAt";
    static final Map<String, String> COLUMNS = Map.of(
            "loggedAt", "logged_at",
            "occurredAt", "occurred_at",
            "ward", "ward",
            "category", "category",
            "status", "status",
            "targetSystem", "target_system",
            "id", "id");

    /** Null when the text names no sortable field. */
    static ItemSort parse(String text) {
        boolean descending = text.startsWith("-");
        String field = descending ? text.substring(1) : text;
        String column = COLUMNS.get(field);
        return column == null ? null : new ItemSort(column, descending);
    }
}
