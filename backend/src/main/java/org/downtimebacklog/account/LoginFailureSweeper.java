package org.downtimebacklog.account;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes failed-sign-in counts once they have drained, on a timer ({@code backlog.login.sweep-interval}); every
 * node runs it (each skips what another holds). This is what keeps names that are no one's from piling up.
 */
@Singleton
class LoginFailureSweeper {

    static final int BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(LoginFailureSweeper.class);

    private final AuthService auth;

    LoginFailureSweeper(AuthService auth) {
        this.auth = auth;
    }

    @Scheduled(fixedDelay = "${backlog.login.sweep-interval:5m}", initialDelay = "${backlog.login.sweep-interval:5m}")
    void sweep() {
        try {
            int swept;
            do {
                swept = auth.forgetDrainedFailures(BATCH);
            } while (swept == BATCH);
        } catch (RuntimeException e) {
            LOG.warn("Sweeping drained sign-in failures failed; it will run again: {}", e.getClass().getSimpleName());
        }
    }
}
