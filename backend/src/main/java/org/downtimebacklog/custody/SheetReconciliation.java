package org.downtimebacklog.custody;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The sheets of an outage, counted back per ward (see {@link SheetReconciliationService} for which sheets belong to
 * it and when it is accounted for).
 */
@Serdeable
public record SheetReconciliation(long outageId, Counts totals, List<Ward> wards, List<Mismatch> mismatches,
                                  List<UnknownSheet> unknownSheets, boolean accountedFor) {

    /** How many sheets are in each status ({@code issued}: still ISSUED). */
    @Serdeable
    public record Counts(int issued, int inUse, int complete, int returnedUnused, int missing, int voided) {

        static Counts of(List<SheetResponse> sheets) {
            return new Counts(count(sheets, SheetStatus.ISSUED), count(sheets, SheetStatus.IN_USE),
                    count(sheets, SheetStatus.COMPLETE), count(sheets, SheetStatus.RETURNED_UNUSED),
                    count(sheets, SheetStatus.MISSING), count(sheets, SheetStatus.VOIDED));
        }

        private static int count(List<SheetResponse> sheets, SheetStatus status) {
            return (int) sheets.stream().filter(s -> s.status() == status).count();
        }
    }

    /** One ward's sheets and their counts. */
    @Serdeable
    public record Ward(String ward, int issued, int inUse, int complete, int returnedUnused, int missing, int voided,
                       List<SheetResponse> sheets) {

        static Ward of(String ward, List<SheetResponse> sheets) {
            Counts c = Counts.of(sheets);
            return new Ward(ward, c.issued(), c.inUse(), c.complete(), c.returnedUnused(), c.missing(), c.voided(),
                    sheets);
        }
    }

    /** A COMPLETE sheet whose declared count of entries differs from the items logged from it. */
    @Serdeable
    public record Mismatch(String sheetId, String ward, @Nullable Integer declaredEntries, long loggedEntries) {
    }

    /** A sheet id items of the outage name that is not registered: how many items, and which. */
    @Serdeable
    public record UnknownSheet(String sheetId, int items, List<Long> itemIds) {
    }
}
