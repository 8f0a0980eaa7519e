package org.downtimebacklog.duplicate;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.audit.AuditService;
import org.downtimebacklog.audit.Changes;
import org.downtimebacklog.item.ItemService;
import org.downtimebacklog.item.ItemSummaryResponse;
import org.downtimebacklog.item.Patient;
import org.downtimebacklog.item.PossibleDuplicates;
import org.downtimebacklog.outage.OutageService;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.web.ConflictException;
import org.downtimebacklog.web.NotFoundException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Possible duplicates: checking an item about to be logged, listing the open pairs of an outage, scanning an outage
 * for pairs on demand, and dismissing a pair. Confirming one is the DUPLICATE move of the item (item lifecycle).
 */
@Singleton
public class DuplicateService {

    private static final int LIST_LIMIT = 500;

    private final DuplicateRepository duplicates;
    private final DuplicateWindow window;
    private final ItemService items;
    private final OutageService outages;
    private final AuditService audit;
    private final Clock clock;

    DuplicateService(DuplicateRepository duplicates, DuplicateWindow window, ItemService items, OutageService outages,
                     AuditService audit, Clock clock) {
        this.duplicates = duplicates;
        this.window = window;
        this.items = items;
        this.outages = outages;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The items, among those the caller can see, that logging the described item would flag as possible duplicates.
     * It looks a patient up, so it is audited like a patient search.
     */
    @Transactional
    public List<ItemSummaryResponse> check(DuplicateCheckRequest request, Caller caller) {
        Patient patient = request.patient().asPatient().normalised("patient");
        outages.get(request.outageId(), caller);
        List<Long> matches = window.matches(new PossibleDuplicates.Key(request.outageId(), request.category(),
                request.targetSystem(), patient.nhsNumber(), patient.localId(), request.occurredAt()), 0);
        List<ItemSummaryResponse> rows = items.summaries(matches, caller);
        items.recordPatientSearch(rows, caller);
        return rows;
    }

    /** Open pairs of the outage whose two items the caller may both see, oldest first (at most 500). */
    @Transactional(readOnly = true)
    public List<DuplicatePairResponse> open(long outageId, Caller caller) {
        outages.get(outageId, caller);
        List<DuplicateCandidate> pairs = duplicates.findOpenInOutage(outageId, LIST_LIMIT);
        if (pairs.isEmpty()) {
            return List.of();
        }
        Map<Long, ItemSummaryResponse> visible = items.summaries(pairs.stream()
                        .flatMap(p -> Stream.of(p.itemId(), p.otherItemId())).distinct().toList(), caller)
                .stream().collect(Collectors.toMap(ItemSummaryResponse::id, Function.identity()));
        return pairs.stream()
                .filter(p -> visible.containsKey(p.itemId()) && visible.containsKey(p.otherItemId()))
                .map(p -> new DuplicatePairResponse(p.id(), p.detectedAt(), visible.get(p.itemId()),
                        visible.get(p.otherItemId())))
                .toList();
    }

    /** Flags every pair in the outage not flagged yet; returns how many new pairs it found. */
    @Transactional
    public int scan(long outageId, Caller caller) {
        outages.get(outageId, caller);
        return duplicates.flagAll(outageId, window.window().toSeconds(), Instant.now(clock));
    }

    /** A team lead decides the two items are not the same care. */
    @Transactional
    public void dismiss(long id, String reason, Caller caller) {
        DuplicateCandidate pair = duplicates.findByIdForUpdate(id)
                .filter(p -> items.summaries(List.of(p.itemId(), p.otherItemId()), caller).size() == 2)
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
}
