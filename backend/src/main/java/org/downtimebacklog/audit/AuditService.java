package org.downtimebacklog.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.security.Caller;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY;

/**
 * Writes the audit trail. Recording joins the caller's transaction, so an action and its audit event
 * commit or roll back together.
 */
@Singleton
public class AuditService {

    public static final int MAX_PAGE = 500;
    /** A request attribute: the username a sign-in was attempted for, so that a throttled attempt names it. */
    public static final String ATTEMPTED_USERNAME = "backlog.attempted-username";

    private final AuditRepository repository;
    private final AuditChain chain;
    private final JsonMapper json;
    private final Clock clock;

    AuditService(AuditRepository repository, AuditChain chain, JsonMapper json, Clock clock) {
        this.repository = repository;
        this.chain = chain;
        this.json = json;
        this.clock = clock;
    }

    /** Checks the hash chain; the check, and what it found, are recorded. */
    @Transactional
    public ChainVerification verifyChain(Caller caller) {
        ChainVerification result = chain.verify();
        record(caller, "AUDIT_VERIFIED", "AUDIT", 0, null, Changes.none()
                .set("intact", result.intact()).set("sealed", result.sealed()).set("unsealed", result.unsealed())
                .set("firstBrokenSeq", result.firstBrokenSeq()), null);
        return result;
    }

    @Transactional(propagation = MANDATORY)
    public void record(@Nullable Caller actor, String action, String entityType, long entityId, @Nullable Long itemId,
                       Changes changes, @Nullable String reason) {
        String changeJson = changes.isEmpty() ? null : write(changes.asMap());
        repository.save(new AuditEvent(null, Instant.now(clock),
                actor == null ? null : actor.userId(),
                actor == null ? "system" : actor.username(),
                action, entityType, entityId, itemId, changeJson, reason));
    }

    /** The same event for each of many items (for example every item a recovery released), written in one batch. */
    @Transactional(propagation = MANDATORY)
    public void recordForItems(@Nullable Caller actor, String action, List<Long> itemIds, Changes changes,
                               @Nullable String reason) {
        if (itemIds.isEmpty()) {
            return;
        }
        String changeJson = changes.isEmpty() ? null : write(changes.asMap());
        Instant now = Instant.now(clock);
        repository.insertAll(itemIds.stream().map(id -> new AuditEvent(null, now,
                actor == null ? null : actor.userId(), actor == null ? "system" : actor.username(),
                action, "ITEM", id, id, changeJson, reason)).toList());
    }

    /** An event about one item, with what is worth knowing of it. */
    public record ItemEvent(long itemId, Changes changes) {
    }

    /** One event per item, each with its own changes (for example every item of a batch logged at once), in one batch. */
    @Transactional(propagation = MANDATORY)
    public void recordEach(@Nullable Caller actor, String action, List<ItemEvent> events, @Nullable String reason) {
        if (events.isEmpty()) {
            return;
        }
        Instant now = Instant.now(clock);
        repository.insertAll(events.stream().map(e -> new AuditEvent(null, now,
                actor == null ? null : actor.userId(), actor == null ? "system" : actor.username(),
                action, "ITEM", e.itemId(), e.itemId(), e.changes().isEmpty() ? null : write(e.changes().asMap()),
                reason)).toList());
    }

    /** A device discarded unsent items of the caller's that passed its age limit: counts and times only. */
    @Transactional
    public void recordDeviceDiscard(Caller caller, DeviceDiscardRequest request) {
        Changes changes = Changes.none()
                .set("count", request.count())
                .set("oldestCapturedAt", request.oldestCapturedAt());
        if (request.newestCapturedAt() != null) {
            changes.set("newestCapturedAt", request.newestCapturedAt());
        }
        if (request.discardedAt() != null) {
            changes.set("discardedAt", request.discardedAt());
        }
        record(caller, "OUTBOX_DISCARDED", "USER", caller.userId(), null, changes, null);
    }

    /** Records an event about a user who is not signed in (for example a failed sign-in). */
    @Transactional(propagation = MANDATORY)
    public void recordAnonymous(String username, @Nullable Long userId, String action, String entityType,
                                long entityId, @Nullable String reason) {
        repository.save(new AuditEvent(null, Instant.now(clock), userId, username, action, entityType, entityId,
                null, null, reason));
    }

    /** The same, with what is worth knowing of the event (for example how a sign-in was made). */
    @Transactional(propagation = MANDATORY)
    public void recordAnonymous(String username, @Nullable Long userId, String action, String entityType,
                                long entityId, Changes changes, @Nullable String reason) {
        repository.save(new AuditEvent(null, Instant.now(clock), userId, username, action, entityType, entityId,
                null, changes.isEmpty() ? null : write(changes.asMap()), reason));
    }

    @Transactional(readOnly = true)
    public List<AuditEventResponse> itemHistory(long itemId) {
        return repository.findByItem(itemId).stream().map(this::toResponse).toList();
    }

    /**
     * The audit trail as the caller may read it: events about items only for items at the caller's sites (they hold
     * patient details), every other event. Reading it is itself recorded.
     */
    @Transactional
    public List<AuditEventResponse> search(Caller caller, @Nullable String username, @Nullable Long itemId,
                                           @Nullable Instant from, @Nullable Instant to, @Nullable Long afterId,
                                           int limit) {
        // With every site, the site list is not read; it only has to be non-empty for IN (...).
        List<String> sites = caller.allSites() || caller.sites().isEmpty() ? List.of(Caller.ALL_SITES)
                : List.copyOf(caller.sites());
        List<AuditEventResponse> found = repository.search(username, itemId, from, to, afterId, caller.allSites(),
                sites, Math.min(Math.max(limit, 1), MAX_PAGE)).stream().map(this::toResponse).toList();
        record(caller, "AUDIT_SEARCHED", "AUDIT", 0, null, Changes.none()
                .set("user", username).set("itemId", itemId).set("from", from).set("to", to).set("afterId", afterId)
                .set("returned", found.size()), null);
        return found;
    }

    /**
     * A request refused (403) or throttled (429), with the client's address and the path, never the query string or
     * the body (which may hold patient identifiers). In a transaction of its own: the request's own work, if any,
     * was rolled back.
     */
    @Transactional
    public void recordRefusal(@Nullable String username, int status, String method, String path,
                              @Nullable String clientAddress) {
        repository.save(new AuditEvent(null, Instant.now(clock), null, username != null ? username : "anonymous",
                status == 429 ? "REQUEST_THROTTLED" : "ACCESS_DENIED", "REQUEST", 0L, null,
                write(Changes.none().set("status", status).set("method", method).set("path", path)
                        .set("client", clientAddress).asMap()), null));
    }

    private AuditEventResponse toResponse(AuditEvent e) {
        Map<String, Object> changes = e.changes() == null ? Map.of() : read(e.changes());
        return new AuditEventResponse(e.id(), e.occurredAt(), e.actorUsername(), e.action(), e.entityType(),
                e.entityId(), e.itemId(), changes, e.reason());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> read(String value) {
        try {
            return json.readValue(value, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
