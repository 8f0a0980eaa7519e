package org.downtimebacklog.item;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

import static io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY;

/**
 * Removes the patient details of closed items when their retention period has run (the period and the decision of
 * which outages are due are the report package's): the NHS number, local id, name and date of birth, the summary and
 * the details (free text that may name the patient). Everything else stays: site, ward, category, system, times,
 * statuses, who did what, the external reference and the paper's reference, so counts and the report survive.
 * The caller removes the same details from the items' audit events and records the run in the audit trail, once per
 * run and outage, with the counts.
 */
@Singleton
public class PatientDetailsRetention {

    /** What a purged item's summary reads (the column is required). */
    public static final String REMOVED = "(removed under retention)";

    private final ItemRepository items;

    PatientDetailsRetention(ItemRepository items) {
        this.items = items;
    }

    /** Purges up to {@code limit} closed items of the outage not yet purged; returns their ids. */
    @Transactional(propagation = MANDATORY)
    public List<Long> purgeClosedItems(long outageId, int limit, Instant now) {
        List<Long> ids = items.lockPurgeable(outageId, limit);
        if (!ids.isEmpty()) {
            items.purge(ids, REMOVED, now);
        }
        return ids;
    }
}
