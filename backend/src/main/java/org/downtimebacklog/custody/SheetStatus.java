package org.downtimebacklog.custody;

/** Where a printed sheet is: ISSUED to its ward when its pack was made. */
public enum SheetStatus {
    ISSUED
}
