package org.downtimebacklog.account;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.util.Set;

/** The tokens of a sign-in and who it is. refresh_token is null when it travels in the session cookie instead. */
@Introspected
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("refresh_token") @Nullable String refreshToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") int expiresIn,
        Set<String> roles,
        String username,
        String displayName,
        Set<String> sites,
        Set<String> targetSystems) {

    TokenResponse withoutRefreshToken() {
        return new TokenResponse(accessToken, null, tokenType, expiresIn, roles, username, displayName, sites,
                targetSystems);
    }
}
