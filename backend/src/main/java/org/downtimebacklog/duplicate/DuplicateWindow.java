package org.downtimebacklog.duplicate;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.downtimebacklog.item.PossibleDuplicates;

import java.time.Duration;
import java.util.List;

/** The rule for "may repeat": same outage, patient, category and system, clinical times within the window. */
@Singleton
class DuplicateWindow {

    private final DuplicateRepository duplicates;
    private final Duration window;

    DuplicateWindow(DuplicateRepository duplicates, @Value("${backlog.queue.duplicate-window:15m}") Duration window) {
        this.duplicates = duplicates;
        this.window = window;
    }

    Duration window() {
        return window;
    }

    /** Other items (all but {@code itemId}; 0 excludes none, as ids start at 1) that an item so described may repeat. */
    List<Long> matches(PossibleDuplicates.Key key, long itemId) {
        return duplicates.findMatches(key.outageId(), key.category().name(), key.targetSystem(), itemId,
                key.nhsNumber(), key.localId(), key.occurredAt().minus(window), key.occurredAt().plus(window));
    }
}
