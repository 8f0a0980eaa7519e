package org.downtimebacklog.queue;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import org.downtimebacklog.item.ItemSummaryResponse;
import org.downtimebacklog.web.Violation;

import java.util.List;

/** The answer for each item of a bulk request: what it became, or why it did not (status and problem detail). */
@Introspected
public record BulkResponse(int succeeded, int failed, List<Result> results) {

    @Introspected
    public record Result(long id, int status, @Nullable ItemSummaryResponse item, @Nullable String detail,
                         List<Violation> violations) {
    }
}
