package org.downtimebacklog.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenSignatureValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * An access token is verified with this service's own key alone. With sign-in through an identity provider
 * configured, the library would also accept tokens signed with the provider's keys (and fetch those keys for every
 * request): a token the provider issued, to this service or any other, is no access token here. The provider's
 * identity tokens are verified, with its keys, only at sign-in (oidc.IdTokenValidator).
 */
@Singleton
@Replaces(ReactiveJsonWebTokenSignatureValidator.class)
class AccessTokenSignatureValidator implements ReactiveJsonWebTokenSignatureValidator<SignedJWT> {

    private final AccessTokenSignature signature;

    AccessTokenSignatureValidator(@Named("generator") AccessTokenSignature signature) {
        this.signature = signature;
    }

    @Override
    @NonNull
    public Publisher<Boolean> validateSignature(@NonNull SignedJWT token) {
        try {
            return Mono.just(signature.verify(token));
        } catch (JOSEException e) {
            return Mono.just(false);
        }
    }
}
