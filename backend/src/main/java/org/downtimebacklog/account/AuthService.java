package org.downtimebacklog.account;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.audit.AuditService;
import org.downtimebacklog.audit.Changes;
import org.downtimebacklog.security.DeviceSecrets;
import org.downtimebacklog.web.AccessDeniedException;
import org.downtimebacklog.web.ThrottledException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Sign-in, refresh-token rotation and sign-out.
 * <p>
 * Sign-in is throttled so that guessing is slow without letting a guesser lock anyone out. Failed sign-ins are
 * counted in leaky buckets that drain with time, never in locks: per username and client address together
 * ({@code backlog.login.client.*}; a guesser on one device does not stop the user signing in from another), and per
 * username from every address ({@code backlog.login.account.*}; a ceiling on guesses at one account however many
 * devices guess). Both are in the database, so every instance sees the same counts. Before them come the limits
 * each instance keeps in memory ({@link SignInLimits}: per address whatever the username, and a ceiling on all
 * attempts). An attempt that any limit refuses is answered 429 with Retry-After without its password being checked,
 * and is not counted as a failure.
 */
@Singleton
public class AuthService {

    private static final String BAD_CREDENTIALS = "The username or password is not right.";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The client column of a username's row for failures from every address. */
    private static final String EVERY_ADDRESS = "";
    private static final int MAX_KEY = 64;

    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final LoginFailureRepository failures;
    private final SignInLimits limits;
    private final PasswordHasher hasher;
    private final TokenGenerator tokenGenerator;
    private final AuditService audit;
    private final DeviceSecrets deviceSecrets;
    private final Clock clock;
    private final int accessTokenSeconds;
    private final Duration sessionIdle;
    private final Duration sessionAbsolute;
    private final FailureLimit perClient;
    private final FailureLimit perAccount;

    AuthService(UserRepository users, RefreshTokenRepository refreshTokens, LoginFailureRepository failures,
                SignInLimits limits, PasswordHasher hasher, TokenGenerator tokenGenerator, AuditService audit,
                DeviceSecrets deviceSecrets, Clock clock,
                @Value("${backlog.access-token-seconds:900}") int accessTokenSeconds,
                @Value("${backlog.session.idle:30m}") Duration sessionIdle,
                @Value("${backlog.session.absolute:12h}") Duration sessionAbsolute,
                @Value("${backlog.login.client.failures:5}") int clientFailures,
                @Value("${backlog.login.client.window:15m}") Duration clientWindow,
                @Value("${backlog.login.account.failures:100}") int accountFailures,
                @Value("${backlog.login.account.window:1h}") Duration accountWindow) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.failures = failures;
        this.limits = limits;
        this.hasher = hasher;
        this.tokenGenerator = tokenGenerator;
        this.audit = audit;
        this.deviceSecrets = deviceSecrets;
        this.clock = clock;
        this.accessTokenSeconds = accessTokenSeconds;
        this.sessionIdle = sessionIdle;
        this.sessionAbsolute = sessionAbsolute;
        this.perClient = new FailureLimit(clientFailures, clientWindow);
        this.perAccount = new FailureLimit(accountFailures, accountWindow);
    }

    /**
     * Signs in from the given client address. The failure counts must commit even though the caller gets an error,
     * hence no rollback for these.
     */
    @Transactional(noRollbackFor = {AccessDeniedException.class, ThrottledException.class})
    public TokenResponse login(LoginRequest request, @Nullable String clientAddress) {
        String username = clip(request.username().strip().toLowerCase(Locale.ROOT));
        String client = clientAddress == null || clientAddress.isBlank() ? "unknown" : clip(clientAddress);
        SignInLimits.Admission admission = limits.admit(client);
        Instant now = Instant.now(clock);
        // the username's overall row first, always: it is the lock that takes sign-ins for one name one at a time
        failures.lock(username, EVERY_ADDRESS, now);
        Instant accountDrained = failures.drainedAt(username, EVERY_ADDRESS).orElse(now);
        Instant clientDrained = failures.drainedAt(username, client).orElse(now);
        Duration clientWait = perClient.wait(clientDrained, now);
        if (positive(clientWait)) {
            admission.notFailed();
            throw new ThrottledException("Too many failed sign-ins for this username from this device. "
                    + "Try again later.", clientWait);
        }
        Duration accountWait = perAccount.wait(accountDrained, now);
        if (positive(accountWait)) {
            admission.notFailed();
            throw new ThrottledException("Too many failed sign-ins for this username. Try again later.", accountWait);
        }
        Optional<User> user = users.findByUsername(username);
        boolean ok;
        if (user.isPresent()) {
            ok = hasher.matches(request.password(), user.get().passwordHash()) && user.get().enabled();
        } else {
            hasher.burn(request.password());
            ok = false;
        }
        if (!ok) {
            failures.save(username, client, perClient.add(clientDrained, now));
            failures.save(username, EVERY_ADDRESS, perAccount.add(accountDrained, now));
            user.ifPresent(u -> audit.recordAnonymous(u.username(), u.id(), "LOGIN_FAILED", UserService.ENTITY,
                    u.id(), null));
            throw AccessDeniedException.unauthorized(BAD_CREDENTIALS);
        }
        admission.notFailed();
        // this device's failures for the name are forgiven; the name's failures from everywhere drain as usual
        failures.forget(username, client);
        User signedIn = user.get();
        audit.recordAnonymous(signedIn.username(), signedIn.id(), "LOGIN", UserService.ENTITY, signedIn.id(), null);
        return issue(signedIn, UUID.randomUUID().toString(), now, now, false);
    }

    /**
     * Signs in a user whom an identity provider vouched for ({@code method}, for example OIDC, through
     * {@code provider}): the provider says who, and only an existing, enabled account of that username gets a session,
     * the same session as a local sign-in (roles and sites from this database, the same timeouts). Anyone else is
     * refused, and the refusal audited with the username the provider gave and why, nothing more.
     */
    @Transactional(noRollbackFor = AccessDeniedException.class)
    public TokenResponse loginVouchedFor(String username, String method, String provider) {
        String name = clip(username.strip().toLowerCase(Locale.ROOT));
        Optional<User> user = name.isEmpty() ? Optional.empty() : users.findByUsername(name);
        Changes how = Changes.none().set("method", method).set("provider", provider);
        if (user.isEmpty() || !user.get().enabled()) {
            refuseVouchedFor(name, user.map(User::id).orElse(null), method, provider,
                    user.isEmpty() ? "no account with this username" : "the account is disabled");
            throw AccessDeniedException.forbidden("There is no enabled account for you here.");
        }
        User signedIn = user.get();
        audit.recordAnonymous(signedIn.username(), signedIn.id(), "LOGIN", UserService.ENTITY, signedIn.id(), how, null);
        Instant now = Instant.now(clock);
        // no password was typed: the first refresh of this sign-in gives the web app the person's device secret
        return issue(signedIn, UUID.randomUUID().toString(), now, now, true);
    }

    /**
     * Records a sign-in through an identity provider that was refused ({@code username} as the provider gave it,
     * empty when its answer could not be trusted), and why.
     */
    @Transactional
    public void refuseVouchedFor(String username, @Nullable Long userId, String method, String provider, String why) {
        String name = clip(username.strip().toLowerCase(Locale.ROOT));
        audit.recordAnonymous(name.isEmpty() ? "anonymous" : name, userId, "LOGIN_REFUSED", UserService.ENTITY,
                userId == null ? 0L : userId, Changes.none().set("method", method).set("provider", provider), why);
    }

    /**
     * Deletes the failure counts of up to {@code limit} usernames whose counts have all drained empty; returns how
     * many usernames. Rows for names that are no one's are kept only this long, so they cannot pile up.
     */
    @Transactional
    public int forgetDrainedFailures(int limit) {
        List<String> drained = failures.lockDrained(Instant.now(clock), limit);
        if (!drained.isEmpty()) {
            failures.deleteAll(drained);
        }
        return drained.size();
    }

    /**
     * Rotates a refresh token. A token presented a second time revokes its whole family (it may have been stolen).
     * The first refresh of a sign-in through the identity provider also carries the person's device secret; as the
     * token it came from is used up, no later refresh does, so a phone picked up while its session lasts gives no
     * one the key to its outbox.
     */
    @Transactional(noRollbackFor = AccessDeniedException.class)
    public TokenResponse refresh(String refreshToken) {
        Instant now = Instant.now(clock);
        RefreshToken token = current(refreshToken, now);
        User user = users.findById(token.userId()).filter(User::enabled).orElseThrow(AuthService::invalidRefresh);
        refreshTokens.markUsed(token.id(), now);
        TokenResponse tokens = issue(user, token.familyId(), refreshTokens.signedInAt(token.familyId()), now, false);
        return token.opensDevice() ? tokens.withDeviceSecret(deviceSecrets.of(user.id())) : tokens;
    }

    /** Ends the session: revokes the refresh token's family and every access token the user holds. */
    @Transactional
    public void logout(long userId, @Nullable String refreshToken) {
        Instant now = Instant.now(clock);
        if (refreshToken != null) {
            refreshTokens.findByTokenHashForUpdate(hash(refreshToken))
                    .filter(t -> t.userId() == userId)
                    .ifPresent(t -> refreshTokens.revokeFamily(t.familyId(), now));
        }
        endAccessTokens(userId, "LOGOUT");
    }

    /**
     * Ends the session of a refresh token that is still valid, without an access token (the web app's cookie, when
     * its access token has expired): as {@link #logout(long, String)} for the token's user.
     */
    @Transactional(noRollbackFor = AccessDeniedException.class)
    public void logoutWithRefreshToken(String refreshToken) {
        Instant now = Instant.now(clock);
        RefreshToken token = current(refreshToken, now);
        refreshTokens.revokeFamily(token.familyId(), now);
        endAccessTokens(token.userId(), "LOGOUT");
    }

    /** The longest a sign-in lasts, however much it is used (and the web app's session cookie with it). */
    public Duration refreshTokenLifetime() {
        return sessionAbsolute;
    }

    /** The refresh token, locked, if it may still be used; a used or revoked one revokes its family. */
    private RefreshToken current(String refreshToken, Instant now) {
        RefreshToken token = refreshTokens.findByTokenHashForUpdate(hash(refreshToken))
                .orElseThrow(AuthService::invalidRefresh);
        if (token.revokedAt() != null || token.usedAt() != null) {
            // Presented twice: someone else may hold it. The sign-in ends, and with it, at once, every access token
            // the user holds, the ones minted on the stolen branch included.
            refreshTokens.revokeFamily(token.familyId(), now);
            endAccessTokens(token.userId(), "REFRESH_TOKEN_REUSED");
            throw invalidRefresh();
        }
        if (!token.expiresAt().isAfter(now)) {
            throw invalidRefresh();
        }
        return token;
    }

    private void endAccessTokens(long userId, String action) {
        users.findByIdForUpdate(userId).ifPresent(u -> {
            users.update(new User(u.id(), u.username(), u.displayName(), u.passwordHash(), u.roles(), u.sites(),
                    u.targetSystems(), u.enabled(), u.tokenVersion() + 1, u.createdAt(), u.updatedAt()));
            audit.recordAnonymous(u.username(), u.id(), action, UserService.ENTITY, u.id(), null);
        });
    }

    /**
     * New tokens for a sign-in that began at {@code signedInAt}. The refresh token expires after the idle timeout
     * ({@code backlog.session.idle}) unless used, and never later than the sign-in's absolute lifetime
     * ({@code backlog.session.absolute}, a shift): a shared phone left alone, or passed on at the end of a shift, does
     * not stay signed in as the person before.
     */
    private TokenResponse issue(User user, String familyId, Instant signedInAt, Instant now, boolean opensDevice) {
        String refresh = randomToken();
        Instant idleEnd = now.plus(sessionIdle);
        Instant absoluteEnd = signedInAt.plus(sessionAbsolute);
        refreshTokens.save(new RefreshToken(null, hash(refresh), familyId, user.id(), now,
                idleEnd.isBefore(absoluteEnd) ? idleEnd : absoluteEnd, null, null, opensDevice));
        Authentication authentication = Authentication.build(user.username(), user.roles(), Map.of(
                CallerService.USER_ID_CLAIM, user.id(),
                CallerService.TOKEN_VERSION_CLAIM, user.tokenVersion()));
        String access = tokenGenerator.generateToken(authentication, accessTokenSeconds)
                .orElseThrow(() -> new IllegalStateException("access token could not be generated"));
        return new TokenResponse(access, refresh, "Bearer", accessTokenSeconds, new TreeSet<>(user.roles()),
                user.username(), user.displayName(), new TreeSet<>(user.sites()), new TreeSet<>(user.targetSystems()),
                sessionIdle.toSeconds(), sessionAbsolute.toSeconds(), null);
    }

    static AccessDeniedException invalidRefresh() {
        return AccessDeniedException.unauthorized("The refresh token is not valid. Sign in again.");
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    private static String clip(String key) {
        return key.length() > MAX_KEY ? key.substring(0, MAX_KEY) : key;
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
