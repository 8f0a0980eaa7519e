package org.downtimebacklog.queue;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** How the reconciliation queue behaves ({@code backlog.queue} in application.yml). */
@ConfigurationProperties("backlog.queue")
class QueueSettings {

    private Duration lease = Duration.ofMinutes(30);
    private int maxAssigned = 5;

    /** An ASSIGNED item with no change for this long goes back to READY. */
    Duration getLease() {
        return lease;
    }

    void setLease(Duration lease) {
        this.lease = lease;
    }

    /** The most items one person may hold at once through "next". */
    int getMaxAssigned() {
        return maxAssigned;
    }

    void setMaxAssigned(int maxAssigned) {
        this.maxAssigned = maxAssigned;
    }
}
