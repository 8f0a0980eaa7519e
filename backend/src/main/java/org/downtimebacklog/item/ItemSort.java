package org.downtimebacklog.item;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The orders a list of items can be sorted in: a field name, "-" in front for descending. {@code priority} is the
 * queue's order (most urgent band, then highest score now, then oldest clinical time). Every order ends in the id, so it
 * is total: a list pages on from the last item it showed (keyset paging, {@link ItemCursor}).
 *
 * @param name the field as the client wrote it, with its "-"
 * @param keys the columns the order compares, in turn
 */
record ItemSort(String name, List<Key> keys) {

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

    /** The queue's order (QueueOrder.SQL) as keys. */
    private static final List<Key> PRIORITY = List.of(
            new Key("priority_band", false), new Key("queue_rank", true),
            new Key("occurred_at", false), new Key("id", false));

    /** One column of the order. */
    record Key(String column, boolean descending) {

        Key reversed() {
            return new Key(column, !descending);
        }

        String sql() {
            return descending ? column + " DESC" : column;
        }
    }

    /** Null when the text names no sortable field. */
    static ItemSort parse(String text) {
        boolean descending = text.startsWith("-");
        String field = descending ? text.substring(1) : text;
        String column = COLUMNS.get(field);
        if (column == null) {
            return null;
        }
        if (field.equals("priority")) {
            return new ItemSort(text, descending ? PRIORITY.stream().map(Key::reversed).toList() : PRIORITY);
        }
        if (field.equals("id")) {
            return new ItemSort(text, List.of(new Key("id", descending)));
        }
        return new ItemSort(text, List.of(new Key(column, descending), new Key("id", descending)));
    }

    String orderBy() {
        return keys.stream().map(Key::sql).collect(Collectors.joining(", "));
    }

    /** The item's values of this order's columns, in turn: where the next page starts after it. */
    List<Object> valuesOf(Item item) {
        return keys.stream().map(key -> valueOf(item, key.column())).toList();
    }

    private static Object valueOf(Item item, String column) {
        return switch (column) {
            case "logged_at" -> item.loggedAt();
            case "occurred_at" -> item.captured().occurredAt();
            case "ward" -> item.captured().ward();
            case "category" -> item.captured().category().name();
            case "status" -> item.status().name();
            case "target_system" -> item.captured().targetSystem();
            case "priority_band" -> item.priority().band();
            case "queue_rank" -> item.priority().rank();
            case "id" -> item.id();
            default -> throw new IllegalArgumentException("not a sort column: " + column);
        };
    }
}
