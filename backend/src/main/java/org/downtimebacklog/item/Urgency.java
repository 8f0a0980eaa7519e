package org.downtimebacklog.item;

import java.time.Instant;

/** How urgent items are at one moment: the score their age has grown to, and whether they are past due. */
record Urgency(PriorityPolicy policy, Instant now) {

    int score(Item item) {
        return policy.scoreAt(item.priority().rank(), item.captured().occurredAt(), now);
    }

    boolean breached(Item item) {
        return ItemLifecycle.isBreached(item.status(), item.priority().dueAt(), now);
    }

    PriorityResponse priority(Item item) {
        return PriorityResponse.of(item.priority(), score(item));
    }
}
