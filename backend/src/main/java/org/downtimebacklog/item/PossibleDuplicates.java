package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;
import org.downtimebacklog.security.Caller;

import java.time.Instant;
import java.util.List;

/**
 * What the item feature asks of the duplicate feature, which implements it: flag a new item's possible duplicates as
 * it is logged (in the same transaction), and name the open ones of an item. Item owns this interface so that the
 * dependency points into item.
 */
public interface PossibleDuplicates {

    /** What decides whether two items may record the same care. */
    record Key(long outageId, Category category, String targetSystem, @Nullable String nhsNumber,
               @Nullable String localId, Instant occurredAt) {
    }

    /** Flags the items the new one may repeat; returns their ids, lowest first. */
    List<Long> flagOnLogging(long itemId, Key key, Caller caller, Instant now);

    /**
     * As {@link #flagOnLogging(long, Key, Caller, Instant)} for items logged together, lowest id first, as if logged
     * one by one: each is flagged against the items logged before it. Returns each item's matches, lowest first.
     */
    java.util.Map<Long, List<Long>> flagOnLogging(List<Long> itemIds, Caller caller, Instant now);

    /** The items still flagged against this one (neither dismissed nor settled as DUPLICATE), lowest id first. */
    List<Long> openFor(long itemId);
}
