package org.downtimebacklog.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.oauth2.client.OpenIdProviderMetadata;
import io.micronaut.security.oauth2.configuration.OauthClientConfiguration;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdTokenResponse;
import io.micronaut.security.oauth2.endpoint.token.response.validation.ReactiveOpenIdTokenResponseValidator;
import io.micronaut.security.token.jwt.signature.jwks.JwkSetFetcher;
import io.micronaut.security.token.jwt.signature.jwks.JwkValidator;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignatureUtils;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.downtimebacklog.account.AuthService;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * Checks the identity token of a sign-in through the identity provider: signed (RSA or EC, never a shared secret)
 * with a key of the provider's published key set, issued by the configured issuer to this client ({@code aud}, and
 * {@code azp} when there are several audiences), not expired, and carrying the nonce this sign-in sent. Only these
 * checks: the checks of this service's own access tokens (issuer and audience this service) do not apply to it.
 * A token that fails is refused and the refusal audited, with the reason and nothing from the token.
 * <p>
 * What follows a check (matching the account, the session) runs on the blocking executor: it reads the database.
 */
@Requires(property = OidcProperties.CONFIGURED)
@Singleton
@Replaces(ReactiveOpenIdTokenResponseValidator.class)
class IdTokenValidator implements ReactiveOpenIdTokenResponseValidator<JWT> {

    static final String METHOD = "OIDC";
    private static final Logger LOG = LoggerFactory.getLogger(IdTokenValidator.class);
    /** Clocks of the provider and this service differ a little. */
    private static final Duration SKEW = Duration.ofSeconds(60);

    private final JwkSetFetcher<JWKSet> keys;
    private final JwkValidator jwkValidator;
    private final AuthService auth;
    private final Clock clock;
    private final Scheduler blocking;

    IdTokenValidator(JwkSetFetcher<JWKSet> keys, JwkValidator jwkValidator, AuthService auth, Clock clock,
                     @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.keys = keys;
        this.jwkValidator = jwkValidator;
        this.auth = auth;
        this.clock = clock;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    @Override
    @NonNull
    public Publisher<JWT> validate(@NonNull OauthClientConfiguration client, @NonNull OpenIdProviderMetadata provider,
                                   @NonNull OpenIdTokenResponse response, @Nullable String nonce) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(Objects.requireNonNull(response.getIdToken()));
        } catch (ParseException | NullPointerException e) {
            return refused(client, "the identity token could not be read");
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!JWSAlgorithm.Family.RSA.contains(algorithm) && !JWSAlgorithm.Family.EC.contains(algorithm)) {
            return refused(client, "the identity token is not signed with a key of the provider");
        }
        return Mono.from(keys.fetch(client.getName(), provider.getJwksUri()))
                .map(keySet -> signedByProvider(jwt, keySet))
                .onErrorReturn(false)
                .defaultIfEmpty(false)
                .publishOn(blocking)
                .flatMap(signed -> {
                    if (!signed) {
                        return refused(client, "the identity token's signature is not the provider's");
                    }
                    String problem = claimsProblem(jwt, client, provider, nonce);
                    return problem == null ? Mono.<JWT>just(jwt) : refused(client, problem);
                });
    }

    private boolean signedByProvider(SignedJWT jwt, JWKSet keySet) {
        try {
            return JwksSignatureUtils.verify(jwt, keySet, jwkValidator);
        } catch (JOSEException e) {
            return false;
        }
    }

    /** What is wrong with the token's claims, or null. */
    @Nullable
    private String claimsProblem(SignedJWT jwt, OauthClientConfiguration client, OpenIdProviderMetadata provider,
                                 @Nullable String nonce) {
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return "the identity token could not be read";
        }
        Instant now = Instant.now(clock);
        if (provider.getIssuer() == null || !provider.getIssuer().equals(claims.getIssuer())) {
            return "the identity token is from another issuer";
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(client.getClientId())) {
            return "the identity token is for another client";
        }
        if (audience.size() > 1 && !client.getClientId().equals(claims.getClaim("azp"))) {
            return "the identity token is for another client";
        }
        Date expires = claims.getExpirationTime();
        if (expires == null || !expires.toInstant().plus(SKEW).isAfter(now)) {
            return "the identity token has expired";
        }
        Date issued = claims.getIssueTime();
        if (issued != null && issued.toInstant().isAfter(now.plus(SKEW))) {
            return "the identity token is issued in the future";
        }
        Object claimed = claims.getClaim("nonce");
        if (nonce == null || !nonce.equals(claimed)) {
            return "the identity token is not for this sign-in (nonce)";
        }
        return null;
    }

    private <T> Mono<T> refused(OauthClientConfiguration client, String why) {
        return Mono.<T>fromRunnable(() -> {
            LOG.warn("Sign-in through identity provider {} refused: {}", client.getName(), why);
            auth.refuseVouchedFor("", null, METHOD, client.getName(), why);
        }).subscribeOn(blocking);
    }
}
