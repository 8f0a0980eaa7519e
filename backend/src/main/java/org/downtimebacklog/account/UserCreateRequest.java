package org.downtimebacklog.account;

import org.downtimebacklog.web.FreeText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Introspected;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.downtimebacklog.security.Role;
import org.downtimebacklog.web.Codes;

import java.util.Set;

@Introspected
public record UserCreateRequest(
        @NotBlank @Pattern(regexp = UserCreateRequest.USERNAME, message = UserCreateRequest.USERNAME_MESSAGE) String username,
        @NotBlank @Size(max = 120) String displayName,
        @FreeText @NotNull @Size(min = 12, max = 72) String password,
        @NotEmpty Set<@NotNull Role> roles,
        @NotNull Set<@NotNull @Pattern(regexp = Codes.SITE_OR_ALL, message = Codes.SITE_MESSAGE) String> sites,
        @Nullable Set<@NotNull @Pattern(regexp = Codes.SYSTEM, message = Codes.SYSTEM_MESSAGE) String> targetSystems,
        @Nullable Boolean enabled) {

    static final String USERNAME = "^[a-z0-9][a-z0-9._-]{2,63}$";
    static final String USERNAME_MESSAGE = "must be 3 to 64 lower-case letters, digits, '.', '_' or '-'";
}
