package org.downtimebacklog.tracking;

import org.downtimebacklog.item.ItemCounts;
import org.downtimebacklog.item.ItemStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How logging and changing items move the outage's running counts. */
class TallyTest {

    private static final Instant LOGGED = Instant.parse("2026-11-23T10:15:00Z");
    private static final long LOGGED_HOUR = LOGGED.getEpochSecond() / 3600;

    @Test
    void aNewOpenItemCountsByStatusHourBandSystemAndWard() {
        ItemCounts item = counts(11, ItemStatus.LOGGED, null, 2);
        assertEquals(List.of("band/2 +1", "logged/" + LOGGED_HOUR + " +1", "status/LOGGED +1", "system/EMAR +1",
                "ward/Ward 7 +1"), describe(Tally.changes(List.of(), List.of(item))));
        assertTrue(Tally.changes(List.of(), List.of(item)).stream().allMatch(d -> d.shard() == 11 % Tally.SHARDS));
    }

    @Test
    void aStatusChangeMovesOnlyTheStatusCount() {
        List<Tally.Delta> deltas = Tally.changes(List.of(counts(5, ItemStatus.LOGGED, null, 2)),
                List.of(counts(5, ItemStatus.READY, null, 2)));
        assertEquals(List.of("status/LOGGED -1", "status/READY +1"), describe(deltas));
    }

    @Test
    void closingAnItemTakesItOutOfTheOpenCountsAndCountsItsClosingHour() {
        Instant closed = LOGGED.plusSeconds(7200);
        List<Tally.Delta> deltas = Tally.changes(List.of(counts(5, ItemStatus.ENTERED, null, 1)),
                List.of(counts(5, ItemStatus.VERIFIED, closed, 1)));
        assertEquals(List.of("band/1 -1", "closed/" + (closed.getEpochSecond() / 3600) + " +1", "status/ENTERED -1",
                "status/VERIFIED +1", "system/EMAR -1", "ward/Ward 7 -1"), describe(deltas));
    }

    @Test
    void manyItemsSumPerCountAndNothingMovesWhenNothingChanged() {
        List<ItemCounts> before = List.of(counts(1, ItemStatus.LOGGED, null, 3), counts(9, ItemStatus.LOGGED, null, 3));
        List<ItemCounts> after = List.of(counts(1, ItemStatus.READY, null, 3), counts(9, ItemStatus.READY, null, 3));
        List<Tally.Delta> deltas = Tally.changes(before, after);
        // ids 1 and 9 share shard 1 of 8: one row per count moves by two
        assertEquals(List.of("status/LOGGED -2", "status/READY +2"), describe(deltas));
        assertEquals(List.of(), Tally.changes(after, after));
    }

    @Test
    void deltasComeInKeyOrderSoTransactionsLockRowsInOneOrder() {
        List<Tally.Delta> deltas = Tally.changes(List.of(), List.of(counts(3, ItemStatus.READY, null, 1),
                counts(4, ItemStatus.READY, null, 1)));
        assertEquals(deltas.stream().sorted().toList(), deltas);
    }

    private static ItemCounts counts(long id, ItemStatus status, Instant closedAt, int band) {
        return new ItemCounts(id, 1, "RGH", status, LOGGED, closedAt, band, "EMAR", "Ward 7");
    }

    private static List<String> describe(List<Tally.Delta> deltas) {
        return deltas.stream().collect(Collectors.groupingBy(d -> d.metric() + "/" + d.label(),
                        java.util.TreeMap::new, Collectors.summingLong(Tally.Delta::n)))
                .entrySet().stream().map(e -> e.getKey() + " " + (e.getValue() > 0 ? "+" : "") + e.getValue()).toList();
    }
}
