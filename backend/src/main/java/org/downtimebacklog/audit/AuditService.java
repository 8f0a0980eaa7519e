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

    private final AuditRepository repository;
    private final JsonMapper json;
    private final Clock clock;

    AuditService(AuditRepository repository, JsonMapper json, Clock clock) {
        this.repository = repository;
        this.json = json;
        this.clock = clock;
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
        repository.saveAll(itemIds.stream().map(id -> new AuditEvent(null, now,
                actor == null ? null : actor.userId(), actor == null ? "system" : actor.username(),
                action, "ITEM", id, id, changeJson, reason)).toList());
    }

    /** Records an event about a user who is not signed in (for example a failed sign-in). */
    @Transactional(propagation = MANDATORY)
    public void recordAnonymous(String username, @Nullable Long userId, String action, String entityType,
                                long entityId, @Nullable String reason) {
        repository.save(new AuditEvent(null, Instant.now(clock), userId, username, action, entityType, entityId,
                null, null, reason));
    }

    @Transactional(readOnly = true)
    public List<AuditEventResponse> itemHistory(long itemId) {
        return repository.findByItem(itemId).stream().map(this::toResponse).toList();
    }

    @Transactional(readOnly = true)
    public List<AuditEventResponse> search(@Nullable String username, @Nullable Long itemId, @Nullable Instant from,
                                           @Nullable Instant to, @Nullable Long afterId, int limit) {
        return repository.search(username, itemId, from, to, afterId, Math.min(Math.max(limit, 1), MAX_PAGE))
                .stream().map(this::toResponse).toList();
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
