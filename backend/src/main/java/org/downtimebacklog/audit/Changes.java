package org.downtimebacklog.audit;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The fields an action changed, old to new, for the audit trail. */
public final class Changes {

    private final Map<String, Map<String, Object>> fields = new LinkedHashMap<>();
    private final Set<String> patientFields = new LinkedHashSet<>();

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

    /**
     * As {@link #field}, for a patient detail (an identifier, name, date of birth, or free text that may name the
     * patient): its values are held apart from the event's other changes, so that retention can remove them later
     * without breaking the audit trail's hash chain.
     */
    public Changes patientField(String name, Object oldValue, Object newValue) {
        field(name, oldValue, newValue);
        if (fields.containsKey(name)) {
            patientFields.add(name);
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
        more.fields.keySet().forEach(patientFields::remove);
        patientFields.addAll(more.patientFields);
        return this;
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    Map<String, Map<String, Object>> asMap() {
        return fields;
    }

    /** The names of the fields that are patient details. */
    Set<String> patientFields() {
        return patientFields;
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
