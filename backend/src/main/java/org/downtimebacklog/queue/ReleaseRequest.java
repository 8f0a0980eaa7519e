package org.downtimebacklog.queue;

import org.downtimebacklog.web.FreeText;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Size;

@Introspected
public record ReleaseRequest(@FreeText @Nullable @Size(max = 500) String reason) {
}
