package org.downtimebacklog.item;

/**
 * The queue's order, written once: most urgent band, then highest score now (the rank, which orders as the score
 * that grows with age does, see PriorityPolicy), then oldest clinical time, then id. It is the order of the index
 * ix_item_queue (db/V17__add_item_due_time.sql), which a claim reads in order; lists sorted by priority use it too.
 */
public final class QueueOrder {

    public static final String SQL = "priority_band, queue_rank DESC, occurred_at, id";
    public static final String REVERSED = "priority_band DESC, queue_rank, occurred_at DESC, id DESC";

    private QueueOrder() {
    }
}
