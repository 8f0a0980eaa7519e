package org.downtimebacklog.duplicate;

import io.micronaut.core.annotation.Introspected;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Introspected
public record DismissRequest(@NotBlank @Size(max = 500) String reason) {
}
