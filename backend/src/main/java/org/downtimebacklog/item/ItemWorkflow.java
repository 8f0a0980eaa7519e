package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.web.ETags;
import org.downtimebacklog.web.InvalidInputException;

import java.time.Clock;
import java.time.Instant;

import static io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY;

/**
 * Moves items through their lifecycle ({@link ItemLifecycle} says which moves are legal and who may make them). The
 * queue, bulk actions and the transitions endpoint all move items through here.
 */
@Singleton
public class ItemWorkflow {

    private final ItemRepository items;
    private final ItemReader reader;
    private final ItemWriter writer;
    private final Clock clock;

    ItemWorkflow(ItemRepository items, ItemReader reader, ItemWriter writer, Clock clock) {
        this.items = items;
        this.reader = reader;
        this.writer = writer;
        this.clock = clock;
    }

    /** Moves an item to another status, If-Match required like a correction. */
    @Transactional
    public ItemResponse transition(long id, @Nullable String ifMatch, TransitionRequest request, Caller caller) {
        ETags.requirePresent(ifMatch);
        return move(id, ifMatch, request, caller);
    }

    /** A move made by a team lead's bulk action, which names items by id only (no ETag). */
    @Transactional
    public ItemResponse transitionInBulk(long id, TransitionRequest request, Caller caller) {
        return move(id, null, request, caller);
    }

    private ItemResponse move(long id, @Nullable String ifMatch, TransitionRequest request, Caller caller) {
        Item current = reader.lockVisible(id, caller);
        ETags.check(ifMatch, current.version());
        Instant now = Instant.now(clock);
        ItemState next = ItemLifecycle.move(current, request, caller, reader.needsVerification(current), now);
        if (next.duplicateOf() != null) {
            Item original = items.findById(next.duplicateOf()).filter(i -> caller.canAccessSite(i.site()))
                    .orElseThrow(() -> InvalidInputException.of("duplicateOf", "is not an item you can see"));
            if (original.status() == ItemStatus.DUPLICATE) {
                throw InvalidInputException.of("duplicateOf", "is itself a duplicate; name the original");
            }
        }
        return reader.response(writer.move(current, next, caller, "ITEM_STATUS_CHANGED", now));
    }

    /**
     * The item, READY, now ASSIGNED to {@code assignee} by {@code actor} (the same person when claimed), audited as
     * {@code action}. The caller checks the assignee's cap first.
     */
    @Transactional(propagation = MANDATORY)
    public ItemResponse assign(long id, Caller assignee, Caller actor, String action) {
        Item item = reader.lockVisible(id, actor);
        Instant now = Instant.now(clock);
        return reader.response(writer.move(item, ItemLifecycle.assigned(item, assignee, now), actor, action, now));
    }

    /** Gives an ASSIGNED item back to the queue: by the person holding it, or a team lead. */
    @Transactional
    public ItemResponse release(long id, @Nullable String reason, Caller caller) {
        Item item = reader.lockVisible(id, caller);
        Instant now = Instant.now(clock);
        return reader.response(writer.move(item, ItemLifecycle.released(item, caller, reason), caller, "ITEM_RELEASED", now));
    }

    /** Returns an ASSIGNED item whose holder made no progress to the queue (no person: the system did it). */
    @Transactional(propagation = MANDATORY)
    public void expireLease(long id, String reason) {
        Item item = items.findByIdForUpdate(id).orElseThrow();
        Instant now = Instant.now(clock);
        writer.move(item, ItemLifecycle.leaseExpired(item, reason), null, "LEASE_EXPIRED", now);
    }

    /**
     * Up to {@code limit} items of the outage waiting for the system are now READY, in the caller's transaction (the
     * recovery's own), due from the system's recovery; returns how many.
     */
    @Transactional(propagation = MANDATORY)
    public int releaseWaiting(long outageId, String system, @Nullable Caller actor, String reason,
                              Instant recoveredAt, int limit) {
        return writer.releaseWaiting(outageId, system, actor, reason, recoveredAt, Instant.now(clock), 0, limit)
                .count();
    }

    /**
     * The same in a short transaction of its own, the items with ids above {@code afterId} only: one chunk of a large
     * release, which reads on from where the last one ended.
     */
    @Transactional
    public ReleasedChunk releaseChunk(long outageId, String system, @Nullable Caller actor, String reason,
                                      Instant recoveredAt, long afterId, int limit) {
        return writer.releaseWaiting(outageId, system, actor, reason, recoveredAt, Instant.now(clock), afterId, limit);
    }
}
