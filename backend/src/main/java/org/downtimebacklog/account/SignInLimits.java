package org.downtimebacklog.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.downtimebacklog.web.ThrottledException;

import java.time.Duration;

/**
 * The sign-in limits kept in this instance's memory (bucket4j token buckets), checked before the database is asked:
 * <ul>
 * <li>a ceiling on sign-in attempts of any kind, {@code backlog.login.instance.attempts} per
 * {@code backlog.login.instance.window}, so that a flood cannot take every core for bcrypt;</li>
 * <li>per client address, {@code backlog.login.address.failures} failed sign-ins per {@code backlog.login.address.window}
 * whatever the usernames, so that one device cannot try a password against every name. An attempt takes a token
 * before its password is checked (so parallel attempts cannot slip past) and gets it back unless it fails.</li>
 * </ul>
 * Both are per instance: behind a load balancer spreading sign-ins over n instances the effective limits are up to n
 * times these. The per-account limits, which must hold whatever instance is asked, are in the database
 * ({@link LoginFailureRepository}). Addresses are tracked in a cache of at most
 * {@code backlog.login.address.max-tracked} entries, each dropped once unused for a window (by then its bucket is full
 * again, so nothing is forgotten early unless more addresses than that are seen within one window).
 */
@Singleton
class SignInLimits {

    private final Bucket instance;
    private final Cache<String, Bucket> addresses;
    private final long addressFailures;
    private final Duration addressWindow;

    SignInLimits(@Value("${backlog.login.instance.attempts:10}") long instanceAttempts,
                 @Value("${backlog.login.instance.window:1s}") Duration instanceWindow,
                 @Value("${backlog.login.address.failures:30}") long addressFailures,
                 @Value("${backlog.login.address.window:15m}") Duration addressWindow,
                 @Value("${backlog.login.address.max-tracked:10000}") long maxTracked) {
        this.instance = bucket(instanceAttempts, instanceWindow);
        this.addressFailures = addressFailures;
        this.addressWindow = addressWindow;
        this.addresses = Caffeine.newBuilder().maximumSize(maxTracked).expireAfterAccess(addressWindow).build();
    }

    /** A sign-in attempt may go on; it holds one of its address's tokens until {@link Admission#notFailed()}. */
    Admission admit(String client) {
        ConsumptionProbe overall = instance.tryConsumeAndReturnRemaining(1);
        if (!overall.isConsumed()) {
            throw new ThrottledException("Too many sign-ins at once. Try again in a moment.",
                    Duration.ofNanos(overall.getNanosToWaitForRefill()));
        }
        Bucket address = addresses.get(client, c -> bucket(addressFailures, addressWindow));
        ConsumptionProbe own = address.tryConsumeAndReturnRemaining(1);
        if (!own.isConsumed()) {
            throw new ThrottledException("Too many failed sign-ins from this device. Try again later.",
                    Duration.ofNanos(own.getNanosToWaitForRefill()));
        }
        return new Admission(address);
    }

    private static Bucket bucket(long tokens, Duration window) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(tokens).refillGreedy(tokens, window).build())
                .build();
    }

    /** An admitted attempt. */
    static final class Admission {
        private final Bucket address;
        private boolean returned;

        private Admission(Bucket address) {
            this.address = address;
        }

        /** The attempt did not fail a password check (it signed in, or was refused unchecked): its token goes back. */
        void notFailed() {
            if (!returned) {
                returned = true;
                address.addTokens(1);
            }
        }
    }
}
