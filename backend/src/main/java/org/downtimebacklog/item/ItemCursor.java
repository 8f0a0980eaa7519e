package org.downtimebacklog.item;

import org.downtimebacklog.web.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Where the next page of a list starts: the sort and the values of its columns in the last item shown, written as
 * base64url parts joined by dots. It only places the page in the caller's own list (the filters and the caller's
 * sites still apply), so a made-up cursor can show nothing the caller could not page to.
 */
final class ItemCursor {

    static final String FIELD = "cursor";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private ItemCursor() {
    }

    static String of(ItemSort sort, Item last) {
        List<String> parts = new ArrayList<>();
        parts.add(part(sort.name()));
        for (Object value : sort.valuesOf(last)) {
            parts.add(part(value.toString()));
        }
        return String.join(".", parts);
    }

    /** The values the cursor holds, typed for its columns; 400 naming the cursor when it is not one of this sort's. */
    static List<Object> read(String cursor, ItemSort sort) {
        String[] parts = cursor.split("\\.", -1);
        if (parts.length != sort.keys().size() + 1) {
            throw invalid();
        }
        try {
            if (!text(parts[0]).equals(sort.name())) {
                throw InvalidInputException.badRequest(FIELD, "belongs to another sort order: start again from the "
                        + "first page");
            }
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < sort.keys().size(); i++) {
                values.add(typed(sort.keys().get(i).column(), text(parts[i + 1])));
            }
            return values;
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw invalid();
        }
    }

    private static Object typed(String column, String text) {
        return switch (column) {
            case "logged_at", "occurred_at" -> Instant.parse(text);
            case "priority_band" -> Integer.parseInt(text);
            case "id", "queue_rank" -> Long.parseLong(text);
            default -> text;
        };
    }

    private static String part(String text) {
        return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(String part) {
        return new String(DECODER.decode(part), StandardCharsets.UTF_8);
    }

    private static InvalidInputException invalid() {
        return InvalidInputException.badRequest(FIELD, "is not a cursor this list gave out: start again from the "
                + "first page");
    }
}
