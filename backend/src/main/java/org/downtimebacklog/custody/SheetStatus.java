package org.downtimebacklog.custody;

/**
 * Where a printed sheet is ({@link SheetLifecycle} says how it moves): ISSUED to its ward when its pack was made,
 * IN_USE once an item names it, COMPLETE when a lead has declared how many entries the paper holds, RETURNED_UNUSED,
 * MISSING (with a reason) or VOIDED (with a reason).
 */
public enum SheetStatus {
    ISSUED,
    IN_USE,
    COMPLETE,
    RETURNED_UNUSED,
    MISSING,
    VOIDED
}
