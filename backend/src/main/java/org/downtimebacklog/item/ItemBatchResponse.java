package org.downtimebacklog.item;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import org.downtimebacklog.web.ProblemException;
import org.downtimebacklog.web.Violation;

import java.util.List;

/**
 * The answer to a batch: for each item, in the order sent, 201 with the item created, 200 with the item an earlier
 * request with the same key created, or its own problem (the status and problem+json body that logging it alone
 * would have answered).
 */
@Introspected
public record ItemBatchResponse(int created, int replayed, int refused, List<Result> results) {

    @Introspected
    public record Result(String idempotencyKey, int status, @Nullable ItemResponse item, @Nullable Problem problem) {
    }

    /** RFC 9457 problem details, as a refused request's body. */
    @Introspected
    public record Problem(String type, String title, int status, @Nullable String detail, List<Violation> violations) {

        static Problem of(ProblemException e) {
            return new Problem("about:blank", e.title(), e.status().getCode(), e.detail(), e.violations());
        }
    }

    static ItemBatchResponse of(List<Result> results) {
        int created = (int) results.stream().filter(r -> r.status() == 201).count();
        int replayed = (int) results.stream().filter(r -> r.status() == 200).count();
        return new ItemBatchResponse(created, replayed, results.size() - created - replayed, results);
    }
}
