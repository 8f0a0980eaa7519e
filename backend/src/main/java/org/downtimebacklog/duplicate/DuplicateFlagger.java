package org.downtimebacklog.duplicate;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.audit.AuditService;
import org.downtimebacklog.audit.Changes;
import org.downtimebacklog.item.PossibleDuplicates;
import org.downtimebacklog.security.Caller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY;

/**
 * Flags possible duplicates as items are logged: items of the same outage about the same patient, category and
 * system whose clinical times lie within the window ({@code backlog.queue.duplicate-window}). Two such items logged at
 * the same moment by different people do not see each other; the on-demand scan finds those.
 */
@Singleton
class DuplicateFlagger implements PossibleDuplicates {

    /** As many matches as {@link DuplicateRepository#findMatches} names: enough to see that something is repeated. */
    private static final int MAX_MATCHES = 20;

    private final DuplicateRepository duplicates;
    private final DuplicateWindow window;
    private final AuditService audit;

    DuplicateFlagger(DuplicateRepository duplicates, DuplicateWindow window, AuditService audit) {
        this.duplicates = duplicates;
        this.window = window;
        this.audit = audit;
    }

    @Override
    @Transactional(propagation = MANDATORY)
    public List<Long> flagOnLogging(long itemId, Key key, Caller caller, Instant now) {
        List<Long> matches = window.matches(key, itemId);
        for (long other : matches) {
            duplicates.flag(itemId, other, key.outageId(), now);
        }
        if (!matches.isEmpty()) {
            List<Long> flagged = new ArrayList<>(matches);
            flagged.add(itemId);
            audit.recordForItems(caller, "POSSIBLE_DUPLICATE_FLAGGED", flagged, Changes.none()
                    .set("items", flagged.stream().sorted().toList()), null);
        }
        return matches.stream().sorted().toList();
    }

    @Override
    @Transactional(propagation = MANDATORY)
    public Map<Long, List<Long>> flagOnLogging(List<Long> itemIds, Caller caller, Instant now) {
        Map<Long, List<Long>> found = new LinkedHashMap<>();
        itemIds.forEach(id -> found.put(id, new ArrayList<>()));
        if (itemIds.isEmpty()) {
            return found;
        }
        Set<Long> together = Set.copyOf(itemIds);
        List<AuditService.ItemEvent> events = new ArrayList<>();
        for (DuplicateRepository.Match match : duplicates.findMatchesOf(itemIds, window.window().toSeconds())) {
            List<Long> matches = found.get(match.itemId());
            // an item logged after this one in the same batch flags the pair itself, as if logged one by one
            boolean laterInBatch = together.contains(match.otherId()) && match.otherId() > match.itemId();
            if (!laterInBatch && matches.size() < MAX_MATCHES) {
                duplicates.flag(match.itemId(), match.otherId(), match.outageId(), now);
                matches.add(match.otherId());
            }
        }
        found.forEach((itemId, matches) -> {
            if (!matches.isEmpty()) {
                List<Long> flagged = new ArrayList<>(matches);
                flagged.add(itemId);
                List<Long> sorted = flagged.stream().sorted().toList();
                flagged.forEach(id -> events.add(new AuditService.ItemEvent(id, Changes.none().set("items", sorted))));
            }
        });
        audit.recordEach(caller, "POSSIBLE_DUPLICATE_FLAGGED", events, null);
        return found;
    }

    @Override
    public List<Long> openFor(long itemId) {
        return duplicates.findOpenFor(itemId);
    }
}
