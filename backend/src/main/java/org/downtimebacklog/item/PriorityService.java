package org.downtimebacklog.item;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.audit.Changes;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.web.InvalidInputException;
import org.downtimebacklog.web.Text;

import java.time.Clock;
import java.time.Instant;

/**
 * A team lead's override of an item's computed priority band (see {@link PriorityPolicy}). An item in the queue is
 * then due the new band's target from when it entered the queue.
 */
@Singleton
public class PriorityService {

    private final ItemReader reader;
    private final ItemWriter writer;
    private final PriorityPolicy priorities;
    private final Clock clock;

    PriorityService(ItemReader reader, ItemWriter writer, PriorityPolicy priorities, Clock clock) {
        this.reader = reader;
        this.writer = writer;
        this.priorities = priorities;
        this.clock = clock;
    }

    /** Sets the item's band (P1 to P4) with a reason, or clears the override with null; it holds until cleared. */
    @Transactional
    public ItemResponse override(long id, PriorityOverrideRequest request, Caller caller) {
        Item current = reader.lockVisible(id, caller);
        Integer band = null;
        if (request.band() != null) {
            band = Priority.parseBand(request.band());
            if (band == 0) {
                throw InvalidInputException.of("band", "must be P1, P2, P3 or P4, or null to clear the override");
            }
        }
        String reason = Text.blankToNull(request.reason());
        if (band != null && reason == null) {
            throw InvalidInputException.of("reason", "is required to override the priority");
        }
        Instant now = Instant.now(clock);
        ItemPriority priority = current.priority().overridden(band, reason, priorities.band(current.priority().score()));
        Instant due = current.priority().dueAt();
        if (due != null && priority.band() != current.priority().band()) {
            // due from when it entered the queue, the new band's target: a breach can start, or end, here
            due = priorities.dueAfterBandChange(due, current.priority().band(), priority.band());
        }
        Item updated = current.withPriority(priority.due(due), now);
        return reader.response(writer.change(current, updated, caller,
                band == null ? "PRIORITY_OVERRIDE_CLEARED" : "PRIORITY_OVERRIDDEN",
                Changes.none().field("priority.band", current.priority().bandName(), updated.priority().bandName())
                        .field("dueAt", current.priority().dueAt(), updated.priority().dueAt()),
                reason));
    }
}
