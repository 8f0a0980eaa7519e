package org.downtimebacklog.item;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.audit.AuditEventResponse;
import org.downtimebacklog.audit.AuditService;
import org.downtimebacklog.audit.Changes;
import org.downtimebacklog.database.DuplicateKeys;
import org.downtimebacklog.outage.OutageForLogging;
import org.downtimebacklog.outage.OutageService;
import org.downtimebacklog.outage.SystemRecoveredEvent;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.web.ConflictException;
import org.downtimebacklog.web.InvalidInputException;
import org.downtimebacklog.web.NotFoundException;
import org.downtimebacklog.web.PreconditionException;
import org.downtimebacklog.web.Violation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

@Singleton
public class ItemService {

    static final String ENTITY = "ITEM";
    static final int MAX_PAGE_SIZE = 200;

    private final ItemRepository items;
    private final OutageService outages;
    private final AuditService audit;
    private final PriorityPolicy priorities;
    private final QueueSettings queue;
    private final DuplicateRepository duplicates;
    private final TallyRepository tallies;
    private final TransactionOperations<Connection> transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration clockSkew;

    ItemService(ItemRepository items, OutageService outages, AuditService audit, PriorityPolicy priorities,
                QueueSettings queue, DuplicateRepository duplicates, TallyRepository tallies,
                TransactionOperations<Connection> transactions,
                JsonMapper json, Clock clock,
                @Value("${backlog.clock-skew-seconds:120}") int clockSkewSeconds) {
        this.items = items;
        this.outages = outages;
        this.audit = audit;
        this.priorities = priorities;
        this.queue = queue;
        this.duplicates = duplicates;
        this.tallies = tallies;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.clockSkew = Duration.ofSeconds(clockSkewSeconds);
    }

    /** The item that a create request made, and whether this answer is a replay of an earlier identical request. */
    public record Created(ItemResponse item, boolean replayed) {
    }

    /**
     * Logs an item exactly once per Idempotency-Key. The key is inserted first in the item's own transaction, so a
     * racing request with the same key waits for this one, then finds the key taken and answers with this item.
     */
    public Created create(ItemCreateRequest request, String idempotencyKey, Caller caller) {
        Normalised patient = normalisePatient(request.patient(), "patient");
        String requestHash = hash(request);
        try {
            return transactions.executeWrite(tx -> {
                Instant now = Instant.now(clock);
                items.insertIdempotencyKey(caller.userId(), idempotencyKey, requestHash, now);
                OutageForLogging outage = outages.forLogging(request.outageId(), caller);
                List<Violation> violations = new ArrayList<>();
                checkPlacement(outage, request.site(), request.targetSystem(), caller, violations);
                checkOccurredAt(request.occurredAt(), now, violations);
                if (!violations.isEmpty()) {
                    throw new InvalidInputException(violations);
                }
                if (outage.closed()) {
                    throw new ConflictException("Outage " + outage.reference() + " is closed; items can no longer be logged against it.");
                }
                // Logged while its system is down it waits; logged after the system came back it is ready at once.
                ItemStatus status = outage.systems().get(request.targetSystem()) == null ? ItemStatus.LOGGED : ItemStatus.READY;
                CapturedFields captured = new CapturedFields(request.site(), request.ward().strip(), request.category(),
                        request.targetSystem(), patient.nhsNumber(), patient.localId(), patient.name(),
                        patient.dateOfBirth(), request.occurredAt(), request.recordedBy().strip(),
                        blankToNull(request.paperReference()), request.summary().strip(), blankToNull(request.details()),
                        request.highRisk(), request.patientStatus());
                Item item = items.save(Item.logged(outage.id(), captured, status, priorityOf(captured, now),
                        caller.username(), now));
                tallies.apply(Tally.change(null, item));
                items.attachItemToKey(caller.userId(), idempotencyKey, item.id());
                audit.record(caller, "ITEM_CREATED", ENTITY, item.id(), item.id(), createdFields(item), null);
                List<Long> possibleDuplicates = flagPossibleDuplicates(item, caller, now);
                return new Created(ItemResponse.of(item, needsVerification(item), possibleDuplicates), false);
            });
        } catch (RuntimeException e) {
            if (!DuplicateKeys.isDuplicateKey(e)) {
                throw e;
            }
            return replay(caller, idempotencyKey, requestHash);
        }
    }

    private Created replay(Caller caller, String idempotencyKey, String requestHash) {
        return transactions.executeRead(tx -> {
            IdempotencyRecord previous = items.findIdempotencyKey(caller.userId(), idempotencyKey)
                    .filter(key -> key.itemId() != null)
                    .orElseThrow(() -> new ConflictException(
                            "Idempotency-Key: a request with this key is still being processed. Retry shortly."));
            if (!previous.requestHash().equals(requestHash)) {
                throw InvalidInputException.of("Idempotency-Key",
                        "was already used for a different request; use a new key for a new item");
            }
            Item item = visible(items.findById(previous.itemId()), previous.itemId(), caller);
            return new Created(response(item), true);
        });
    }

    /** One item with its patient details; the view is recorded in the audit trail. */
    @Transactional
    public ItemResponse view(long id, Caller caller) {
        Item item = visible(items.findById(id), id, caller);
        audit.record(caller, "ITEM_VIEWED", ENTITY, id, id, Changes.none(), null);
        return response(item);
    }

    @Transactional
    public ItemResponse update(long id, @Nullable String ifMatch, ItemUpdateRequest request, Caller caller) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw PreconditionException.required();
        }
        Item current = visible(items.findByIdForUpdate(id), id, caller);
        if (!matches(ifMatch, current.version())) {
            throw PreconditionException.failed(current.etag());
        }
        if (!ItemLifecycle.CORRECTABLE.contains(current.status())) {
            throw new ConflictException("The item is " + current.status() + "; its captured fields can no longer be corrected.",
                    Map.of("currentStatus", current.status().name()));
        }
        Normalised patient = request.patient() == null
                ? new Normalised(current.nhsNumber(), current.localId(), current.patientName(), current.dateOfBirth())
                : normalisePatient(request.patient(), "patient");
        String site = request.site() == null ? current.site() : request.site();
        String targetSystem = request.targetSystem() == null ? current.targetSystem() : request.targetSystem();
        Instant occurredAt = request.occurredAt() == null ? current.occurredAt() : request.occurredAt();
        Instant now = Instant.now(clock);

        List<Violation> violations = new ArrayList<>();
        boolean systemChanged = !targetSystem.equals(current.targetSystem());
        OutageForLogging outage = null;
        if (!site.equals(current.site()) || systemChanged) {
            outage = outages.forLogging(current.outageId(), caller);
            checkPlacement(outage, site, targetSystem, caller, violations);
        }
        if (systemChanged && current.status() != ItemStatus.LOGGED && current.status() != ItemStatus.READY) {
            throw new ConflictException("The item is " + current.status() + "; release it before changing its target system.",
                    Map.of("currentStatus", current.status().name()));
        }
        if (request.occurredAt() != null) {
            checkOccurredAt(occurredAt, now, violations);
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        CapturedFields captured = new CapturedFields(site,
                request.ward() == null ? current.ward() : request.ward().strip(),
                request.category() == null ? current.category() : request.category(),
                targetSystem, patient.nhsNumber(), patient.localId(), patient.name(), patient.dateOfBirth(), occurredAt,
                request.recordedBy() == null ? current.recordedBy() : request.recordedBy().strip(),
                request.paperReference() == null ? current.paperReference() : blankToNull(request.paperReference()),
                request.summary() == null ? current.summary() : request.summary().strip(),
                request.details() == null ? current.details() : blankToNull(request.details()),
                request.highRisk() == null ? current.highRisk() : request.highRisk(),
                request.patientStatus() == null ? current.patientStatus() : request.patientStatus());
        if (captured.equals(current.captured())) {
            return response(current);
        }
        Item updated = current.corrected(captured, priorityOf(captured, now), now);
        if (systemChanged && outage != null && outage.systems().containsKey(targetSystem)) {
            // it waits for, or is ready in, its new system
            ItemStatus status = outage.systems().get(targetSystem) == null ? ItemStatus.LOGGED : ItemStatus.READY;
            updated = updated.withStatus(status);
        }
        Changes changes = changedFields(current, updated).field("status", current.status(), updated.status());
        items.update(updated);
        tallies.apply(Tally.change(current, updated));
        audit.record(caller, "ITEM_UPDATED", ENTITY, id, id, changes, blankToNull(request.reason()));
        return response(updated);
    }

    /**
     * Moves an item to another status (see {@link ItemLifecycle}), with If-Match like a correction. The move and its
     * audit event commit together.
     */
    @Transactional
    public ItemResponse transition(long id, @Nullable String ifMatch, TransitionRequest request, Caller caller) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw PreconditionException.required();
        }
        return move(id, ifMatch, request, caller);
    }

    /** A move made by a team lead's bulk action, which names items by id only (no ETag). */
    @Transactional
    public ItemResponse transitionInBulk(long id, TransitionRequest request, Caller caller) {
        return move(id, null, request, caller);
    }

    private ItemResponse move(long id, @Nullable String ifMatch, TransitionRequest request, Caller caller) {
        Item current = visible(items.findByIdForUpdate(id), id, caller);
        if (ifMatch != null && !matches(ifMatch, current.version())) {
            throw PreconditionException.failed(current.etag());
        }
        Instant now = Instant.now(clock);
        ItemState next = ItemLifecycle.move(current, request, caller, needsVerification(current), now);
        if (next.duplicateOf() != null) {
            Item original = items.findById(next.duplicateOf()).filter(i -> caller.canAccessSite(i.site()))
                    .orElseThrow(() -> InvalidInputException.of("duplicateOf", "is not an item you can see"));
            if (original.status() == ItemStatus.DUPLICATE) {
                throw InvalidInputException.of("duplicateOf", "is itself a duplicate; name the original");
            }
        }
        return response(changeState(current, next, caller, "ITEM_STATUS_CHANGED", now));
    }

    /** Writes the item's new state and its audit event: status and every workflow field that changed, and why. */
    Item changeState(Item current, ItemState next, @Nullable Caller actor, String action, Instant now) {
        Item updated = current.withState(next, now);
        items.update(updated);
        tallies.apply(Tally.change(current, updated));
        ItemState before = current.state();
        audit.record(actor, action, ENTITY, current.id(), current.id(), Changes.none()
                .field("status", before.status(), next.status())
                .field("assignedTo", before.assignedTo(), next.assignedTo())
                .field("externalReference", before.externalReference(), next.externalReference())
                .field("enteredBy", before.enteredBy(), next.enteredBy())
                .field("verifiedBy", before.verifiedBy(), next.verifiedBy())
                .field("duplicateOf", before.duplicateOf(), next.duplicateOf()), next.statusReason());
        return updated;
    }

    /** A team lead sets the item's band (P1 to P4), or clears the override with null; it holds until cleared. */
    @Transactional
    public ItemResponse overridePriority(long id, PriorityOverrideRequest request, Caller caller) {
        Item current = visible(items.findByIdForUpdate(id), id, caller);
        Integer band = null;
        if (request.band() != null) {
            band = Priority.parseBand(request.band());
            if (band == 0) {
                throw InvalidInputException.of("band", "must be P1, P2, P3 or P4, or null to clear the override");
            }
        }
        if (band != null && (request.reason() == null || request.reason().isBlank())) {
            throw InvalidInputException.of("reason", "is required to override the priority");
        }
        Instant now = Instant.now(clock);
        Item updated = current.withBandOverride(band, blankToNull(request.reason()), priorities.band(current.priorityScore()), now);
        items.update(updated);
        tallies.apply(Tally.change(current, updated));
        audit.record(caller, band == null ? "PRIORITY_OVERRIDE_CLEARED" : "PRIORITY_OVERRIDDEN", ENTITY, id, id,
                Changes.none().field("priority.band", Priority.bandName(current.priorityBand()),
                        Priority.bandName(updated.priorityBand())), blankToNull(request.reason()));
        return response(updated);
    }

    /**
     * When a system's recovery is recorded, every item of that outage waiting for it becomes READY, in the same
     * transaction and each with its audit event.
     */
    @EventListener
    @Transactional(propagation = io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY)
    void onSystemRecovered(SystemRecoveredEvent event) {
        List<Item> waiting = items.lockLogged(event.outageId(), event.system());
        if (waiting.isEmpty()) {
            return;
        }
        items.releaseLogged(event.outageId(), event.system(), Instant.now(clock));
        tallies.apply(Tally.changes(waiting, waiting.stream().map(i -> i.withStatus(ItemStatus.READY)).toList()));
        List<Long> released = waiting.stream().map(Item::id).toList();
        audit.recordForItems(event.recordedBy(), "ITEM_RELEASED", released, Changes.none()
                .field("status", ItemStatus.LOGGED, ItemStatus.READY), event.system() + " recovered at " + event.recoveredAt());
    }

    @Transactional
    public ItemPage list(ItemFilter filter, int page, int size, Caller caller) {
        int pageSize = Math.min(Math.max(size, 1), MAX_PAGE_SIZE);
        ItemFilter scoped = new ItemFilter(caller.allSites() ? null : caller.sites(), filter.outageId(), filter.site(),
                filter.ward(), filter.status(), filter.category(), filter.targetSystem(), filter.highRisk(),
                filter.nhsNumber(), filter.localId(), filter.text(), filter.sort());
        List<Item> found = items.search(scoped, page * pageSize, pageSize + 1);
        boolean hasMore = found.size() > pageSize;
        List<ItemSummaryResponse> rows = found.stream().limit(pageSize).map(ItemSummaryResponse::of).toList();
        if (filter.nhsNumber() != null || filter.localId() != null) {
            recordPatientSearch(rows, caller);
        }
        return new ItemPage(rows, page, pageSize, hasMore);
    }

    /**
     * The items, among those the caller can see, that logging the described item would flag as possible duplicates
     * (the rule of {@link #flagPossibleDuplicates}). It looks a patient up, so it is audited like a patient search.
     */
    @Transactional
    public List<ItemSummaryResponse> possibleDuplicates(DuplicateCheckRequest request, Caller caller) {
        Normalised patient = normalisePatient(request.patient().asPatient(), "patient");
        outages.get(request.outageId(), caller);
        List<Long> matches = findPossibleDuplicates(request.outageId(), request.category(), request.targetSystem(),
                null, patient.nhsNumber(), patient.localId(), request.occurredAt());
        List<ItemSummaryResponse> rows = matches.isEmpty() ? List.of() : items.findByIdIn(matches).stream()
                .filter(i -> caller.canAccessSite(i.site()))
                .sorted(Comparator.comparing(Item::id))
                .map(ItemSummaryResponse::of)
                .toList();
        recordPatientSearch(rows, caller);
        return rows;
    }

    /** Looking a patient up is a view of patient data: record who searched and what they found. */
    private void recordPatientSearch(List<ItemSummaryResponse> found, Caller caller) {
        audit.record(caller, "PATIENT_SEARCHED", ENTITY, 0, null, Changes.none()
                .set("items", found.stream().map(ItemSummaryResponse::id).toList()), null);
    }

    /** The item's audit trail, oldest first; reading it is itself recorded. */
    @Transactional
    public List<AuditEventResponse> history(long id, Caller caller) {
        visible(items.findById(id), id, caller);
        List<AuditEventResponse> history = audit.itemHistory(id);
        audit.record(caller, "HISTORY_VIEWED", ENTITY, id, id, Changes.none(), null);
        return history;
    }

    /** Items about a patient: the term is matched as an NHS number (any grouping) and as a local identifier. */
    static ItemFilter withPatient(ItemFilter filter, @Nullable String patient) {
        if (patient == null || patient.isBlank()) {
            return filter;
        }
        return new ItemFilter(filter.sites(), filter.outageId(), filter.site(), filter.ward(), filter.status(),
                filter.category(), filter.targetSystem(), filter.highRisk(), NhsNumber.digitsOf(patient),
                patient.strip(), filter.text(), filter.sort());
    }

    private Priority priorityOf(CapturedFields c, Instant now) {
        return priorities.of(c.category(), c.highRisk(), c.patientStatus(), c.occurredAt(), now);
    }

    boolean needsVerification(Item item) {
        return queue.needsVerification(item.category(), item.highRisk());
    }

    ItemResponse response(Item item) {
        List<Long> possible = item.status() == ItemStatus.DUPLICATE ? List.of() : duplicates.findOpenFor(item.id());
        return ItemResponse.of(item, needsVerification(item), possible);
    }

    /**
     * Flags the items of the same outage about the same patient, category and system whose clinical times lie within
     * the window ({@code backlog.queue.duplicate-window}). Two such items logged at the same moment by different
     * people do not see each other; the on-demand scan finds those. Returns the items flagged against this one.
     */
    private List<Long> flagPossibleDuplicates(Item item, Caller caller, Instant now) {
        List<Long> matches = findPossibleDuplicates(item.outageId(), item.category(), item.targetSystem(), item.id(),
                item.nhsNumber(), item.localId(), item.occurredAt());
        for (long other : matches) {
            duplicates.flag(item.id(), other, item.outageId(), now);
        }
        if (!matches.isEmpty()) {
            List<Long> flagged = new ArrayList<>(matches);
            flagged.add(item.id());
            audit.recordForItems(caller, "POSSIBLE_DUPLICATE_FLAGGED", flagged, Changes.none()
                    .set("items", flagged.stream().sorted().toList()), null);
        }
        return matches.stream().sorted().toList();
    }

    /** Other items (all but {@code itemId}, if given) of the outage that an item so described may repeat. */
    private List<Long> findPossibleDuplicates(long outageId, Category category, String targetSystem,
                                              @Nullable Long itemId, @Nullable String nhsNumber,
                                              @Nullable String localId, Instant occurredAt) {
        Duration window = queue.getDuplicateWindow();
        // item ids start at 1: 0 excludes none
        return duplicates.findMatches(outageId, category.name(), targetSystem, itemId == null ? 0 : itemId, nhsNumber,
                localId, occurredAt.minus(window), occurredAt.plus(window));
    }

    private void checkPlacement(OutageForLogging outage, String site, String targetSystem, Caller caller,
                                List<Violation> violations) {
        if (!outage.sites().contains(site)) {
            violations.add(new Violation("site", "is not one of the outage's sites " + outage.sites().stream().sorted().toList()));
        } else if (!caller.canAccessSite(site)) {
            violations.add(new Violation("site", "is not one of your sites"));
        }
        if (!outage.systems().containsKey(targetSystem)) {
            violations.add(new Violation("targetSystem", "is not one of the outage's systems " + outage.systems().keySet()));
        }
    }

    private void checkOccurredAt(Instant occurredAt, Instant now, List<Violation> violations) {
        if (occurredAt.isAfter(now.plus(clockSkew))) {
            violations.add(new Violation("occurredAt", "must not be in the future"));
        }
    }

    private record Normalised(@Nullable String nhsNumber, @Nullable String localId, @Nullable String name,
                              @Nullable java.time.LocalDate dateOfBirth) {
    }

    private static Normalised normalisePatient(PatientRequest patient, String path) {
        List<Violation> violations = new ArrayList<>();
        String nhs = null;
        if (patient.nhsNumber() != null && !patient.nhsNumber().isBlank()) {
            nhs = NhsNumber.digitsOf(patient.nhsNumber());
            if (nhs == null) {
                violations.add(new Violation(path + ".nhsNumber", "must be 10 digits (spaces or dashes allowed)"));
            } else if (!NhsNumber.isValid(nhs)) {
                violations.add(new Violation(path + ".nhsNumber", "is not a valid NHS number (check digit does not match)"));
                nhs = null;
            }
        }
        String localId = blankToNull(patient.localId());
        if (nhs == null && localId == null && violations.isEmpty()) {
            violations.add(new Violation(path, "needs an nhsNumber or a localId"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return new Normalised(nhs, localId, blankToNull(patient.name()), patient.dateOfBirth());
    }

    private static Item visible(java.util.Optional<Item> found, long id, Caller caller) {
        return found.filter(i -> caller.canAccessSite(i.site()))
                .orElseThrow(() -> new NotFoundException("Item " + id));
    }

    /** If-Match holds one ETag ("3" or W/"3"); "*" is not accepted because a correction must name the version read. */
    private static boolean matches(String ifMatch, long version) {
        for (String tag : ifMatch.split(",")) {
            String t = tag.strip();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("\"" + version + "\"")) {
                return true;
            }
        }
        return false;
    }

    private static Changes createdFields(Item i) {
        return Changes.none()
                .set("priority", Priority.bandName(i.priorityBand()) + " (" + i.priorityScore() + "): " + i.priorityReasons())
                .set("outageId", i.outageId()).set("site", i.site()).set("ward", i.ward())
                .set("category", i.category()).set("targetSystem", i.targetSystem())
                .set("patient.nhsNumber", i.nhsNumber()).set("patient.localId", i.localId())
                .set("patient.name", i.patientName()).set("patient.dateOfBirth", i.dateOfBirth())
                .set("occurredAt", i.occurredAt()).set("recordedBy", i.recordedBy())
                .set("paperReference", i.paperReference()).set("summary", i.summary()).set("details", i.details())
                .set("highRisk", i.highRisk()).set("patientStatus", i.patientStatus()).set("status", i.status());
    }

    private static Changes changedFields(Item a, Item b) {
        return Changes.none()
                .field("priority.score", a.priorityScore(), b.priorityScore())
                .field("priority.band", Priority.bandName(a.priorityBand()), Priority.bandName(b.priorityBand()))
                .field("site", a.site(), b.site()).field("ward", a.ward(), b.ward())
                .field("category", a.category(), b.category()).field("targetSystem", a.targetSystem(), b.targetSystem())
                .field("patient.nhsNumber", a.nhsNumber(), b.nhsNumber()).field("patient.localId", a.localId(), b.localId())
                .field("patient.name", a.patientName(), b.patientName())
                .field("patient.dateOfBirth", a.dateOfBirth(), b.dateOfBirth())
                .field("occurredAt", a.occurredAt(), b.occurredAt()).field("recordedBy", a.recordedBy(), b.recordedBy())
                .field("paperReference", a.paperReference(), b.paperReference())
                .field("summary", a.summary(), b.summary()).field("details", a.details(), b.details())
                .field("highRisk", a.highRisk(), b.highRisk()).field("patientStatus", a.patientStatus(), b.patientStatus());
    }

    private String hash(ItemCreateRequest request) {
        try {
            byte[] canonical = json.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
