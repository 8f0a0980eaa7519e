package org.downtimebacklog.account;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * bcrypt (at.favre.lib). New passwords are limited to bcrypt's 72 bytes by validation; a longer one offered at sign-in
 * can never be right, and is checked as a wrong one (taking as long), never passed to bcrypt.
 */
@Singleton
class PasswordHasher {

    /** The most bcrypt reads. */
    static final int MAX_BYTES = 72;

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
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) {
            burn(password);
            return false;
        }
        return BCrypt.verifyer().verify(bytes, hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    /** Spends the same time as a real check, so an unknown username cannot be told apart by timing. */
    void burn(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        BCrypt.verifyer().verify(bytes.length > MAX_BYTES ? Arrays.copyOf(bytes, MAX_BYTES) : bytes, dummyHash);
    }
}
