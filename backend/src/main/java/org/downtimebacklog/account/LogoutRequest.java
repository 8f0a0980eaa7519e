package org.downtimebacklog.account;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Introspected;
import jakarta.validation.constraints.Size;

@Introspected
public record LogoutRequest(@JsonProperty("refresh_token") @Nullable @Size(max = 200) String refreshToken) {
}
