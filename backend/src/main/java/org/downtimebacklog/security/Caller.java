package org.downtimebacklog.security;

import java.util.Collection;
import java.util.Set;

/**
 * The signed-in user making a request, as the database knows them now (not as the token remembers them).
 * {@code sites} containing {@link #ALL_SITES} means every site.
 */
public record Caller(long userId, String username, Set<Role> roles, Set<String> sites, Set<String> targetSystems) {

    public static final String ALL_SITES = "*";

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(Role... wanted) {
        for (Role role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    public boolean allSites() {
        return sites.contains(ALL_SITES);
    }

    public boolean canAccessSite(String site) {
        return allSites() || sites.contains(site);
    }

    public boolean canAccessAnySite(Collection<String> candidates) {
        return allSites() || candidates.stream().anyMatch(sites::contains);
    }
}
