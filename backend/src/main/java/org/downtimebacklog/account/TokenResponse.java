package org.downtimebacklog.account;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

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
        Set<String> targetSystems,
        @Schema(description = "How long a sign-in lasts unused (backlog.session.idle): the web app locks after this long without use")
        long idleTimeoutSeconds,
        @Schema(description = "The longest a sign-in lasts however much it is used (backlog.session.absolute)")
        long absoluteTimeoutSeconds,
        @Schema(description = "Only in the first refresh after a sign-in through the identity provider, where there "
                + "is no password: the person's secret that the web app derives the key of their outbox on this device "
                + "from, as it does from the password after a local sign-in. Never in any other answer", nullable = true)
        @Nullable String deviceSecret) {

    TokenResponse withoutRefreshToken() {
        return new TokenResponse(accessToken, null, tokenType, expiresIn, roles, username, displayName, sites,
                targetSystems, idleTimeoutSeconds, absoluteTimeoutSeconds, deviceSecret);
    }

    TokenResponse withDeviceSecret(String secret) {
        return new TokenResponse(accessToken, refreshToken, tokenType, expiresIn, roles, username, displayName, sites,
                targetSystems, idleTimeoutSeconds, absoluteTimeoutSeconds, secret);
    }
}
