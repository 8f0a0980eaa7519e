package org.downtimebacklog.security;

import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.util.StringUtils;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.downtimebacklog.database.DataDirectory;
import org.downtimebacklog.database.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The HMAC secret that signs access tokens: {@code BACKLOG_JWT_SECRET} when set, otherwise one generated on first
 * start and kept in the data directory. Several nodes behind one load balancer must share one secret.
 */
@Factory
public class JwtSecretFactory {

    private static final Logger LOG = LoggerFactory.getLogger(JwtSecretFactory.class);
    private static final int MIN_SECRET_LENGTH = 32;

    /** Signs access tokens, and is the only key that validation accepts (unsigned tokens are refused). */
    @Singleton
    @Named("generator")
    AccessTokenSignature generatorSignature(DataDirectory dataDirectory,
                                                                @Value("${backlog.jwt-secret:}") String configured) {
        String secret = secret(dataDirectory, configured);
        SecretSignatureConfiguration config = new SecretSignatureConfiguration("generator");
        config.setSecret(secret);
        config.setJwsAlgorithm(JWSAlgorithm.HS256);
        return new AccessTokenSignature(new SecretSignature(config));
    }

    /**
     * Device secrets are derived from the same shared secret, so every node gives a person the same one; rotating
     * the secret leaves what waits in outboxes of identity-provider sign-ins sealed until it is set back.
     */
    @Singleton
    DeviceSecrets deviceSecrets(DataDirectory dataDirectory, @Value("${backlog.jwt-secret:}") String configured) {
        return new DeviceSecrets(secret(dataDirectory, configured));
    }

    private static String secret(DataDirectory dataDirectory, String configured) {
        String secret = StringUtils.hasText(configured) ? configured : storedSecret(dataDirectory.resolve("jwt-secret"));
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("BACKLOG_JWT_SECRET must be at least " + MIN_SECRET_LENGTH + " characters");
        }
        return secret;
    }

    private static String storedSecret(Path file) {
        boolean existed = Files.exists(file);
        String secret = Secrets.stored(file);
        if (!existed) {
            LOG.info("Generated a token signing secret in the data directory; set BACKLOG_JWT_SECRET to share one across nodes");
        }
        return secret;
    }
}
