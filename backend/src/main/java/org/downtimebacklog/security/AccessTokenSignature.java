package org.downtimebacklog.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;

/**
 * HS256 signing and verification of access tokens with the node's shared secret, and no other algorithm. Wraps the library's
 * {@link SecretSignature}; a bean of that type itself would be bound to configuration properties instead.
 */
public final class AccessTokenSignature implements SignatureGeneratorConfiguration {

    private final SecretSignature delegate;

    AccessTokenSignature(SecretSignature delegate) {
        this.delegate = delegate;
    }

    @Override
    public SignedJWT sign(JWTClaimsSet claims) throws JOSEException {
        return delegate.sign(claims);
    }

    @Override
    public String supportedAlgorithmsMessage() {
        return delegate.supportedAlgorithmsMessage();
    }

    /** HS256 alone: a token signed with another algorithm, even with the right secret, is refused. */
    @Override
    public boolean supports(JWSAlgorithm algorithm) {
        return JWSAlgorithm.HS256.equals(algorithm) && delegate.supports(algorithm);
    }

    @Override
    public boolean verify(SignedJWT jwt) throws JOSEException {
        return JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) && delegate.verify(jwt);
    }
}
