package org.downtimebacklog.account;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Size;

/** Required unless the refresh token travels in the session cookie (X-Session: cookie). */
@Introspected
public record RefreshRequest(@JsonProperty("refresh_token") @Nullable @Size(max = 200) String refreshToken) {
}
