package org.downtimebacklog.tracking;

import org.downtimebacklog.item.ItemCounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an item contributes to its outage's running counts (see db/V5__create_outage_tally.sql), and the changes to
 * those counts when items appear or change. Each count is split over {@link #SHARDS} rows by item id.
 */
final class Tally {

    static final int SHARDS = 8;

    /** One count to move: its key and by how much. Keys sort so that every transaction locks rows in one order. */
    record Delta(long outageId, String site, String metric, String label, int shard, long n) implements Comparable<Delta> {
        @Override
        public int compareTo(Delta o) {
            int c = Long.compare(outageId, o.outageId);
            if (c == 0) c = site.compareTo(o.site);
            if (c == 0) c = metric.compareTo(o.metric);
            if (c == 0) c = label.compareTo(o.label);
            if (c == 0) c = Integer.compare(shard, o.shard);
            return c;
        }
    }

    private Tally() {
    }

    /** The same for many items at once, summed (before and after in any order). */
    static List<Delta> changes(List<ItemCounts> before, List<ItemCounts> after) {
        Map<Delta, Long> sums = new TreeMap<>();
        before.forEach(item -> keys(item).forEach(k -> sums.merge(k, -1L, Long::sum)));
        after.forEach(item -> keys(item).forEach(k -> sums.merge(k, 1L, Long::sum)));
        List<Delta> deltas = new ArrayList<>();
        sums.forEach((k, n) -> {
            if (n != 0) {
                deltas.add(new Delta(k.outageId(), k.site(), k.metric(), k.label(), k.shard(), n));
            }
        });
        return deltas;
    }

    private static List<Delta> keys(ItemCounts i) {
        int shard = (int) (i.id() % SHARDS);
        List<Delta> keys = new ArrayList<>();
        keys.add(key(i, "status", i.status().name(), shard));
        keys.add(key(i, "logged", Long.toString(i.loggedAt().getEpochSecond() / 3600), shard));
        if (i.closedAt() == null) {
            keys.add(key(i, "band", Integer.toString(i.band()), shard));
            keys.add(key(i, "system", i.targetSystem(), shard));
            keys.add(key(i, "ward", i.ward(), shard));
        } else {
            keys.add(key(i, "closed", Long.toString(i.closedAt().getEpochSecond() / 3600), shard));
        }
        return keys;
    }

    private static Delta key(ItemCounts i, String metric, String label, int shard) {
        return new Delta(i.outageId(), i.site(), metric, label, shard, 0);
    }
}
