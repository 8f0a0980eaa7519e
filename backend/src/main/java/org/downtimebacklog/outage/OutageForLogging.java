package org.downtimebacklog.outage;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * An outage as an item being logged sees it: its sites, its systems (with recovery time or null while down), when
 * it began, whether it is closed, and whether it is a drill.
 */
public record OutageForLogging(long id, String reference, Set<String> sites, Map<String, Instant> systems,
                               Instant startedAt, boolean closed, boolean drill) {
}
