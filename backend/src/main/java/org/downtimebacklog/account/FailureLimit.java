package org.downtimebacklog.account;

import java.time.Duration;
import java.time.Instant;

/**
 * At most {@code failures} failed sign-ins per {@code window}, as a leaky bucket kept as the time it will have
 * drained empty: each failure fills it by one interval ({@code window / failures}) and it drains as time passes, so a
 * burst of {@code failures} is allowed, then one more each interval. Nothing is locked for a fixed time: as soon as
 * the bucket has room for one more, one more attempt is let through.
 */
record FailureLimit(int failures, Duration window) {

    FailureLimit {
        if (failures < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a sign-in limit needs at least one failure per a positive window");
        }
    }

    Duration interval() {
        return window.dividedBy(failures);
    }

    /** How long until another attempt may be made, zero or negative if it may be made now. */
    Duration wait(Instant drainedAt, Instant now) {
        return Duration.between(now, drainedAt).minus(interval().multipliedBy(failures - 1L));
    }

    /** The bucket with one more failure in it. */
    Instant add(Instant drainedAt, Instant now) {
        return (drainedAt.isAfter(now) ? drainedAt : now).plus(interval());
    }
}
