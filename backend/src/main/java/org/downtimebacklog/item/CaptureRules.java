package org.downtimebacklog.item;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.downtimebacklog.outage.OutageForLogging;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.web.NotInFuture;
import org.downtimebacklog.web.Violation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Where and when an item may be logged, or corrected to: the rules that need its outage. */
@Singleton
class CaptureRules {

    private final NotInFuture notInFuture;
    private final Duration beforeOutageMargin;

    CaptureRules(NotInFuture notInFuture,
                 @Value("${backlog.capture.before-outage-margin:24h}") Duration beforeOutageMargin) {
        this.notInFuture = notInFuture;
        this.beforeOutageMargin = beforeOutageMargin;
    }

    /**
     * When the care was given: not in the future, and not earlier than the outage's start less the margin
     * ({@code backlog.capture.before-outage-margin}, for care given just before the systems failed).
     */
    void checkOccurredAt(OutageForLogging outage, Instant occurredAt, List<Violation> violations) {
        notInFuture.check("occurredAt", occurredAt, violations);
        Instant earliest = outage.startedAt().minus(beforeOutageMargin);
        if (occurredAt.isBefore(earliest)) {
            violations.add(new Violation("occurredAt", "must not be before " + earliest + " ("
                    + beforeOutageMargin.toHours() + " h before outage " + outage.reference() + " began)"));
        }
    }

    /** The site is one of the outage's and the caller's; the system is one of the outage's. */
    void checkPlacement(OutageForLogging outage, String site, String targetSystem, Caller caller,
                        List<Violation> violations) {
        if (!outage.sites().contains(site)) {
            violations.add(new Violation("site", "is not one of the outage's sites " + outage.sites().stream().sorted().toList()));
        } else if (!caller.canAccessSite(site)) {
            violations.add(new Violation("site", "is not one of your sites"));
        }
        if (!outage.systems().containsKey(targetSystem)) {
            violations.add(new Violation("targetSystem", "is not one of the outage's systems " + outage.systems().keySet()));
        }
    }
}
