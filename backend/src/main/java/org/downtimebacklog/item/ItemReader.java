package org.downtimebacklog.item;

import jakarta.inject.Singleton;
import org.downtimebacklog.outage.OutageService;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.web.NotFoundException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads items as the caller may see them and turns them into responses. */
@Singleton
class ItemReader {

    private final ItemRepository items;
    private final VerificationSettings verification;
    private final PossibleDuplicates duplicates;
    private final PriorityPolicy priorities;
    private final Clock clock;
    private final OutageService outages;

    ItemReader(ItemRepository items, VerificationSettings verification, PossibleDuplicates duplicates,
               PriorityPolicy priorities, Clock clock, OutageService outages) {
        this.items = items;
        this.verification = verification;
        this.duplicates = duplicates;
        this.priorities = priorities;
        this.clock = clock;
        this.outages = outages;
    }

    /** How urgent items are now: their grown scores and whether they are past due. */
    Urgency urgency() {
        return new Urgency(priorities, Instant.now(clock));
    }

    /** The item, locked until the transaction ends; 404 when it is missing or at a site the caller cannot see. */
    Item lockVisible(long id, Caller caller) {
        return visible(items.findByIdForUpdate(id), id, caller);
    }

    Item findVisible(long id, Caller caller) {
        return visible(items.findById(id), id, caller);
    }

    boolean needsVerification(Item item) {
        return verification.needsVerification(item);
    }

    /** Whether an item with these captured fields would need a second person's check. */
    boolean needsVerification(CapturedFields captured) {
        return verification.needsVerification(captured);
    }

    ItemResponse response(Item item) {
        List<Long> possible = item.status() == ItemStatus.DUPLICATE ? List.of() : duplicates.openFor(item.id());
        return response(item, possible);
    }

    ItemResponse response(Item item, List<Long> possibleDuplicates) {
        return ItemResponse.of(item, needsVerification(item), possibleDuplicates, urgency(),
                outages.isDrill(item.outageId()));
    }

    /** A missing item and one at another site answer the same, so ids reveal nothing. */
    private static Item visible(Optional<Item> found, long id, Caller caller) {
        return found.filter(i -> caller.canAccessSite(i.site()))
                .orElseThrow(() -> new NotFoundException("Item " + id));
    }
}
