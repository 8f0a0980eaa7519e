package org.downtimebacklog.tracking;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.item.ItemStatus;
import org.downtimebacklog.item.Priority;
import org.downtimebacklog.outage.OutageResponse;
import org.downtimebacklog.outage.OutageService;
import org.downtimebacklog.security.Caller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tracking: the summary of an outage's backlog and the workload board. Both cover the items at the caller's sites.
 */
@Singleton
public class SummaryService {

    /** The burn-down covers at most this many hours (60 days), the most recent ones. */
    static final int MAX_BURN_DOWN_HOURS = 24 * 60;

    private final SummaryRepository summaries;
    private final TallyRepository tallies;
    private final OutageService outages;
    private final Clock clock;
    private final ZoneId zone;

    SummaryService(SummaryRepository summaries, TallyRepository tallies, OutageService outages, Clock clock,
                   @Value("${backlog.timezone:Europe/London}") String zone) {
        this.summaries = summaries;
        this.tallies = tallies;
        this.outages = outages;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    @Transactional(readOnly = true)
    public OutageSummaryResponse summary(long outageId, Caller caller) {
        OutageResponse outage = outages.get(outageId, caller);
        boolean all = caller.allSites();
        List<String> sites = sites(caller);
        Instant now = Instant.now(clock);

        // Counts come from the running tallies (kept with every change), so they cost the same at any size.
        Map<String, Long> byStatus = new TreeMap<>();
        for (ItemStatus st : ItemStatus.values()) {
            byStatus.put(st.name(), 0L);
        }
        Map<String, Long> byBand = new TreeMap<>();
        for (int band = 1; band <= 4; band++) {
            byBand.put(Priority.bandName(band), 0L);
        }
        Map<String, Long> bySystem = new TreeMap<>();
        outage.systems().forEach(sys -> bySystem.put(sys.system(), 0L));
        Map<String, Long> byWard = new TreeMap<>();
        Map<Long, Long> logged = new TreeMap<>();
        Map<Long, Long> closed = new TreeMap<>();
        for (TallyRepository.Count c : tallies.read(outageId, all, sites)) {
            switch (c.metric()) {
                case "status" -> byStatus.put(c.label(), c.n());
                case "band" -> byBand.put(Priority.bandName(Integer.parseInt(c.label())), c.n());
                case "system" -> bySystem.put(c.label(), c.n());
                case "ward" -> byWard.put(c.label(), c.n());
                case "logged" -> logged.put(Long.parseLong(c.label()), c.n());
                case "closed" -> closed.put(Long.parseLong(c.label()), c.n());
                default -> { }
            }
        }
        byWard.values().removeIf(n -> n == 0);
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        long open = byBand.values().stream().mapToLong(Long::longValue).sum();

        OutageSummaryResponse.Oldest oldest = summaries.oldestOpen(outageId, all, sites)
                .map(o -> new OutageSummaryResponse.Oldest(o.id(), o.occurredAt(),
                        hours(Duration.between(o.occurredAt(), now))))
                .orElse(null);
        double last1h = summaries.countEnteredSince(outageId, now.minus(Duration.ofHours(1)), all, sites);
        double last4h = summaries.countEnteredSince(outageId, now.minus(Duration.ofHours(4)), all, sites) / 4.0;
        double last24h = summaries.countEnteredSince(outageId, now.minus(Duration.ofHours(24)), all, sites) / 24.0;
        Double hoursToClear = open == 0 ? Double.valueOf(0) : last4h > 0 ? round(open / last4h) : null;

        Map<String, Long> breachedByBand = new TreeMap<>();
        for (int band = 1; band <= 4; band++) {
            breachedByBand.put(Priority.bandName(band), 0L);
        }
        for (SummaryRepository.Count c : summaries.breachedPerBand(outageId, now, all, sites)) {
            breachedByBand.put(Priority.bandName(Integer.parseInt(c.key())), c.n());
        }
        long breached = breachedByBand.values().stream().mapToLong(Long::longValue).sum();

        return new OutageSummaryResponse(outageId, now, total, open, byStatus, byBand, bySystem, byWard, breached,
                breachedByBand, oldest,
                new OutageSummaryResponse.Throughput(last1h, round(last4h), round(last24h)), hoursToClear,
                burnDown(logged, closed, outage.startedAt(), now));
    }

    /**
     * Due-time performance of the outage's items at the caller's sites, per band: 404 when the outage is not visible to
     * the caller.
     */
    @Transactional(readOnly = true)
    public DuePerformance duePerformance(long outageId, Caller caller) {
        outages.get(outageId, caller);
        return duePerformance(outageId, caller.allSites(), sites(caller));
    }

    /**
     * Due-time performance of every item of the outage, at all its sites, for the recovery report (which decides who
     * may read it and covers the whole outage).
     */
    @Transactional(readOnly = true)
    public DuePerformance duePerformanceOfWholeOutage(long outageId) {
        return duePerformance(outageId, true, List.of(Caller.ALL_SITES));
    }

    private DuePerformance duePerformance(long outageId, boolean allSites, List<String> sites) {
        Instant now = Instant.now(clock);
        Map<Integer, SummaryRepository.BandDue> found = new TreeMap<>();
        for (SummaryRepository.BandDue b : summaries.duePerBand(outageId, now, allSites, sites)) {
            found.put(b.band(), b);
        }
        List<DuePerformance.Band> bands = new java.util.ArrayList<>();
        for (int band = 1; band <= 4; band++) {
            SummaryRepository.BandDue b = found.getOrDefault(band, new SummaryRepository.BandDue(band, 0, 0, 0, 0));
            bands.add(new DuePerformance.Band(Priority.bandName(band), b.due(), b.met(), b.breached(), b.breachedOpen()));
        }
        return new DuePerformance(outageId, now, bands);
    }

    /** Open items at the end of each hour since the outage began (the last point is now). */
    private static List<OutageSummaryResponse.BurnDownPoint> burnDown(Map<Long, Long> logged, Map<Long, Long> closed,
                                                                     Instant startedAt, Instant now) {
        long first = startedAt.getEpochSecond() / 3600;
        long last = now.getEpochSecond() / 3600;
        long from = Math.max(first, last - MAX_BURN_DOWN_HOURS + 1);
        long open = 0;
        for (Map.Entry<Long, Long> e : logged.entrySet()) {
            if (e.getKey() < from) {
                open += e.getValue();
            }
        }
        for (Map.Entry<Long, Long> e : closed.entrySet()) {
            if (e.getKey() < from) {
                open -= e.getValue();
            }
        }
        List<OutageSummaryResponse.BurnDownPoint> points = new ArrayList<>();
        for (long hour = from; hour <= last; hour++) {
            open += logged.getOrDefault(hour, 0L) - closed.getOrDefault(hour, 0L);
            Instant end = hour == last ? now : Instant.ofEpochSecond((hour + 1) * 3600);
            points.add(new OutageSummaryResponse.BurnDownPoint(end, open));
        }
        return points;
    }

    /**
     * Recomputes an outage's running counts from its items. For rows written outside the application (a data load,
     * the benchmark's seeding) or to check the counts; run it while nothing else changes the outage's items.
     */
    @Transactional
    public void rebuildCounts(long outageId, Caller caller) {
        outages.get(outageId, caller);
        rebuildCounts(outageId);
    }

    /** The same, for a caller inside the application (the benchmark after seeding). */
    @Transactional
    public void rebuildCounts(long outageId) {
        tallies.clear(outageId);
        tallies.rebuildStatus(outageId);
        tallies.rebuildBand(outageId);
        tallies.rebuildSystem(outageId);
        tallies.rebuildWard(outageId);
        tallies.rebuildLogged(outageId);
        tallies.rebuildClosed(outageId);
    }

    /** Per person: items held now, and entered and verified since midnight (backlog.timezone), at the caller's sites. */
    @Transactional(readOnly = true)
    public List<WorkloadResponse> workload(Caller caller) {
        boolean all = caller.allSites();
        List<String> sites = sites(caller);
        Instant midnight = LocalDate.now(clock.withZone(zone)).atStartOfDay(zone).toInstant();
        Map<String, long[]> people = new TreeMap<>();
        summaries.assignedPerUser(all, sites).forEach(c -> people.computeIfAbsent(c.key(), k -> new long[3])[0] = c.n());
        summaries.enteredPerUser(midnight, all, sites).forEach(c -> people.computeIfAbsent(c.key(), k -> new long[3])[1] = c.n());
        summaries.verifiedPerUser(midnight, all, sites).forEach(c -> people.computeIfAbsent(c.key(), k -> new long[3])[2] = c.n());
        return people.entrySet().stream()
                .map(e -> new WorkloadResponse(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2], midnight))
                .toList();
    }

    /** The caller's sites for an IN list (never empty: a caller with every site is not filtered by it). */
    private static List<String> sites(Caller caller) {
        return caller.allSites() || caller.sites().isEmpty() ? List.of(Caller.ALL_SITES) : List.copyOf(caller.sites());
    }

    private static double hours(Duration d) {
        return round(d.toMinutes() / 60.0);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
