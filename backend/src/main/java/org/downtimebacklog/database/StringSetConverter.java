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
