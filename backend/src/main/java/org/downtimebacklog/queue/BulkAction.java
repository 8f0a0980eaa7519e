package org.downtimebacklog.queue;

/** What a team lead can do to many items at once. */
public enum BulkAction {
    /** ON_HOLD with the reason. */
    HOLD,
    /** NOT_REQUIRED with the reason. */
    NOT_REQUIRED,
    /** Set the band ({@code band}, P1 to P4) with the reason. */
    OVERRIDE_PRIORITY,
    /** Clear a band override. */
    CLEAR_PRIORITY,
    /** Give ASSIGNED items back to the queue. */
    RELEASE
}
