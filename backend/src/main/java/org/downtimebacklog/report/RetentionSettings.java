package org.downtimebacklog.report;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** How long patient details are kept after an outage's sign-off ({@code backlog.retention} in application.yml). */
@ConfigurationProperties("backlog.retention")
class RetentionSettings {

    private Duration after = Duration.ofDays(90);
    private int chunk = 5000;

    /** Patient details of closed items are removed this long after their outage was signed off. */
    Duration getAfter() {
        return after;
    }

    void setAfter(Duration after) {
        this.after = after;
    }

    /** The most items (and refused import rows) of one outage purged by one run, in one transaction. */
    int getChunk() {
        return chunk;
    }

    void setChunk(int chunk) {
        this.chunk = Math.max(1, chunk);
    }
}
