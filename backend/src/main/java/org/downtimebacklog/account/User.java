package org.downtimebacklog.account;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import org.downtimebacklog.database.StringSetConverter;

import java.time.Instant;
import java.util.Set;

@MappedEntity("app_user")
record User(
        @Id @GeneratedValue Long id,
        String username,
        String displayName,
        String passwordHash,
        @TypeDef(type = DataType.STRING) @MappedProperty(converter = StringSetConverter.class) Set<String> roles,
        @TypeDef(type = DataType.STRING) @MappedProperty(converter = StringSetConverter.class) Set<String> sites,
        @TypeDef(type = DataType.STRING) @MappedProperty(converter = StringSetConverter.class) Set<String> targetSystems,
        boolean enabled,
        int tokenVersion,
        Instant createdAt,
        Instant updatedAt) {
}
