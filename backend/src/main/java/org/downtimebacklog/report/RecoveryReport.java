package org.downtimebacklog.report;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import org.downtimebacklog.custody.SheetReconciliation;
import org.downtimebacklog.tracking.DuePerformance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An outage's recovery report, for governance: what happened when, what the backlog held and how it was cleared, what
 * was left and why, how the second-person check was kept, and who signed it off. Items are named by their reference
 * (ITM-000042) only: the report names no patient.
 * {@code sheets} is the outage's sheet reconciliation as custody counts it; {@code dueTimes} how its items kept their
 * due times, per priority band (met, breached, and breached and still waiting).
 */
@Introspected
public record RecoveryReport(
        OutageFacts outage,
        Instant generatedAt,
        List<TimelineEntry> timeline,
        Counts counts,
        Throughput throughput,
        DuePerformance dueTimes,
        SheetReconciliation sheets,
        Exceptions exceptions,
        FourEyes fourEyes,
        @Nullable SignOffView signOff,
        Retention retention) {

    @Introspected
    public record OutageFacts(long id, String reference, String title, Set<String> sites, String status,
                              Instant startedAt, @Nullable Instant closedAt) {
    }

    /** STARTED, RECOVERED (with its system; a system still down has no entry), CLOSED, SIGNED_OFF; oldest first. */
    @Introspected
    public record TimelineEntry(Instant at, String event, @Nullable String system) {
    }

    @Introspected
    public record Counts(long total, long open, long closed, Map<String, Long> byStatus, Map<String, Long> byCategory,
                         Map<String, Long> byWard, Map<String, Long> bySystem) {
    }

    /**
     * Items logged, back-entered and closed in each hour (UTC, the hour's start); time to clear runs from the first
     * system's recovery to the last item closed, and is null while items are open.
     */
    @Introspected
    public record Throughput(List<Hour> hours, @Nullable Instant firstRecoveryAt, @Nullable Instant lastClosedAt,
                             @Nullable Long timeToClearMinutes, boolean cleared) {
    }

    @Introspected
    public record Hour(Instant hour, long logged, long entered, long closed) {
    }

    /**
     * What the backlog was left with. Each item still open ({@code open}) and each sheet not accounted for
     * ({@code sheets}) is an exception that needs a reason at sign-off.
     */
    @Introspected
    public record Exceptions(List<ReasonCount> notRequired, List<Duplicate> duplicates, long unresolvedDuplicatePairs,
                             long everHeld, List<OpenItem> onHold, List<OpenItem> open, List<SheetException> sheets) {
    }

    /**
     * A sheet that keeps the outage from being accounted for: SHEET_OUT (it names the outage and is still ISSUED or
     * IN_USE: it has not come back), SHEET_MISMATCH (COMPLETE, its declared entries differ from the items logged from
     * it) or UNKNOWN_SHEET (items name a sheet id that was never registered); {@code detail} says how.
     */
    @Introspected
    public record SheetException(String ref, String kind, @Nullable String ward, String detail) {
    }

    @Introspected
    public record ReasonCount(String reason, long count) {
    }

    @Introspected
    public record Duplicate(String item, @Nullable String duplicateOf) {
    }

    /** An item still open, by reference, with where it stands (no patient detail). */
    @Introspected
    public record OpenItem(String ref, long id, String status, String ward, String targetSystem, int priorityBand,
                           @Nullable String statusReason) {
    }

    /**
     * The second-person check: items verified, by how many people; items entered and waiting for their check; items
     * verified by whoever entered them (the service refuses this, so it must read 0); refused attempts to verify one's
     * own entry.
     */
    @Introspected
    public record FourEyes(long verified, long distinctVerifiers, long distinctEnterers, long awaitingVerification,
                           long verifiedByEnterer, long selfVerificationRefused) {
    }

    /** Who signed the outage off, when, with what statement and exceptions; items changed since, by reference. */
    @Introspected
    public record SignOffView(String signedBy, @Nullable String signedByName, Instant signedAt,
                              @Nullable String statement, List<SignedException> exceptions,
                              List<String> changedAfterSignOff) {
    }

    @Introspected
    public record SignedException(String ref, String kind, String reason) {
    }

    /**
     * When patient details of closed items are removed ({@code backlog.retention.after} after sign-off; null before
     * sign-off) and how many items have been purged so far.
     */
    @Introspected
    public record Retention(@Nullable Instant purgeFrom, long purgedItems) {
    }
}
