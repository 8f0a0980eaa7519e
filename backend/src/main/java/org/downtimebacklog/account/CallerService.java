package org.downtimebacklog.account;

import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.security.Role;
import org.downtimebacklog.web.AccessDeniedException;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a validated access token into the {@link Caller} as the database knows them now. A token stops working
 * at once when its user is disabled or changed (the token's version no longer matches).
 */
@Singleton
public class CallerService {

    static final String USER_ID_CLAIM = "uid";
    static final String TOKEN_VERSION_CLAIM = "ver";

    private final UserRepository users;

    CallerService(UserRepository users) {
        this.users = users;
    }

    /** One primary-key read, outside any transaction (it needs none). */
    public Caller resolve(Authentication authentication) {
        Object uid = authentication.getAttributes().get(USER_ID_CLAIM);
        Object ver = authentication.getAttributes().get(TOKEN_VERSION_CLAIM);
        if (!(uid instanceof Number id) || !(ver instanceof Number version)) {
            throw ended();
        }
        User user = users.findById(id.longValue()).orElseThrow(CallerService::ended);
        if (!user.enabled() || user.tokenVersion() != version.intValue()) {
            throw ended();
        }
        return toCaller(user);
    }

    /**
     * The user as a caller now, for work done on their behalf after their request (an import running in the
     * background): empty when the account no longer exists or is disabled.
     */
    public Optional<Caller> current(long userId) {
        return users.findById(userId).filter(User::enabled).map(CallerService::toCaller);
    }

    static Caller toCaller(User user) {
        Set<Role> roles = user.roles().stream().map(Role::valueOf).collect(Collectors.toUnmodifiableSet());
        return new Caller(user.id(), user.username(), roles, Set.copyOf(user.sites()), Set.copyOf(user.targetSystems()));
    }

    private static AccessDeniedException ended() {
        return AccessDeniedException.unauthorized("Your session has ended. Sign in again.");
    }
}
