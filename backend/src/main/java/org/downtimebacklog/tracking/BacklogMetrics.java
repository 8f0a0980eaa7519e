package org.downtimebacklog.tracking;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.downtimebacklog.item.ItemCounts;
import org.downtimebacklog.item.ItemStatus;
import org.downtimebacklog.item.ItemsChangedEvent;
import org.downtimebacklog.outage.OutageService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an operator watches during an outage, for Prometheus (GET /prometheus): items logged and moved to each status
 * (counted by the node that wrote them), and per outage and target system the items READY in the queue and the age of
 * the oldest of them, and per site the items past their due time and not yet entered (read from the database, so every
 * node reports the same). A drill's items are left out.
 */
@Singleton
class BacklogMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(BacklogMetrics.class);

    private final SummaryRepository summaries;
    private final OutageService outages;
    private final Clock clock;
    private final Counter logged;
    private final Map<ItemStatus, Counter> moved = new EnumMap<>(ItemStatus.class);
    private final MeterRegistry registry;
    /** The latest figures per outage and system; a gauge reads each. An outage's queue that empties reads 0. */
    private final Map<Tags, AtomicLong> ready = new ConcurrentHashMap<>();
    private final Map<Tags, AtomicLong> oldestReady = new ConcurrentHashMap<>();
    private final Map<Tags, AtomicLong> breached = new ConcurrentHashMap<>();

    BacklogMetrics(MeterRegistry registry, SummaryRepository summaries, OutageService outages, Clock clock) {
        this.registry = registry;
        this.outages = outages;
        this.summaries = summaries;
        this.clock = clock;
        this.logged = Counter.builder("backlog.items.logged").description("Items logged").register(registry);
        for (ItemStatus status : ItemStatus.values()) {
            moved.put(status, Counter.builder("backlog.items.moved").tag("to", status.name())
                    .description("Items moved to a status (ASSIGNED: claimed or given, ENTERED, VERIFIED, ...)")
                    .register(registry));
        }
    }

    @EventListener
    void onItemsChanged(ItemsChangedEvent event) {
        if (event.before().isEmpty()) {
            logged.increment(event.after().stream().filter(c -> !outages.isDrill(c.outageId())).count());
            return;
        }
        for (int i = 0; i < event.after().size(); i++) {
            ItemCounts before = event.before().get(i);
            ItemCounts after = event.after().get(i);
            if (before.status() != after.status() && !outages.isDrill(after.outageId())) {
                moved.get(after.status()).increment();
            }
        }
    }

    /** The queue's depth and age, and the breached items, read again every {@code backlog.metrics.queue-interval}. */
    @Scheduled(fixedDelay = "${backlog.metrics.queue-interval:30s}", initialDelay = "${backlog.metrics.queue-interval:30s}")
    void refreshQueue() {
        try {
            Instant now = Instant.now(clock);
            List<SummaryRepository.ReadyCount> counts = summaries.readyPerSystem();
            ready.values().forEach(v -> v.set(0));
            oldestReady.values().forEach(v -> v.set(0));
            for (SummaryRepository.ReadyCount c : counts) {
                gauge(ready, "backlog.queue.ready", "Items READY in the queue", tags(c)).set(c.n());
                gauge(oldestReady, "backlog.queue.oldest.ready.age.seconds",
                        "Seconds since the care of the oldest READY item was given", tags(c))
                        .set(Math.max(0, Duration.between(c.oldest(), now).toSeconds()));
            }
            List<SummaryRepository.SiteCount> late = summaries.breachedPerSite(now);
            breached.values().forEach(v -> v.set(0));
            for (SummaryRepository.SiteCount c : late) {
                gauge(breached, "backlog.items.breached", "Items past their due time and not yet entered",
                        Tags.of("site", c.site())).set(c.n());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not read the queue for the metrics: {}", e.getClass().getSimpleName());
        }
    }

    private AtomicLong gauge(Map<Tags, AtomicLong> values, String name, String description, Tags tags) {
        return values.computeIfAbsent(tags, t -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get).tags(t).description(description).register(registry);
            return value;
        });
    }

    private static Tags tags(SummaryRepository.ReadyCount c) {
        return Tags.of("outage", Long.toString(c.outageId()), "system", c.targetSystem());
    }
}
