package org.downtimebacklog.report;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes patient details when their retention period has run ({@code backlog.retention.sweep-interval}); every node
 * runs it, and two nodes at once neither repeat nor undo each other's work (see {@link RetentionService}).
 */
@Singleton
class RetentionJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final RetentionService retention;

    RetentionJob(RetentionService retention) {
        this.retention = retention;
    }

    @Scheduled(fixedDelay = "${backlog.retention.sweep-interval:1h}",
            initialDelay = "${backlog.retention.sweep-interval:1h}")
    void sweep() {
        try {
            for (long outageId : retention.dueOutages()) {
                int purged = retention.purge(outageId);
                if (purged > 0) {
                    LOG.info("Removed patient details of {} items and refused rows of outage {}", purged, outageId);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Retention sweep failed; it will run again: {}", e.getClass().getSimpleName());
        }
    }
}
