package org.downtimebacklog.item;

/**
 * The queue's order, written once: most urgent band, then highest score, then oldest clinical time, then id. It is
 * the order of the index ix_item_queue (db/V2__add_queue_columns.sql), which a claim reads in order; lists sorted by
 * priority use it too.
 */
public final class QueueOrder {

    public static final String SQL = "priority_band, priority_score DESC, occurred_at, id";
    public static final String REVERSED = "priority_band DESC, priority_score, occurred_at DESC, id DESC";

    private QueueOrder() {
    }
}
