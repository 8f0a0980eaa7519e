package org.downtimebacklog.outage;

import io.micronaut.core.annotation.Introspected;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;

@Introspected
public record RecoveryRequest(@NotNull Instant recoveredAt) {
}
