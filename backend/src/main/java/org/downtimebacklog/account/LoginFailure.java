package org.downtimebacklog.account;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;

/**
 * Failed sign-ins for a username from one client address (or, with client '', from every address), as a leaky
 * bucket: the time it will have drained empty.
 */
@MappedEntity("login_failure")
record LoginFailure(@EmbeddedId Key key, Instant drainedAt) {

    @Embeddable
    record Key(@MappedProperty("username") String username, @MappedProperty("client") String client) {
    }
}
