package org.downtimebacklog.account;

import io.micronaut.core.annotation.Introspected;
import org.downtimebacklog.security.Role;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** A person as colleagues see them: who they are, what they may do, where and in which systems. */
@Introspected
public record PersonResponse(String username, String displayName, Set<Role> roles, Set<String> sites,
                             Set<String> targetSystems) {

    static PersonResponse of(User user) {
        return new PersonResponse(user.username(), user.displayName(),
                user.roles().stream().map(Role::valueOf).collect(Collectors.toCollection(TreeSet::new)),
                new TreeSet<>(user.sites()), new TreeSet<>(user.targetSystems()));
    }
}
