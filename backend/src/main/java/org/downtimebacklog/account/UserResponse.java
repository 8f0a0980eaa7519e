package org.downtimebacklog.account;

import io.micronaut.core.annotation.Introspected;
import org.downtimebacklog.security.Role;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

@Introspected
public record UserResponse(long id, String username, String displayName, Set<Role> roles, Set<String> sites,
                           Set<String> targetSystems, boolean enabled, Instant createdAt, Instant updatedAt) {

    static UserResponse of(User user) {
        return new UserResponse(user.id(), user.username(), user.displayName(),
                user.roles().stream().map(Role::valueOf).collect(Collectors.toCollection(TreeSet::new)),
                new TreeSet<>(user.sites()), new TreeSet<>(user.targetSystems()), user.enabled(),
                user.createdAt(), user.updatedAt());
    }
}
