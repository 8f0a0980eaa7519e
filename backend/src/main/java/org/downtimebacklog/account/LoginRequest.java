package org.downtimebacklog.account;

import org.downtimebacklog.web.FreeText;
import io.micronaut.core.annotation.Introspected;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Introspected
public record LoginRequest(@NotBlank @Size(max = 64) String username, @FreeText @NotBlank @Size(max = 200) String password) {
}
