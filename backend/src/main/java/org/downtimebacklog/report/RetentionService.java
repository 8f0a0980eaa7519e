package org.downtimebacklog.report;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.audit.AuditService;
import org.downtimebacklog.audit.Changes;
import org.downtimebacklog.exchange.RefusedRowsRetention;
import org.downtimebacklog.item.PatientDetailsRetention;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Part of retention that runs in transactions: which outages are due, and one run for one outage. A run locks the
 * outage's sign-off (another node purging the same outage waits, then finds the work done), removes the patient
 * details of up to {@code chunk} closed items and the patient values of those items' audit events (the events stay,
 * and the hash chain still verifies), empties up to {@code chunk} refused import rows, and records one
 * RETENTION_PURGED event with the counts, all in one transaction. A run that finds nothing records nothing.
 */
@Singleton
class RetentionService {

    private final SignOffRepository signOffs;
    private final PatientDetailsRetention items;
    private final RefusedRowsRetention refusals;
    private final AuditService audit;
    private final RetentionSettings settings;
    private final Clock clock;

    RetentionService(SignOffRepository signOffs, PatientDetailsRetention items, RefusedRowsRetention refusals,
                     AuditService audit, RetentionSettings settings, Clock clock) {
        this.signOffs = signOffs;
        this.items = items;
        this.refusals = refusals;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    /** Outages signed off longer ago than the retention period that still hold patient details. */
    @Transactional(readOnly = true)
    List<Long> dueOutages() {
        return signOffs.findDueForPurge(Instant.now(clock).minus(settings.getAfter()));
    }

    /** One run for one outage; returns how many items and rows it purged. */
    @Transactional
    int purge(long outageId) {
        Instant now = Instant.now(clock);
        SignOff signOff = signOffs.findForUpdate(outageId).orElse(null);
        if (signOff == null || signOff.signedAt().plus(settings.getAfter()).isAfter(now)) {
            return 0;
        }
        List<Long> purged = items.purgeClosedItems(outageId, settings.getChunk(), now);
        int purgedItems = purged.size();
        int redactedEvents = audit.removePatientValues(purged);
        int purgedRows = refusals.purgeRefusedRows(outageId, settings.getChunk(), now);
        if (purgedItems + purgedRows > 0) {
            audit.record(null, "RETENTION_PURGED", ReportService.ENTITY, outageId, null, Changes.none()
                    .set("items", purgedItems).set("auditEvents", redactedEvents).set("refusedImportRows", purgedRows)
                    .set("signedOffAt", signOff.signedAt()).set("retention", settings.getAfter()), null);
        }
        return purgedItems + purgedRows;
    }
}
