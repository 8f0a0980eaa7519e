package org.downtimebacklog.outage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import org.downtimebacklog.database.StringSetConverter;

import java.time.Instant;
import java.util.Set;

@MappedEntity("outage")
record Outage(
        @Id @GeneratedValue Long id,
        String title,
        @TypeDef(type = DataType.STRING) @MappedProperty(converter = StringSetConverter.class) Set<String> sites,
        @Nullable String notes,
        Instant startedAt,
        @Nullable Instant closedAt,
        Instant createdAt,
        String createdBy,
        boolean drill) {

    String reference() {
        return OutageResponse.reference(id);
    }
}
