package org.downtimebacklog.custody;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.outage.OutageResponse;
import org.downtimebacklog.outage.OutageService;
import org.downtimebacklog.security.Caller;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Counts an outage's sheets back, per ward.
 * <ul>
 *   <li>An outage's sheets are those that name it: the sheets of packs made for it, and the sheets of packs printed
 *   ahead (for no outage) that joined it when the first item logged from them named it.</li>
 *   <li>Sheets printed ahead and never used (still ISSUED, naming no outage) are listed too, as ISSUED in their ward,
 *   when they are at one of the outage's sites and were printed before the outage closed: they are in the ward's
 *   downtime box and may yet be used for it. They never count against {@code accountedFor}; once an item names
 *   one it belongs to that item's outage, and once it leaves ISSUED (returned unused, missing, voided without an
 *   item) it is listed no longer.</li>
 *   <li>{@code accountedFor} is true when no sheet that names the outage is still ISSUED or IN_USE (each came back:
 *   COMPLETE, RETURNED_UNUSED, MISSING with its reason, or VOIDED with its reason), no COMPLETE sheet's declared count
 *   differs from the items logged from it, and no item of the outage names an unknown sheet.</li>
 * </ul>
 * Items logged from a sheet are counted in any status but DUPLICATE, whatever outage they are of.
 */
@Singleton
public class SheetReconciliationService {

    /** Reads outages at every site, for {@link #forOutage(long)}, whose caller decides who may see the result. */
    private static final Caller EVERY_SITE = new Caller(0, "sheet-reconciliation", Set.of(),
            Set.of(Caller.ALL_SITES), Set.of());

    private final FormSheetRepository sheets;
    private final OutageService outages;
    private final Clock clock;

    SheetReconciliationService(FormSheetRepository sheets, OutageService outages, Clock clock) {
        this.sheets = sheets;
        this.outages = outages;
        this.clock = clock;
    }

    /**
     * The reconciliation of an outage at every one of its sites, for the recovery report: it asks nothing of who
     * calls it, so the caller must check that its reader may see the outage. 404 when there is no such outage.
     */
    @Transactional(readOnly = true)
    public SheetReconciliation forOutage(long outageId) {
        return reconcile(outages.get(outageId, EVERY_SITE), site -> true);
    }

    /** The reconciliation of an outage the caller sees (else 404), of the sheets and items at the caller's sites. */
    @Transactional(readOnly = true)
    public SheetReconciliation forOutage(long outageId, Caller caller) {
        return reconcile(outages.get(outageId, caller), caller::canAccessSite);
    }

    private SheetReconciliation reconcile(OutageResponse outage, Predicate<String> visibleSite) {
        long outageId = outage.id();
        List<FormSheet> found = new ArrayList<>(sheets.findByOutage(outageId));
        List<String> sites = outage.sites().stream().filter(visibleSite).toList();
        if (!sites.isEmpty()) {
            Instant before = outage.closedAt() == null ? Instant.now(clock).plusSeconds(60) : outage.closedAt();
            found.addAll(sheets.findUnusedWithoutOutage(sites, before));
        }
        List<FormSheet> shown = found.stream().filter(s -> visibleSite.test(s.site())).toList();
        Map<String, Long> logged = sheets.loggedEntries(shown.stream().map(FormSheet::sheetId).toList());

        Map<String, List<SheetResponse>> byWard = new TreeMap<>();
        List<SheetResponse> all = new ArrayList<>();
        List<SheetReconciliation.Mismatch> mismatches = new ArrayList<>();
        boolean outstanding = false;
        for (FormSheet sheet : shown) {
            SheetResponse response = SheetResponse.of(sheet, logged.getOrDefault(sheet.sheetId(), 0L));
            all.add(response);
            byWard.computeIfAbsent(sheet.ward(), w -> new ArrayList<>()).add(response);
            if (response.mismatch()) {
                mismatches.add(new SheetReconciliation.Mismatch(sheet.sheetId(), sheet.ward(),
                        sheet.declaredEntries(), response.loggedEntries()));
            }
            boolean namesOutage = sheet.outageId() != null && sheet.outageId() == outageId;
            if (namesOutage && (sheet.status() == SheetStatus.ISSUED || sheet.status() == SheetStatus.IN_USE)) {
                outstanding = true;
            }
        }
        List<SheetReconciliation.Ward> wards = new ArrayList<>();
        byWard.forEach((ward, list) -> wards.add(SheetReconciliation.Ward.of(ward, list)));

        Map<String, List<Long>> unknown = new LinkedHashMap<>();
        for (FormSheetRepository.UnknownSheetItem item : sheets.unknownSheetItems(outageId)) {
            if (visibleSite.test(item.site())) {
                unknown.computeIfAbsent(item.sheetId(), id -> new ArrayList<>()).add(item.itemId());
            }
        }
        List<SheetReconciliation.UnknownSheet> unknownSheets = new ArrayList<>();
        unknown.forEach((id, items) -> unknownSheets.add(new SheetReconciliation.UnknownSheet(id, items.size(), items)));

        boolean accountedFor = !outstanding && mismatches.isEmpty() && unknownSheets.isEmpty();
        return new SheetReconciliation(outageId, SheetReconciliation.Counts.of(all), wards, mismatches, unknownSheets,
                accountedFor);
    }
}
