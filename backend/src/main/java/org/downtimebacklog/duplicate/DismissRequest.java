package org.downtimebacklog.duplicate;

import org.downtimebacklog.web.FreeText;
import io.micronaut.core.annotation.Introspected;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Introspected
public record DismissRequest(@FreeText @NotBlank @Size(max = 500) String reason) {
}
