package org.downtimebacklog.audit;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One link of the audit trail's hash chain: the seq-th event sealed, and the chain's hash up to and including it. */
@MappedEntity("audit_seal")
record AuditSeal(@Id long seq, long auditId, String hash, Instant sealedAt) {
}
