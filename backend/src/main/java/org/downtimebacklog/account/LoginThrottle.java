package org.downtimebacklog.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** Failed sign-ins for one username, and until when further attempts are refused. */
@MappedEntity("login_throttle")
record LoginThrottle(@Id String username, int failures, @Nullable Instant lockedUntil, Instant lastFailureAt) {
}
