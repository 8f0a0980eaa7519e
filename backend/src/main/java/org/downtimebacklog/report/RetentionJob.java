package org.downtimebacklog.report;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.downtimebacklog.database.SqlErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

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
        List<Long> due;
        try {
            due = retention.dueOutages();
        } catch (RuntimeException e) {
            LOG.warn("Retention sweep could not list the outages due; it will run again: {}", SqlErrors.describe(e));
            return;
        }
        for (long outageId : due) {
            // each outage on its own: one that keeps failing does not hold the others' purge back; an outage is purged
            // a chunk at a time until nothing of it is left
            try {
                int purged;
                do {
                    purged = retention.purge(outageId);
                    if (purged > 0) {
                        LOG.info("Removed patient details of {} items and refused rows of outage {}", purged, outageId);
                    }
                } while (purged > 0);
            } catch (RuntimeException e) {
                LOG.warn("Retention of outage {} failed; it will run again: {}", outageId, SqlErrors.describe(e));
            }
        }
    }
}
