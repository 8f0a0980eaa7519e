package org.downtimebacklog.item;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.audit.AuditService;
import org.downtimebacklog.audit.Changes;
import org.downtimebacklog.outage.OutageService;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.web.ConflictException;
import org.downtimebacklog.web.NotFoundException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Possible duplicates: listing the open pairs of an outage, scanning an outage for pairs on demand, and dismissing
 * a pair. Confirming one is the DUPLICATE move of the item (see {@link ItemLifecycle}).
 */
@Singleton
public class DuplicateService {

    private static final int LIST_LIMIT = 500;

    private final DuplicateRepository duplicates;
    private final ItemRepository items;
    private final OutageService outages;
    private final QueueSettings settings;
    private final AuditService audit;
    private final Clock clock;

    DuplicateService(DuplicateRepository duplicates, ItemRepository items, OutageService outages,
                     QueueSettings settings, AuditService audit, Clock clock) {
        this.duplicates = duplicates;
        this.items = items;
        this.outages = outages;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    /** Open pairs of the outage whose two items the caller may both see, oldest first (at most 500). */
    @Transactional(readOnly = true)
    public List<DuplicatePairResponse> open(long outageId, Caller caller) {
        outages.get(outageId, caller);
        List<DuplicateCandidate> pairs = duplicates.findOpenInOutage(outageId, LIST_LIMIT);
        if (pairs.isEmpty()) {
            return List.of();
        }
        Map<Long, Item> byId = items.findByIdIn(pairs.stream()
                        .flatMap(p -> java.util.stream.Stream.of(p.itemId(), p.otherItemId())).distinct().toList())
                .stream().collect(Collectors.toMap(Item::id, Function.identity()));
        return pairs.stream()
                .filter(p -> caller.canAccessSite(byId.get(p.itemId()).site()) && caller.canAccessSite(byId.get(p.otherItemId()).site()))
                .map(p -> new DuplicatePairResponse(p.id(), p.detectedAt(), ItemSummaryResponse.of(byId.get(p.itemId())),
                        ItemSummaryResponse.of(byId.get(p.otherItemId()))))
                .toList();
    }

    /** Flags every pair in the outage not flagged yet; returns how many new pairs it found. */
    @Transactional
    public int scan(long outageId, Caller caller) {
        outages.get(outageId, caller);
        return duplicates.flagAll(outageId, settings.getDuplicateWindow().toSeconds(), Instant.now(clock));
    }

    /** A team lead decides the two items are not the same care. */
    @Transactional
    public void dismiss(long id, String reason, Caller caller) {
        DuplicateCandidate pair = duplicates.findByIdForUpdate(id)
                .filter(p -> visible(p.itemId(), caller) && visible(p.otherItemId(), caller))
                .orElseThrow(() -> new NotFoundException("Possible duplicate " + id));
        if (pair.dismissedAt() != null) {
            throw new ConflictException("This pair was already dismissed by " + pair.dismissedBy() + ".");
        }
        Instant now = Instant.now(clock);
        duplicates.update(new DuplicateCandidate(pair.id(), pair.itemId(), pair.otherItemId(), pair.outageId(),
                pair.detectedAt(), now, caller.username(), reason.strip()));
        audit.recordForItems(caller, "POSSIBLE_DUPLICATE_DISMISSED", List.of(pair.itemId(), pair.otherItemId()),
                Changes.none().set("items", List.of(pair.itemId(), pair.otherItemId())), reason.strip());
    }

    private boolean visible(long itemId, Caller caller) {
        Optional<Item> item = items.findById(itemId);
        return item.isPresent() && caller.canAccessSite(item.get().site());
    }
}
