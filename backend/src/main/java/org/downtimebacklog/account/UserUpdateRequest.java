package org.downtimebacklog.account;

import org.downtimebacklog.web.FreeText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Introspected;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.downtimebacklog.security.Role;
import org.downtimebacklog.web.Codes;

import java.util.Set;

/** Changes to a user; a field left out stays as it is. */
@Introspected
public record UserUpdateRequest(
        @Nullable @Size(min = 1, max = 120) String displayName,
        @FreeText @Nullable @Size(min = 12, max = 72) String password,
        @Nullable @Size(min = 1) Set<@NotNull Role> roles,
        @Nullable Set<@NotNull @Pattern(regexp = Codes.SITE_OR_ALL, message = Codes.SITE_MESSAGE) String> sites,
        @Nullable Set<@NotNull @Pattern(regexp = Codes.SYSTEM, message = Codes.SYSTEM_MESSAGE) String> targetSystems,
        @Nullable Boolean enabled,
        @FreeText @Nullable @Size(max = 500) String reason) {
}
