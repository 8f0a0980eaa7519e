package org.downtimebacklog.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A refresh token, stored only as a hash. Tokens rotated from one sign-in share a family. */
@MappedEntity("refresh_token")
record RefreshToken(
        @Id @GeneratedValue Long id,
        String tokenHash,
        String familyId,
        Long userId,
        Instant issuedAt,
        Instant expiresAt,
        @Nullable Instant usedAt,
        @Nullable Instant revokedAt,
        /** Made by a sign-in through the identity provider: its refresh also hands the web app the device secret. */
        boolean opensDevice) {
}
