package org.downtimebacklog.queue;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.item.ItemWorkflow;
import org.downtimebacklog.outage.SystemRecoveredEvent;

import static io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY;

/**
 * What happens when a system recovers: every item of that outage waiting for it enters the queue (READY), in the
 * transaction that records the recovery, each with its audit event.
 */
@Singleton
class RecoveryRelease {

    private final ItemWorkflow workflow;

    RecoveryRelease(ItemWorkflow workflow) {
        this.workflow = workflow;
    }

    @EventListener
    @Transactional(propagation = MANDATORY)
    void onSystemRecovered(SystemRecoveredEvent event) {
        workflow.releaseWaiting(event.outageId(), event.system(), event.recordedBy(),
                event.system() + " recovered at " + event.recoveredAt());
    }
}
