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

    private final AuditChain chain;

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
        } catch (RuntimeException e) {
            LOG.debug("Audit sealing will be tried again: {}", e.getClass().getSimpleName());
        }
    }
}
