package org.downtimebacklog.duplicate;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.audit.AuditService;
import org.downtimebacklog.audit.Changes;
import org.downtimebacklog.item.PossibleDuplicates;
import org.downtimebacklog.security.Caller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY;

/**
 * Flags possible duplicates as items are logged: items of the same outage about the same patient, category and
 * system whose clinical times lie within the window ({@code backlog.queue.duplicate-window}). Two such items logged at
 * the same moment by different people do not see each other; the on-demand scan finds those.
 */
@Singleton
class DuplicateFlagger implements PossibleDuplicates {

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
    public List<Long> openFor(long itemId) {
        return duplicates.findOpenFor(itemId);
    }
}
