package org.downtimebacklog.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.audit.AuditService;
import org.downtimebacklog.audit.Changes;
import org.downtimebacklog.database.StringSetConverter;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.security.Role;
import org.downtimebacklog.web.ConflictException;
import org.downtimebacklog.web.InvalidInputException;
import org.downtimebacklog.web.NotFoundException;
import org.downtimebacklog.web.Violation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

@Singleton
public class UserService {

    static final String ENTITY = "USER";

    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordHasher hasher;
    private final AuditService audit;
    private final Clock clock;

    UserService(UserRepository users, RefreshTokenRepository refreshTokens, PasswordHasher hasher, AuditService audit,
                Clock clock) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public UserResponse create(UserCreateRequest request, Caller actor) {
        checkPasswordBytes(request.password());
        checkFits(request.sites(), request.targetSystems());
        if (users.existsByUsername(request.username())) {
            throw new ConflictException("username: a user called '" + request.username() + "' already exists.");
        }
        Instant now = Instant.now(clock);
        Set<String> roles = names(request.roles());
        Set<String> systems = request.targetSystems() == null ? Set.of() : request.targetSystems();
        boolean enabled = request.enabled() == null || request.enabled();
        User user = users.save(new User(null, request.username(), request.displayName().strip(),
                hasher.hash(request.password()), roles, request.sites(), systems, enabled, 0, now, now));
        audit.record(actor, "USER_CREATED", ENTITY, user.id(), null, Changes.none()
                .set("username", user.username())
                .set("displayName", user.displayName())
                .set("roles", roles)
                .set("sites", user.sites())
                .set("targetSystems", systems)
                .set("enabled", enabled), null);
        return UserResponse.of(user);
    }

    @Transactional(readOnly = true)
    public List<UserResponse> list() {
        return users.listAll().stream().map(UserResponse::of).toList();
    }

    @Transactional(readOnly = true)
    public UserResponse get(long id) {
        return users.findById(id).map(UserResponse::of).orElseThrow(() -> new NotFoundException("User " + id));
    }

    @Transactional
    public UserResponse update(long id, UserUpdateRequest request, Caller actor) {
        User current = users.findByIdForUpdate(id).orElseThrow(() -> new NotFoundException("User " + id));
        if (request.password() != null) {
            checkPasswordBytes(request.password());
        }
        if (actor.userId() == id && Boolean.FALSE.equals(request.enabled())) {
            throw InvalidInputException.of("enabled", "you cannot disable your own account");
        }
        String displayName = request.displayName() == null ? current.displayName() : request.displayName().strip();
        Set<String> roles = request.roles() == null ? current.roles() : names(request.roles());
        Set<String> sites = request.sites() == null ? current.sites() : request.sites();
        Set<String> systems = request.targetSystems() == null ? current.targetSystems() : request.targetSystems();
        boolean enabled = request.enabled() == null ? current.enabled() : request.enabled();
        checkFits(sites, systems);
        String passwordHash = request.password() == null ? current.passwordHash() : hasher.hash(request.password());

        Changes changes = Changes.none()
                .field("displayName", current.displayName(), displayName)
                .field("roles", current.roles(), roles)
                .field("sites", current.sites(), sites)
                .field("targetSystems", current.targetSystems(), systems)
                .field("enabled", current.enabled(), enabled);
        if (request.password() != null) {
            changes.field("password", "(unchanged)", "(changed)");
        }
        if (changes.isEmpty()) {
            return UserResponse.of(current);
        }
        Instant now = Instant.now(clock);
        // Any change ends the user's current access tokens at once; they refresh to pick up the new rights.
        User updated = users.update(new User(current.id(), current.username(), displayName, passwordHash, roles, sites,
                systems, enabled, current.tokenVersion() + 1, current.createdAt(), now));
        if (!enabled || request.password() != null) {
            refreshTokens.revokeAllForUser(id, now);
        }
        audit.record(actor, "USER_UPDATED", ENTITY, id, null, changes, request.reason());
        return UserResponse.of(updated);
    }

    @Transactional(readOnly = true)
    public PersonResponse person(long id) {
        return users.findById(id).map(PersonResponse::of).orElseThrow(() -> new NotFoundException("User " + id));
    }

    /** Enabled clerks and team leads who share a site with the caller, by display name. */
    @Transactional(readOnly = true)
    public List<PersonResponse> people(Caller caller) {
        return users.listEnabled().stream()
                .filter(u -> u.roles().contains(Role.CLERK.name()) || u.roles().contains(Role.TEAM_LEAD.name()))
                .filter(u -> u.sites().contains(Caller.ALL_SITES) || caller.canAccessAnySite(u.sites()))
                .map(PersonResponse::of)
                .toList();
    }

    /** An enabled user, as the queue sees them (their roles, sites and systems); empty if none or disabled. */
    @Transactional(readOnly = true)
    public java.util.Optional<Caller> activeUser(String username) {
        return users.findByUsername(username).filter(User::enabled).map(CallerService::toCaller);
    }

    /** Holds the user's row until the transaction ends, so one person's concurrent claims are counted one at a time. */
    @Transactional(propagation = io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY)
    public void lock(long id) {
        users.findByIdForUpdate(id);
    }

    private static Set<String> names(Set<Role> roles) {
        return roles.stream().map(Role::name).collect(Collectors.toUnmodifiableSet());
    }

    /** 422 naming each set that would not fit its column. */
    private static void checkFits(@Nullable Set<String> sites, @Nullable Set<String> systems) {
        List<Violation> violations = new ArrayList<>();
        if (!StringSetConverter.fits(sites)) {
            violations.add(new Violation("sites", StringSetConverter.TOO_MANY));
        }
        if (!StringSetConverter.fits(systems)) {
            violations.add(new Violation("targetSystems", StringSetConverter.TOO_MANY));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    static void checkPasswordBytes(String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw InvalidInputException.of("password", "must be at most 72 bytes");
        }
    }
}
