package org.downtimebacklog.queue;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.downtimebacklog.database.LockConflicts;
import org.downtimebacklog.database.SqlErrors;
import org.downtimebacklog.item.ItemWorkflow;
import org.downtimebacklog.item.ReleasedChunk;
import org.downtimebacklog.outage.OutageService;
import org.downtimebacklog.outage.SystemRecoveredEvent;
import org.downtimebacklog.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY;

/**
 * What happens when a system recovers: the items of that outage waiting for it enter the queue (READY), each with its
 * audit event (ITEM_RELEASED). The first chunk ({@code backlog.queue.release-chunk}, 2,000) is released in the
 * transaction that records the recovery, so a usual backlog is in the queue the moment the recovery is; the rest, in
 * chunks of the same size, each a short transaction of its own, right after the recovery commits, so that a backlog
 * of hundreds of thousands never holds its locks in one long transaction while staff claim work on other systems.
 * Every node also looks for recovered systems with items still waiting ({@code backlog.queue.release-sweep-interval})
 * and releases them: a node that died midway leaves its release to the next look. A chunk takes only items still
 * waiting and skips those another node holds, so however many nodes release at once, each item is released once.
 * Every released item is due from the recovery, whichever chunk releases it.
 */
@Singleton
class RecoveryRelease {

    private static final Logger LOG = LoggerFactory.getLogger(RecoveryRelease.class);
    private static final int CHUNK_ATTEMPTS = 5;

    private final ItemWorkflow workflow;
    private final OutageService outages;
    private final int chunk;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "recovery-release");
        t.setDaemon(true);
        return t;
    });

    RecoveryRelease(ItemWorkflow workflow, OutageService outages,
                    @Value("${backlog.queue.release-chunk:2000}") int chunk) {
        this.workflow = workflow;
        this.outages = outages;
        this.chunk = chunk;
    }

    @EventListener
    @Transactional(propagation = MANDATORY)
    void onSystemRecovered(SystemRecoveredEvent event) {
        workflow.releaseWaiting(event.outageId(), event.system(), event.recordedBy(), reason(event.system(),
                event.recoveredAt()), event.recoveredAt(), chunk);
    }

    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void afterRecovery(SystemRecoveredEvent event) {
        background.execute(() -> releaseRest(event.outageId(), event.system(), event.recoveredAt(), event.recordedBy()));
    }

    @Scheduled(fixedDelay = "${backlog.queue.release-sweep-interval:30s}",
            initialDelay = "${backlog.queue.release-sweep-interval:30s}")
    void sweep() {
        try {
            for (OutageService.RecoveredSystem s : outages.recoveredSystems()) {
                releaseRest(s.outageId(), s.system(), s.recoveredAt(), null);
            }
        } catch (RuntimeException e) {
            LOG.warn("Looking for items still waiting for recovered systems failed; it will look again: {}",
                    SqlErrors.describe(e));
        }
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }

    /** Releases what still waits, a chunk at a time; by the recovering person when known, else by the system. */
    private void releaseRest(long outageId, String system, Instant recoveredAt, @Nullable Caller actor) {
        try {
            int total = 0;
            long after = 0;
            boolean fromLowest = true;
            while (!Thread.currentThread().isInterrupted()) {
                // each chunk reads on from the last one's highest id; one stopped by a clash (with a claim, or on a
                // Galera cluster another node) is made again
                long from = after;
                ReleasedChunk released = LockConflicts.retried(CHUNK_ATTEMPTS,
                        () -> workflow.releaseChunk(outageId, system, actor, reason(system, recoveredAt),
                                recoveredAt, from, chunk));
                total += released.count();
                if (released.count() == chunk) {
                    after = released.lastId();
                    fromLowest = false;
                } else if (fromLowest) {
                    break;
                } else {
                    // a last look from the lowest id: an item skipped while another transaction held it, and still
                    // waiting when that one ended, is below the cursor
                    after = 0;
                    fromLowest = true;
                }
            }
            if (total > 0) {
                LOG.info("Released {} more items of outage {} waiting for {}", total, outageId, system);
            }
        } catch (RuntimeException e) {
            LOG.warn("Releasing the items of outage {} waiting for {} stopped ({}); the next sweep goes on with it",
                    outageId, system, SqlErrors.describe(e));
        }
    }

    private static String reason(String system, Instant recoveredAt) {
        return system + " recovered at " + recoveredAt;
    }
}
