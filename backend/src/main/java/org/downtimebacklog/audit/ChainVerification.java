package org.downtimebacklog.audit;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/**
 * The audit trail's hash chain, checked from its first seal: intact, how many events it covers, how many are not
 * sealed yet (new events are sealed within seconds), and its head (keep the head hash somewhere else, dated, to
 * show later that nothing was cut off the end). When broken: the first seal that fails, and why.
 */
@Introspected
public record ChainVerification(
        boolean intact,
        long sealed,
        long unsealed,
        long headSeq,
        @Nullable String headHash,
        @Nullable Long firstBrokenSeq,
        @Nullable String problem) {
}
