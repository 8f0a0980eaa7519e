package org.downtimebacklog.duplicate;

import io.micronaut.core.annotation.Introspected;
import jakarta.validation.constraints.NotNull;

@Introspected
public record ScanRequest(@NotNull Long outageId) {
}
