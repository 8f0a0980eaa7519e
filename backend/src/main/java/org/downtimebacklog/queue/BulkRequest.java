package org.downtimebacklog.queue;

import org.downtimebacklog.web.FreeText;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

@Introspected
public record BulkRequest(
        @NotEmpty @Size(max = 500) List<@NotNull Long> ids,
        @NotNull BulkAction action,
        @FreeText @Nullable @Size(max = 500) String reason,
        @Nullable String band) {
}
