package org.downtimebacklog.report;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** An outage signed off as reconciled; its exceptions are a JSON array of {@link RecoveryReport.SignedException}. */
@MappedEntity("outage_sign_off")
record SignOff(@Id Long outageId,
               String signedBy,
               Instant signedAt,
               @Nullable String statement,
               String exceptions,
               String requestHash) {
}
