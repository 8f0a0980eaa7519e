package org.downtimebacklog.exchange;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;

import static io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY;

/**
 * Removes the patient details kept with an outage's refused import rows (each holds a copy of its spreadsheet row)
 * when its retention period has run: the cells are emptied; the row number, the column at fault and the reason stay.
 * The uploaded file itself is deleted when its import ends (or is abandoned), so holds nothing by then.
 */
@Singleton
public class RefusedRowsRetention {

    private final ItemImportRepository imports;

    RefusedRowsRetention(ItemImportRepository imports) {
        this.imports = imports;
    }

    /** Empties up to {@code limit} refused rows of the outage's imports; returns how many. */
    @Transactional(propagation = MANDATORY)
    public int purgeRefusedRows(long outageId, int limit, Instant now) {
        return imports.purgeRefusals(outageId, limit, now);
    }
}
