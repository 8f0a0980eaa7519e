package org.downtimebacklog.audit;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals new audit events into the hash chain on a timer ({@code backlog.audit.seal-interval}, 1 s by default). Every
 * node runs it; they take turns on the chain's last link, and one that loses a race (a lock timeout, or a
 * certification conflict on a Galera cluster) simply tries again on its next turn.
 */
@Singleton
class AuditSealer {

    private static final Logger LOG = LoggerFactory.getLogger(AuditSealer.class);

    /** While sealing keeps failing (the database is gone, say), a warning once a minute rather than every second. */
    private static final int WARN_EVERY = 60;

    private final AuditChain chain;
    private int failures;

    AuditSealer(AuditChain chain) {
        this.chain = chain;
    }

    @Scheduled(fixedDelay = "${backlog.audit.seal-interval:1s}", initialDelay = "${backlog.audit.seal-interval:1s}")
    void seal() {
        try {
            int sealed;
            do {
                sealed = chain.sealNext();
            } while (sealed == AuditChain.BATCH);
            if (failures >= WARN_EVERY) {
                LOG.info("Audit sealing works again after {} failed attempts", failures);
            }
            failures = 0;
        } catch (RuntimeException e) {
            // a lost race with another node's sealer is normal; anything that lasts is worth a warning
            if (failures++ % WARN_EVERY == WARN_EVERY - 1) {
                LOG.warn("Audit sealing has failed {} times in a row; it keeps trying: {}", failures,
                        e.getClass().getSimpleName());
            } else {
                LOG.debug("Audit sealing will be tried again: {}", e.getClass().getSimpleName());
            }
        }
    }
}
