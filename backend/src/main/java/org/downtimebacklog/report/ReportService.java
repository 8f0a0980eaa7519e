package org.downtimebacklog.report;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.audit.AuditService;
import org.downtimebacklog.audit.Changes;
import org.downtimebacklog.custody.SheetReconciliation;
import org.downtimebacklog.custody.SheetReconciliationService;
import org.downtimebacklog.custody.SheetResponse;
import org.downtimebacklog.custody.SheetStatus;
import org.downtimebacklog.outage.OutageResponse;
import org.downtimebacklog.outage.OutageService;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.security.Role;
import org.downtimebacklog.tracking.SummaryService;
import org.downtimebacklog.web.AccessDeniedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds an outage's recovery report. Read by team leads, administrators and auditors of one of the outage's sites
 * (others 403; an outage not at their sites 404); each reading is recorded in the audit trail.
 */
@Singleton
public class ReportService {

    static final String ENTITY = "OUTAGE";

    private final ReportRepository reports;
    private final SignOffRepository signOffs;
    private final OutageService outages;
    private final SheetReconciliationService sheets;
    private final SummaryService summaries;
    private final AuditService audit;
    private final RetentionSettings retention;
    private final JsonMapper json;
    private final Clock clock;

    ReportService(ReportRepository reports, SignOffRepository signOffs, OutageService outages,
                  SheetReconciliationService sheets, SummaryService summaries, AuditService audit,
                  RetentionSettings retention, JsonMapper json, Clock clock) {
        this.reports = reports;
        this.signOffs = signOffs;
        this.outages = outages;
        this.sheets = sheets;
        this.summaries = summaries;
        this.audit = audit;
        this.retention = retention;
        this.json = json;
        this.clock = clock;
    }

    /** The report; the reading is audited with the form it was read in ({@code json} or {@code pdf}). */
    @Transactional
    public RecoveryReport report(long outageId, Caller caller, String format) {
        checkMayRead(caller);
        OutageResponse outage = outages.get(outageId, caller);
        RecoveryReport report = build(outage);
        audit.record(caller, "REPORT_VIEWED", ENTITY, outageId, null, Changes.none().set("format", format), null);
        return report;
    }

    static void checkMayRead(Caller caller) {
        if (!caller.hasAnyRole(Role.TEAM_LEAD, Role.ADMIN, Role.AUDITOR)) {
            throw AccessDeniedException.forbidden("The recovery report is for team leads, administrators and auditors.");
        }
    }

    /** The report as it stands, read in the caller's transaction. */
    RecoveryReport build(OutageResponse outage) {
        long id = outage.id();
        Optional<SignOff> signOff = signOffs.findById(id);
        ReportRepository.Totals totals = reports.totals(id);
        List<ReportRepository.OpenItem> open = reports.openItems(id);

        List<RecoveryReport.OpenItem> openItems = open.stream().map(ReportService::openItem).toList();
        RecoveryReport.Counts counts = new RecoveryReport.Counts(totals.total(), totals.open(),
                totals.total() - totals.open(), map(reports.byStatus(id)), map(reports.byCategory(id)),
                map(reports.byWard(id)), map(reports.bySystem(id)));

        Instant firstRecovery = outage.systems().stream().map(OutageResponse.SystemState::recoveredAt)
                .filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
        boolean cleared = totals.open() == 0 && totals.total() > 0 && firstRecovery != null;
        Long minutes = cleared && totals.lastClosedAt() != null
                ? Math.max(0, Duration.between(firstRecovery, totals.lastClosedAt()).toMinutes()) : null;
        RecoveryReport.Throughput throughput = new RecoveryReport.Throughput(hours(id), firstRecovery,
                totals.lastClosedAt(), minutes, cleared);

        SheetReconciliation reconciliation = sheets.forOutage(id);
        RecoveryReport.Exceptions exceptions = new RecoveryReport.Exceptions(
                reports.notRequiredReasons(id).stream()
                        .map(c -> new RecoveryReport.ReasonCount(c.key(), c.n())).toList(),
                reports.duplicates(id).stream().map(d -> new RecoveryReport.Duplicate(itemRef(d.id()),
                        d.duplicateOf() == null ? null : itemRef(d.duplicateOf()))).toList(),
                reports.unresolvedDuplicatePairs(id), reports.everHeld(id),
                openItems.stream().filter(i -> i.status().equals("ON_HOLD")).toList(), openItems,
                sheetExceptions(id, reconciliation));

        ReportRepository.FourEyes f = reports.fourEyes(id);
        RecoveryReport.FourEyes fourEyes = new RecoveryReport.FourEyes(f.verified(), f.verifiers(), f.enterers(),
                f.awaiting(), f.verifiedByEnterer(), reports.selfVerificationRefused(id));

        RecoveryReport.SignOffView signed = signOff.map(this::view).orElse(null);
        return new RecoveryReport(
                new RecoveryReport.OutageFacts(id, outage.reference(), outage.title(), outage.sites(), outage.status(),
                        outage.startedAt(), outage.closedAt()),
                Instant.now(clock), timeline(outage, signed), counts, throughput,
                summaries.duePerformanceOfWholeOutage(id), reconciliation, exceptions, fourEyes,
                signed,
                new RecoveryReport.Retention(signOff.map(s -> s.signedAt().plus(retention.getAfter())).orElse(null),
                        totals.purged()));
    }

    /** An exception a sign-off must give a reason for: its reference and kind. */
    record Pending(String ref, String kind) {
    }

    /**
     * The exceptions a sign-off must give a reason for, as they stand: each item still open (OPEN_ITEM, by its
     * reference) and each sheet that keeps the outage from being accounted for (by its sheet id).
     */
    List<Pending> signOffExceptions(long outageId) {
        List<Pending> pending = new ArrayList<>();
        reports.openItems(outageId).forEach(i -> pending.add(new Pending(itemRef(i.id()), "OPEN_ITEM")));
        sheetExceptions(outageId, sheets.forOutage(outageId))
                .forEach(s -> pending.add(new Pending(s.ref(), s.kind())));
        return pending;
    }

    /**
     * The sheets that keep the outage from being accounted for: those that name it and have not come back, complete
     * sheets whose count differs, and unknown sheet ids its items name.
     */
    private static List<RecoveryReport.SheetException> sheetExceptions(long outageId, SheetReconciliation r) {
        List<RecoveryReport.SheetException> found = new ArrayList<>();
        for (SheetReconciliation.Ward ward : r.wards()) {
            for (SheetResponse s : ward.sheets()) {
                boolean namesOutage = s.outageId() != null && s.outageId() == outageId;
                if (namesOutage && (s.status() == SheetStatus.ISSUED || s.status() == SheetStatus.IN_USE)) {
                    found.add(new RecoveryReport.SheetException(s.sheetId(), "SHEET_OUT", s.ward(),
                            s.status() + ", " + s.loggedEntries() + " entries logged from it"));
                }
            }
        }
        for (SheetReconciliation.Mismatch m : r.mismatches()) {
            found.add(new RecoveryReport.SheetException(m.sheetId(), "SHEET_MISMATCH", m.ward(),
                    m.declaredEntries() + " entries declared, " + m.loggedEntries() + " logged"));
        }
        for (SheetReconciliation.UnknownSheet u : r.unknownSheets()) {
            found.add(new RecoveryReport.SheetException(u.sheetId(), "UNKNOWN_SHEET", null,
                    u.items() + " items name it: " + String.join(", ",
                            u.itemIds().stream().map(ReportService::itemRef).toList())));
        }
        return found;
    }

    RecoveryReport.SignOffView view(SignOff signOff) {
        return new RecoveryReport.SignOffView(signOff.signedBy(), reports.displayName(signOff.signedBy()).orElse(null),
                signOff.signedAt(), signOff.statement(), readExceptions(signOff.exceptions()),
                reports.changedSince(signOff.outageId(), signOff.signedAt()).stream().map(ReportService::itemRef)
                        .toList());
    }

    private static List<RecoveryReport.TimelineEntry> timeline(OutageResponse outage,
                                                               RecoveryReport.SignOffView signOff) {
        List<RecoveryReport.TimelineEntry> entries = new ArrayList<>();
        entries.add(new RecoveryReport.TimelineEntry(outage.startedAt(), "STARTED", null));
        for (OutageResponse.SystemState s : outage.systems()) {
            if (s.recoveredAt() != null) {
                entries.add(new RecoveryReport.TimelineEntry(s.recoveredAt(), "RECOVERED", s.system()));
            }
        }
        if (outage.closedAt() != null) {
            entries.add(new RecoveryReport.TimelineEntry(outage.closedAt(), "CLOSED", null));
        }
        if (signOff != null) {
            entries.add(new RecoveryReport.TimelineEntry(signOff.signedAt(), "SIGNED_OFF", null));
        }
        entries.sort(Comparator.comparing(RecoveryReport.TimelineEntry::at));
        return entries;
    }

    private List<RecoveryReport.Hour> hours(long id) {
        TreeMap<Long, long[]> byHour = new TreeMap<>();
        reports.loggedPerHour(id).forEach(c -> byHour.computeIfAbsent(c.h(), h -> new long[3])[0] = c.n());
        reports.enteredPerHour(id).forEach(c -> byHour.computeIfAbsent(c.h(), h -> new long[3])[1] = c.n());
        reports.closedPerHour(id).forEach(c -> byHour.computeIfAbsent(c.h(), h -> new long[3])[2] = c.n());
        List<RecoveryReport.Hour> hours = new ArrayList<>();
        byHour.forEach((h, n) -> hours.add(new RecoveryReport.Hour(Instant.ofEpochSecond(h * 3600), n[0], n[1], n[2])));
        return hours;
    }

    private static RecoveryReport.OpenItem openItem(ReportRepository.OpenItem i) {
        return new RecoveryReport.OpenItem(itemRef(i.id()), i.id(), i.status(), i.ward(), i.targetSystem(),
                i.priorityBand(), i.statusReason());
    }

    private static Map<String, Long> map(List<ReportRepository.Count> counts) {
        Map<String, Long> map = new LinkedHashMap<>();
        counts.forEach(c -> map.put(c.key(), c.n()));
        return map;
    }

    /** An item's reference as the rest of the service shows it. */
    static String itemRef(long id) {
        return String.format("ITM-%06d", id);
    }

    String writeExceptions(List<RecoveryReport.SignedException> exceptions) {
        try {
            return json.writeValueAsString(exceptions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<RecoveryReport.SignedException> readExceptions(String value) {
        try {
            return json.readValue(value, Argument.listOf(RecoveryReport.SignedException.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
