package org.downtimebacklog.database;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Stores a small set of codes (roles, site codes, system codes) as one comma-separated column. */
@Singleton
public class StringSetConverter implements AttributeConverter<Set<String>, String> {

    /** What the columns holding such sets take (VARCHAR(1000)). */
    public static final int COLUMN_LENGTH = 1000;
    public static final String TOO_MANY = "are too many to store: at most " + COLUMN_LENGTH
            + " characters together, counting a comma between each";

    /** Whether the set, as stored, fits its column. */
    public static boolean fits(Set<String> values) {
        return values == null || String.join(",", values).length() <= COLUMN_LENGTH;
    }

    @Override
    public String convertToPersistedValue(Set<String> values, ConversionContext context) {
        return values == null ? "" : String.join(",", new TreeSet<>(values));
    }

    @Override
    public Set<String> convertToEntityValue(String column, ConversionContext context) {
        if (column == null || column.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(column.split(",")).collect(Collectors.toUnmodifiableSet());
    }
}
