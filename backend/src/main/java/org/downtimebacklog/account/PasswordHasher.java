package org.downtimebacklog.account;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;

/** bcrypt (at.favre.lib). Passwords are limited to bcrypt's 72 bytes by validation. */
@Singleton
class PasswordHasher {

    private final int cost;
    private final byte[] dummyHash;

    PasswordHasher(@Value("${backlog.password-cost:12}") int cost) {
        this.cost = cost;
        this.dummyHash = BCrypt.withDefaults().hash(cost, "not-a-real-password".toCharArray());
    }

    String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    boolean matches(String password, String hash) {
        return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    /** Spends the same time as a real check, so an unknown username cannot be told apart by timing. */
    void burn(String password) {
        BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8), dummyHash);
    }
}
