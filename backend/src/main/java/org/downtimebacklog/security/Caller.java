package org.downtimebacklog.security;

import java.security.Principal;
import java.util.Collection;
import java.util.Set;

/**
 * The signed-in user making a request, as the database knows them now (not as the token remembers them).
 * {@code sites} containing {@link #ALL_SITES} means every site. Controllers take it as a parameter; it is resolved once
 * per request, after the token was checked.
 */
public record Caller(long userId, String username, Set<Role> roles, Set<String> sites, Set<String> targetSystems)
        implements Principal {

    public static final String ALL_SITES = "*";

    @Override
    public String getName() {
        return username;
    }

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

    /** A team lead or an administrator: may triage, assign and close items without entry. */
    public boolean isLead() {
        return hasAnyRole(Role.TEAM_LEAD, Role.ADMIN);
    }

    /** May log, correct, take and move items (clerks, team leads, administrators). */
    public boolean canChangeItems() {
        return hasAnyRole(Role.CLERK, Role.TEAM_LEAD, Role.ADMIN);
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
