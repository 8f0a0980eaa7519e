package org.downtimebacklog.item;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.audit.AuditService;
import org.downtimebacklog.audit.Changes;
import org.downtimebacklog.database.InsertReturning;
import org.downtimebacklog.security.Caller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY;

/**
 * The one write path of an item: every new item and every change is written here, together with its audit event
 * and the {@link ItemsChangedEvent} that moves the outage's running counts, all in the caller's transaction.
 */
@Singleton
class ItemWriter {

    static final String ENTITY = "ITEM";

    private final ItemRepository items;
    private final AuditService audit;
    private final ApplicationEventPublisher<ItemsChangedEvent> events;
    private final PriorityPolicy priorities;
    private final InsertReturning insertReturning;

    ItemWriter(ItemRepository items, AuditService audit, ApplicationEventPublisher<ItemsChangedEvent> events,
               PriorityPolicy priorities, InsertReturning insertReturning) {
        this.items = items;
        this.audit = audit;
        this.events = events;
        this.priorities = priorities;
        this.insertReturning = insertReturning;
    }

    /** Stores a new item; audited as ITEM_CREATED with every field it was logged with. */
    @Transactional(propagation = MANDATORY)
    Item create(Item item, Caller actor) {
        return create(item, actor, Changes.none());
    }

    /** As {@link #create(Item, Caller)}, the audit event also saying where the item came from ({@code origin}). */
    @Transactional(propagation = MANDATORY)
    Item create(Item item, Caller actor, Changes origin) {
        Item saved = items.save(item);
        events.publishEvent(new ItemsChangedEvent(List.of(), List.of(saved.counts())));
        audit.record(actor, "ITEM_CREATED", ENTITY, saved.id(), saved.id(), created(saved).and(origin), null);
        return saved;
    }

    /**
     * Stores many new items at once, in the order given: one multi-row insert that reads back their generated ids
     * (an insert each where the database cannot, see {@link InsertReturning}), one move of the running counts, one
     * multi-row insert of audit events (ITEM_CREATED for each item, as {@link #create(Item, Caller)} records it).
     */
    @Transactional(propagation = MANDATORY)
    List<Item> createAll(List<Item> newItems, Caller actor) {
        if (newItems.isEmpty()) {
            return List.of();
        }
        List<Item> saved = new ArrayList<>();
        if (insertReturning.available()) {
            saved.addAll(items.insertAll(newItems));
        } else {
            items.saveAll(newItems).forEach(saved::add);
        }
        events.publishEvent(new ItemsChangedEvent(List.of(), saved.stream().map(Item::counts).toList()));
        audit.recordEach(actor, "ITEM_CREATED", saved.stream()
                .map(i -> new AuditService.ItemEvent(i.id(), created(i))).toList(), null);
        return saved;
    }

    /** Every field a new item was logged with, as its ITEM_CREATED event records them. */
    private static Changes created(Item saved) {
        return Changes.none()
                .set("priority", saved.priority().bandName() + " (" + saved.priority().score() + "): "
                        + saved.priority().reasons())
                .set("outageId", saved.outageId())
                .and(saved.captured().created())
                .set("status", saved.status());
    }

    /** Writes the next version of an item; audited as {@code action} with the given changes and reason. */
    @Transactional(propagation = MANDATORY)
    Item change(Item before, Item after, @Nullable Caller actor, String action, Changes changes, @Nullable String reason) {
        items.update(after);
        events.publishEvent(new ItemsChangedEvent(List.of(before.counts()), List.of(after.counts())));
        audit.record(actor, action, ENTITY, after.id(), after.id(), changes, reason);
        return after;
    }

    /** Moves an item to a new workflow state; audited with every workflow field that changed, and why. */
    @Transactional(propagation = MANDATORY)
    Item move(Item current, ItemState next, @Nullable Caller actor, String action, Instant now) {
        return change(current, current.withState(next, now), actor, action, next.changesFrom(current.state()),
                next.statusReason());
    }

    /**
     * Up to {@code limit} items of the outage waiting (LOGGED) for the system, lowest id above {@code afterId} first,
     * now READY: one statement for the rows, one batch of audit events (ITEM_RELEASED, one per item). Each is due its
     * band's target from {@code recoveredAt} (or from its logging, when later): however late its chunk is released, an
     * item's due time is the one it would have had released with the first. Returns how many, and the highest id.
     */
    @Transactional(propagation = MANDATORY)
    ReleasedChunk releaseWaiting(long outageId, String system, @Nullable Caller actor, String reason,
                                 Instant recoveredAt, Instant now, long afterId, int limit) {
        List<ItemCounts> waiting = items.lockLogged(outageId, system, afterId, limit);
        if (waiting.isEmpty()) {
            return new ReleasedChunk(0, afterId);
        }
        List<Long> ids = waiting.stream().map(ItemCounts::id).toList();
        items.releaseLogged(ids, now, recoveredAt, priorities.dueWithin(1).toSeconds(),
                priorities.dueWithin(2).toSeconds(), priorities.dueWithin(3).toSeconds(),
                priorities.dueWithin(4).toSeconds());
        audit.recordForItems(actor, "ITEM_RELEASED", ids, Changes.none()
                .field("status", ItemStatus.LOGGED, ItemStatus.READY), reason);
        // the counts last: their rows, which every writer of the outage shares, stay locked only until the commit
        events.publishEvent(new ItemsChangedEvent(waiting,
                waiting.stream().map(i -> i.withStatus(ItemStatus.READY)).toList()));
        return new ReleasedChunk(waiting.size(), ids.get(ids.size() - 1));
    }
}
