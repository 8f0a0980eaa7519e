package org.downtimebacklog.queue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Takes back abandoned work on a timer ({@code backlog.queue.lease-sweep-interval}); every node runs it. */
@Singleton
class LeaseSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseSweeper.class);

    private final QueueService queue;
    private final Counter expired;

    LeaseSweeper(QueueService queue, MeterRegistry registry) {
        this.queue = queue;
        this.expired = Counter.builder("backlog.queue.leases.expired")
                .description("Items returned to the queue because their lease ran out").register(registry);
    }

    @Scheduled(fixedDelay = "${backlog.queue.lease-sweep-interval:60s}", initialDelay = "${backlog.queue.lease-sweep-interval:60s}")
    void sweep() {
        try {
            int released;
            int total = 0;
            do {
                released = queue.expireLeases();
                total += released;
            } while (released == QueueService.LEASE_BATCH);
            expired.increment(total);
            if (total > 0) {
                LOG.info("Returned {} items with expired leases to the queue", total);
            }
        } catch (RuntimeException e) {
            LOG.warn("Lease sweep failed; it will run again: {}", e.getClass().getSimpleName());
        }
    }
}
