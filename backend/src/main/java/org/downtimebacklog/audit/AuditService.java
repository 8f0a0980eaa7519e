package org.downtimebacklog.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.security.Caller;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY;

/**
 * Writes the audit trail. Recording joins the caller's transaction, so an action and its audit event
 * commit or roll back together. The values of patient details ({@link Changes#patientField}) are stored apart from
 * the other changes, with their digest (see {@link AuditEvent}), so that retention can remove them
 * ({@link #removePatientValues}) and the hash chain still verifies.
 */
@Singleton
public class AuditService {

    public static final int MAX_PAGE = 500;
    /** A request attribute: the username a sign-in was attempted for, so that a throttled attempt names it. */
    public static final String ATTEMPTED_USERNAME = "backlog.attempted-username";
    /** What a patient detail's value reads in the trail once retention removed it. */
    public static final String REMOVED = "(removed under retention)";
    private static final SecureRandom RANDOM = new SecureRandom();

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
        repository.save(event(Instant.now(clock), actor == null ? null : actor.userId(),
                actor == null ? "system" : actor.username(), action, entityType, entityId, itemId, changes, reason));
    }

    /** The same event for each of many items (for example every item a recovery released), written in one batch. */
    @Transactional(propagation = MANDATORY)
    public void recordForItems(@Nullable Caller actor, String action, List<Long> itemIds, Changes changes,
                               @Nullable String reason) {
        if (itemIds.isEmpty()) {
            return;
        }
        Instant now = Instant.now(clock);
        repository.insertAll(itemIds.stream().map(id -> event(now,
                actor == null ? null : actor.userId(), actor == null ? "system" : actor.username(),
                action, "ITEM", id, id, changes, reason)).toList());
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
        repository.insertAll(events.stream().map(e -> event(now,
                actor == null ? null : actor.userId(), actor == null ? "system" : actor.username(),
                action, "ITEM", e.itemId(), e.itemId(), e.changes(), reason)).toList());
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
        repository.save(event(Instant.now(clock), userId, username, action, entityType, entityId, null,
                Changes.none(), reason));
    }

    /** The same, with what is worth knowing of the event (for example how a sign-in was made). */
    @Transactional(propagation = MANDATORY)
    public void recordAnonymous(String username, @Nullable Long userId, String action, String entityType,
                                long entityId, Changes changes, @Nullable String reason) {
        repository.save(event(Instant.now(clock), userId, username, action, entityType, entityId, null, changes,
                reason));
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
        repository.save(event(Instant.now(clock), null, username != null ? username : "anonymous",
                status == 429 ? "REQUEST_THROTTLED" : "ACCESS_DENIED", "REQUEST", 0L, null,
                Changes.none().set("status", status).set("method", method).set("path", path)
                        .set("client", clientAddress), null));
    }

    /**
     * Removes the patient values held by the audit events of these items (retention, in its transaction, when it
     * purges the items); the events, their other changes and the digest of the values stay, so the chain verifies.
     * Returns how many events held some.
     */
    @Transactional(propagation = MANDATORY)
    public int removePatientValues(Collection<Long> itemIds) {
        return itemIds.isEmpty() ? 0 : repository.removePatientChanges(itemIds);
    }

    /** A new event, its patient values (if any) held apart with their digest. */
    private AuditEvent event(Instant at, @Nullable Long actorId, String actorUsername, String action,
                             String entityType, long entityId, @Nullable Long itemId, Changes changes,
                             @Nullable String reason) {
        if (changes.isEmpty()) {
            return new AuditEvent(null, at, actorId, actorUsername, action, entityType, entityId, itemId, null, reason,
                    null, null);
        }
        Map<String, Map<String, Object>> rest = new LinkedHashMap<>();
        Map<String, Map<String, Object>> patient = new LinkedHashMap<>();
        changes.asMap().forEach((name, change) -> {
            if (changes.patientFields().contains(name)) {
                patient.put(name, change);
                rest.put(name, held(change));
            } else {
                rest.put(name, change);
            }
        });
        String patientJson = null;
        String digest = null;
        if (!patient.isEmpty()) {
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("nonce", HexFormat.of().formatHex(nonce));
            values.put("changes", patient);
            patientJson = write(values);
            digest = AuditChain.digest(patientJson);
        }
        return new AuditEvent(null, at, actorId, actorUsername, action, entityType, entityId, itemId, write(rest),
                reason, patientJson, digest);
    }

    /** A change with each value that is set replaced by {@code placeholder}. */
    private static Map<String, Object> replaced(Map<?, ?> change, Object placeholder) {
        Map<String, Object> shown = new LinkedHashMap<>();
        change.forEach((k, v) -> shown.put(String.valueOf(k), v == null ? null : placeholder));
        return shown;
    }

    private static Map<String, Object> held(Map<String, Object> change) {
        return replaced(change, AuditEvent.HELD);
    }

    /**
     * The event as read: patient values merged back into the changes while they are held; once removed, each reads
     * {@link #REMOVED} and the event is marked redacted.
     */
    private AuditEventResponse toResponse(AuditEvent e) {
        Map<String, Object> changes = new LinkedHashMap<>();
        if (e.changes() != null) {
            changes.putAll(read(e.changes()));
        }
        boolean redacted = e.patientDigest() != null && e.patientChanges() == null;
        if (e.patientChanges() != null) {
            Object held = read(e.patientChanges()).get("changes");
            if (held instanceof Map<?, ?> values) {
                values.forEach((name, change) -> changes.put(String.valueOf(name), change));
            }
        } else if (redacted) {
            changes.replaceAll((name, change) -> change instanceof Map<?, ?> values
                    && values.containsValue(AuditEvent.HELD) ? replaced(values, REMOVED) : change);
        }
        return new AuditEventResponse(e.id(), e.occurredAt(), e.actorUsername(), e.action(), e.entityType(),
                e.entityId(), e.itemId(), changes, e.reason(), redacted);
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
