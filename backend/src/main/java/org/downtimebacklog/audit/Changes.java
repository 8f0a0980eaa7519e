package org.downtimebacklog.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The fields an action changed, old to new, for the audit trail. */
public final class Changes {

    private final Map<String, Map<String, Object>> fields = new LinkedHashMap<>();

    public static Changes none() {
        return new Changes();
    }

    /** Adds the field only when the value really changed. */
    public Changes field(String name, Object oldValue, Object newValue) {
        Object before = plain(oldValue);
        Object after = plain(newValue);
        if (!Objects.equals(before, after)) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("old", before);
            change.put("new", after);
            fields.put(name, change);
        }
        return this;
    }

    /** A field that is set for the first time (creation). */
    public Changes set(String name, Object value) {
        return field(name, null, value);
    }

    /** These changes followed by {@code more}'s. */
    public Changes and(Changes more) {
        fields.putAll(more.fields);
        return this;
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    Map<String, Map<String, Object>> asMap() {
        return fields;
    }

    private static Object plain(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof java.util.Collection<?> collection) {
            return collection.stream().map(String::valueOf).sorted().toList();
        }
        return value.toString();
    }
}
