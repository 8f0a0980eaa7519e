package org.downtimebacklog.item;

/**
 * Where an item is in back-entry. The moves between them are in {@link ItemLifecycle}.
 * <ul>
 * <li>LOGGED: captured while its target system is still down.</li>
 * <li>READY: its system is back; waiting in the queue.</li>
 * <li>ASSIGNED: one person is entering it (a lease that runs out).</li>
 * <li>ENTERED: entered into the target system, with the record's id there.</li>
 * <li>VERIFIED: a second person checked the entry against the paper.</li>
 * <li>ON_HOLD: a query back to the ward; returns to READY.</li>
 * <li>DUPLICATE: another item records the same care.</li>
 * <li>NOT_REQUIRED: does not need entering (an interface replayed it, or the paper is scanned instead).</li>
 * </ul>
 */
public enum ItemStatus {
    LOGGED,
    READY,
    ASSIGNED,
    ENTERED,
    VERIFIED,
    ON_HOLD,
    DUPLICATE,
    NOT_REQUIRED
}
