package org.downtimebacklog.outage;

import org.downtimebacklog.security.Caller;

import java.time.Instant;

/**
 * A clinical system of an outage is back. Published inside the transaction that records the recovery, so what
 * listeners do (releasing the items that waited for it) commits or rolls back with it.
 */
public record SystemRecoveredEvent(long outageId, String system, Instant recoveredAt, Caller recordedBy) {
}
