package org.downtimebacklog.outage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One clinical system that an outage took down, and when it came back. */
@MappedEntity("outage_system")
record OutageSystem(
        @Id @GeneratedValue Long id,
        Long outageId,
        String systemCode,
        @Nullable Instant recoveredAt,
        @Nullable String recoveredBy) {
}
