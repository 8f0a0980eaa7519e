package org.downtimebacklog.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * A person's device secret: what the web app derives the key of their outbox on a device from after a sign-in
 * through the identity provider, where no password is typed (after a local sign-in the password serves). The same
 * for a person on every node and at every such sign-in, so what they left sealed on a phone opens again when they
 * next sign in through the provider; different for everyone; and telling nothing of the secret it comes from
 * (HMAC-SHA256 of the person's id under a key of its own, derived from the shared signing secret).
 */
public final class DeviceSecrets {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    DeviceSecrets(String sharedSecret) {
        this.key = new SecretKeySpec(mac(new SecretKeySpec(sharedSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM),
                "downtime-backlog device secrets v1"), ALGORITHM);
    }

    /** The device secret of the user with this id, as URL-safe base64 of 32 bytes. */
    public String of(long userId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(key, "user:" + userId));
    }

    private static byte[] mac(SecretKeySpec key, String message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
