package org.downtimebacklog.security;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.claims.ClaimsAudienceProvider;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.JWTClaimsSetUtils;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * What an access token must say to be accepted: who issued it ({@code iss}, this service), who it is for
 * ({@code aud}, this service), when it starts ({@code nbf}) and when it ends ({@code exp}). A token without any of
 * them is refused, however well signed. The tokens this service issues carry all four.
 */
@Singleton
public class AccessTokenClaims implements GenericJwtClaimsValidator<HttpRequest<?>>, ClaimsAudienceProvider {

    /** Clocks of several nodes differ a little; a token that starts this soon is accepted. */
    private static final Duration SKEW = Duration.ofSeconds(60);

    private final String issuer;
    private final Clock clock;

    AccessTokenClaims(@Value("${micronaut.application.name}") String issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
    }

    @Override
    public List<String> audience() {
        return List.of(issuer);
    }

    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        JWTClaimsSet set = JWTClaimsSetUtils.jwtClaimsSetFromClaims(claims);
        Instant now = Instant.now(clock);
        Date expires = set.getExpirationTime();
        Date notBefore = set.getNotBeforeTime();
        return expires != null && expires.toInstant().isAfter(now)
                && notBefore != null && !notBefore.toInstant().isAfter(now.plus(SKEW))
                && issuer.equals(set.getIssuer())
                && set.getAudience() != null && set.getAudience().contains(issuer);
    }
}
