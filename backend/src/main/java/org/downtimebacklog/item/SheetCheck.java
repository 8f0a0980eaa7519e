package org.downtimebacklog.item;

import org.downtimebacklog.security.Caller;

import java.util.List;

/**
 * The hook through which the paper sheets an item names are checked and moved on, implemented by the feature that
 * registers sheets (custody), so that item does not depend on it. Both are called in the item's transaction.
 */
public interface SheetCheck {

    /**
     * Checks the sheet an item at {@code site} and {@code ward} names (its id in capitals) before the item is stored:
     * refuses it with a problem naming {@code sheetId} (a mistyped id or a sheet of another site: 422; a sheet that
     * may take no more items: 409), else answers the warnings to show with the item (empty when none). Stores nothing.
     */
    List<CaptureWarning> check(String sheetId, String site, String ward, Caller caller);

    /** The items with these ids, of this outage, were stored naming the sheet (checked before): move it on if need be. */
    void logged(String sheetId, long outageId, List<Long> itemIds, Caller caller);
}
