package org.downtimebacklog.item;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.audit.AuditEventResponse;
import org.downtimebacklog.audit.AuditService;
import org.downtimebacklog.audit.Changes;
import org.downtimebacklog.database.DuplicateKeys;
import org.downtimebacklog.outage.OutageForLogging;
import org.downtimebacklog.outage.OutageService;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.web.ConflictException;
import org.downtimebacklog.web.ETags;
import org.downtimebacklog.web.InvalidInputException;
import org.downtimebacklog.web.Violation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Capture, correction, viewing, listing and history of backlog items. */
@Singleton
public class ItemService {

    static final int MAX_PAGE_SIZE = 200;

    private final ItemRepository items;
    private final ItemReader reader;
    private final ItemWriter writer;
    private final Corrections corrections;
    private final OutageService outages;
    private final AuditService audit;
    private final PriorityPolicy priorities;
    private final PossibleDuplicates duplicates;
    private final CaptureRules rules;
    private final SheetCheck sheets;
    private final ZoneId zone;
    private final TransactionOperations<Connection> transactions;
    private final JsonMapper json;
    private final Clock clock;

    ItemService(ItemRepository items, ItemReader reader, ItemWriter writer, Corrections corrections,
                OutageService outages, AuditService audit,
                PriorityPolicy priorities, PossibleDuplicates duplicates, CaptureRules rules, SheetCheck sheets,
                @Value("${backlog.timezone:Europe/London}") String zone,
                TransactionOperations<Connection> transactions, JsonMapper json, Clock clock) {
        this.items = items;
        this.reader = reader;
        this.writer = writer;
        this.corrections = corrections;
        this.outages = outages;
        this.audit = audit;
        this.priorities = priorities;
        this.duplicates = duplicates;
        this.rules = rules;
        this.sheets = sheets;
        this.zone = ZoneId.of(zone);
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    /** The scope of imported rows' keys among the idempotency keys (no user has id 0). */
    private static final long IMPORTED_ROWS = 0;

    /**
     * The item that a create request made, and whether this answer is a replay of an earlier identical request; for
     * an imported row, the import and row that first stored it.
     */
    public record Created(ItemResponse item, boolean replayed, @Nullable ImportedRow origin) {
    }

    /** Row {@code row} (as a spreadsheet numbers it) of import {@code importId}. */
    public record ImportedRow(long importId, int row) {
    }

    /** Where an item's exactly-once key lives: a user's own Idempotency-Keys, or the rows imported into an outage. */
    private record OnceKey(long scope, String key, @Nullable ImportedRow row) {
    }

    /**
     * Logs an item exactly once per Idempotency-Key. The key is inserted with the item's id in the item's own
     * transaction, so a racing request with the same key waits there for this one, then finds the key taken, rolls
     * back its own item and answers with this one.
     */
    public Created create(CapturedFields request, String idempotencyKey, Caller caller) {
        return create(request, new OnceKey(caller.userId(), idempotencyKey, null), caller);
    }

    /**
     * Logs an item from a row of an import, exactly once per outage and row key whoever imports it and however often:
     * the same rules as {@link #create}, with the row's identity in place of an Idempotency-Key. A replay names the
     * import and row that stored the item first; a key seen before with other content is refused naming
     * {@code keyColumn}.
     */
    public Created createImported(CapturedFields request, String rowKey, ImportedRow row, Caller caller) {
        return create(request, new OnceKey(IMPORTED_ROWS, importKey(request.outageId(), rowKey), row), caller);
    }

    /**
     * What {@link #createImported} would refuse this row for, without storing anything: its placement, its time,
     * its patient and a closed outage, as the caller may log it. Empty when it would be stored (or replayed).
     */
    public List<Violation> problems(CapturedFields request, Caller caller) {
        return transactions.executeRead(tx -> {
            List<Violation> violations = new ArrayList<>();
            try {
                request.patient().normalised("patient");
            } catch (InvalidInputException e) {
                violations.addAll(e.violations());
            }
            OutageForLogging outage = outages.forLogging(request.outageId(), caller);
            rules.checkPlacement(outage, request.site(), request.targetSystem(), caller, violations);
            rules.checkOccurredAt(outage, request.occurredAt(), violations);
            if (violations.isEmpty()) {
                rules.checkPatient(outage, request.site(), request.patient().normalised("patient"), violations);
            }
            if (outage.closed()) {
                violations.add(new Violation("outageId", "outage " + outage.reference() + " is closed"));
            }
            return violations;
        });
    }

    /** The import and row that stored the item with this row key in this outage, and the hash of its content. */
    public record ImportedKey(long itemId, String contentHash, @Nullable ImportedRow origin) {
    }

    /** Whether a row with this key was imported into this outage before, and by which import and row. */
    public java.util.Optional<ImportedKey> importedKey(long outageId, String rowKey) {
        return transactions.executeRead(tx -> items.findIdempotencyKey(IMPORTED_ROWS, importKey(outageId, rowKey))
                .filter(key -> key.itemId() != null)
                .map(key -> new ImportedKey(key.itemId(), key.requestHash(), originOf(key))));
    }

    /** The hash {@link #createImported} keeps of a row's content: the same for the same fields. */
    public String contentHash(CapturedFields request) {
        return hash(request);
    }

    private Created create(CapturedFields request, OnceKey once, Caller caller) {
        CapturedFields captured = request.normalised();
        String requestHash = hash(request);
        try {
            java.util.Optional<Created> made = transactions.executeWrite(tx -> {
                Instant now = Instant.now(clock);
                OutageForLogging outage = outages.forLogging(request.outageId(), caller);
                List<Violation> violations = new ArrayList<>();
                rules.checkPlacement(outage, request.site(), request.targetSystem(), caller, violations);
                // a site refused as not the caller's is not asked about its patients (its temporary ids)
                boolean placed = violations.isEmpty();
                rules.checkOccurredAt(outage, request.occurredAt(), violations);
                if (placed) {
                    rules.checkPatient(outage, captured.site(), captured.patient(), violations);
                }
                if ((!violations.isEmpty() || outage.closed())
                        && items.findIdempotencyKey(once.scope(), once.key()).isPresent()) {
                    // sent before, when it could still be logged (the outage has closed since, say): a replay
                    return java.util.Optional.empty();
                }
                if (!violations.isEmpty()) {
                    throw new InvalidInputException(violations);
                }
                if (outage.closed()) {
                    throw new ConflictException("Outage " + outage.reference() + " is closed; items can no longer be logged against it.");
                }
                List<CaptureWarning> warnings = captured.sheetId() == null ? List.of()
                        : sheets.check(captured.sheetId(), captured.site(), captured.ward(), caller);
                Changes origin = once.row() == null ? Changes.none()
                        : Changes.none().set("importId", once.row().importId()).set("importRow", once.row().row());
                Item item = writer.create(Item.logged(captured, statusIn(outage, captured.targetSystem()),
                        priorityOf(captured, now), priorities, caller.username(), now), caller, origin);
                items.insertIdempotencyKey(once.scope(), once.key(), requestHash, item.id(), now,
                        once.row() == null ? null : once.row().importId(), once.row() == null ? null : once.row().row());
                if (captured.sheetId() != null) {
                    sheets.logged(captured.sheetId(), item.outageId(), List.of(item.id()), caller);
                }
                List<Long> possible = duplicates.flagOnLogging(item.id(), duplicateKey(item), caller, now);
                return java.util.Optional.of(new Created(reader.response(item, possible).withWarnings(warnings), false,
                        once.row()));
            });
            return made.orElseGet(() -> replay(caller, once, requestHash));
        } catch (RuntimeException e) {
            if (!DuplicateKeys.isDuplicateKey(e)) {
                throw e;
            }
            return replay(caller, once, requestHash);
        }
    }

    private Created replay(Caller caller, OnceKey once, String requestHash) {
        return transactions.executeRead(tx -> {
            IdempotencyRecord previous = items.findIdempotencyKey(once.scope(), once.key())
                    .filter(key -> key.itemId() != null)
                    .orElseThrow(() -> new ConflictException(
                            "Idempotency-Key: a request with this key is still being processed. Retry shortly."));
            if (!previous.requestHash().equals(requestHash)) {
                throw once.row() == null
                        ? InvalidInputException.of("Idempotency-Key",
                                "was already used for a different request; use a new key for a new item")
                        : InvalidInputException.of("keyColumn", "this key was imported before with other content "
                                + "(" + Item.reference(previous.itemId()) + "); correct that item instead");
            }
            return new Created(reader.response(reader.findVisible(previous.itemId(), caller)), true, originOf(previous));
        });
    }

    private static String importKey(long outageId, String rowKey) {
        return "import:" + outageId + ":" + rowKey;
    }

    private static @Nullable ImportedRow originOf(IdempotencyRecord key) {
        return key.importId() == null || key.importRow() == null ? null : new ImportedRow(key.importId(), key.importRow());
    }

    /**
     * One item with its patient details and the note that labels its late entry ({@link RetrospectiveNote}); the view
     * is recorded in the audit trail.
     */
    @Transactional
    public ItemResponse view(long id, Caller caller) {
        Item item = reader.findVisible(id, caller);
        audit.record(caller, "ITEM_VIEWED", ItemWriter.ENTITY, id, id, Changes.none(), null);
        return reader.response(item).withNote(RetrospectiveNote.of(item, caller.username(), Instant.now(clock), zone));
    }

    /**
     * Corrects captured fields (If-Match required; see {@link Corrections} for what the body may hold); the priority
     * is computed again.
     */
    @Transactional
    public ItemResponse update(long id, @Nullable String ifMatch, Map<String, Object> body, Caller caller) {
        ETags.requirePresent(ifMatch);
        Item current = reader.lockVisible(id, caller);
        ETags.check(ifMatch, current.version());
        if (!ItemLifecycle.CORRECTABLE.contains(current.status())) {
            throw new ConflictException("The item is " + current.status() + "; its captured fields can no longer be corrected.",
                    Map.of("currentStatus", current.status().name()));
        }
        Corrections.Correction correction = corrections.apply(current.captured(), body);
        CapturedFields captured = correction.fields();
        boolean timeChanged = !captured.occurredAt().equals(current.captured().occurredAt());
        List<Violation> violations = new ArrayList<>();
        boolean systemChanged = !captured.targetSystem().equals(current.captured().targetSystem());
        boolean patientChanged = !captured.patient().equals(current.captured().patient())
                || !captured.site().equals(current.site());
        OutageForLogging outage = null;
        if (!captured.site().equals(current.site()) || systemChanged || timeChanged || patientChanged) {
            outage = outages.forLogging(current.outageId(), caller);
        }
        if (!captured.site().equals(current.site()) || systemChanged) {
            rules.checkPlacement(outage, captured.site(), captured.targetSystem(), caller, violations);
        }
        // a site refused as not the caller's is not asked about its patients (its temporary ids)
        boolean placed = violations.isEmpty();
        if (systemChanged && current.status() != ItemStatus.LOGGED && current.status() != ItemStatus.READY) {
            throw new ConflictException("The item is " + current.status() + "; release it before changing its target system.",
                    Map.of("currentStatus", current.status().name()));
        }
        if (timeChanged) {
            rules.checkOccurredAt(outage, captured.occurredAt(), violations);
        }
        if (patientChanged && placed) {
            rules.checkPatient(outage, captured.site(), captured.patient(), violations);
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        if (captured.equals(current.captured())) {
            return reader.response(current);
        }
        // a new sheet, or the same sheet for another site, is checked as at capture
        boolean sheetChanged = captured.sheetId() != null && !captured.sheetId().equals(current.captured().sheetId());
        boolean sheetToCheck = sheetChanged || (captured.sheetId() != null && !captured.site().equals(current.site()));
        List<CaptureWarning> warnings = sheetToCheck
                ? sheets.check(captured.sheetId(), captured.site(), captured.ward(), caller) : List.of();
        if (reader.needsVerification(current) && !reader.needsVerification(captured)) {
            ItemLifecycle.checkSecondCheckMayGo(current, caller, correction.reason());
        }
        Instant now = Instant.now(clock);
        // with a new target system it waits for, or is ready in, that system
        ItemState state = systemChanged && outage.systems().containsKey(captured.targetSystem())
                ? current.state().waitingIn(statusIn(outage, captured.targetSystem())) : current.state();
        ItemPriority priority = current.priority().recomputed(priorityOf(captured, now));
        Item updated = current.corrected(captured, priority.due(dueAfterCorrection(current, captured, state, priority,
                outage)), state, now);
        Changes changes = Changes.none()
                .field("priority.score", current.priority().score(), updated.priority().score())
                .field("priority.band", current.priority().bandName(), updated.priority().bandName())
                .field("dueAt", current.priority().dueAt(), updated.priority().dueAt())
                .and(captured.changesFrom(current.captured()))
                .field("status", current.status(), updated.status());
        Item saved = writer.change(current, updated, caller, "ITEM_UPDATED", changes, correction.reason());
        if (sheetChanged) {
            sheets.logged(captured.sheetId(), saved.outageId(), List.of(saved.id()), caller);
        }
        return reader.response(saved).withWarnings(warnings);
    }

    /**
     * One page of the items that match the filter at the caller's sites: the page after {@code cursor} (as a previous
     * page's {@code next} gave it) when there is one, else page {@code page}.
     */
    @Transactional
    public ItemPage list(ItemFilter filter, int page, @Nullable String cursor, int size, Caller caller) {
        int pageSize = Math.min(Math.max(size, 1), MAX_PAGE_SIZE);
        List<Object> after = cursor == null ? null : ItemCursor.read(cursor, filter.sort());
        List<Item> found = items.search(filter.within(caller).at(Instant.now(clock)), after, page * pageSize,
                pageSize + 1);
        boolean hasMore = found.size() > pageSize;
        List<Item> shown = found.subList(0, Math.min(found.size(), pageSize));
        Urgency urgency = reader.urgency();
        List<ItemSummaryResponse> rows = shown.stream().map(i -> ItemSummaryResponse.of(i, urgency)).toList();
        if (filter.nhsNumber() != null || filter.localId() != null) {
            recordPatientSearch(rows, caller);
        }
        String next = hasMore ? ItemCursor.of(filter.sort(), shown.get(shown.size() - 1)) : null;
        return new ItemPage(rows, page, pageSize, hasMore, next);
    }

    /**
     * The next items after {@code afterId} that match the query at the caller's sites, in id order and in full: for
     * exports, which page through any number this way. The caller records what the export showed.
     */
    @Transactional(readOnly = true)
    public List<ItemResponse> exportPage(ItemQuery query, Caller caller, long afterId, int limit) {
        return items.searchAfter(query.filter().within(caller), afterId, limit).stream()
                .map(item -> reader.response(item, List.of())).toList();
    }

    /**
     * As {@link #exportPage}, for a client that is shown each item's patient details (the FHIR API): every item on
     * the page is recorded in the audit trail as viewed, through {@code via}.
     */
    @Transactional
    public List<ItemResponse> viewedPage(ItemQuery query, Caller caller, long afterId, int limit, String via) {
        List<ItemResponse> found = exportPage(query, caller, afterId, limit);
        if (!found.isEmpty()) {
            audit.recordForItems(caller, "ITEM_VIEWED", found.stream().map(ItemResponse::id).toList(),
                    Changes.none().set("via", via), null);
        }
        return found;
    }

    /** One item with its patient details, as {@link #view}, the view recorded as made through {@code via}. */
    @Transactional
    public ItemResponse view(long id, Caller caller, String via) {
        Item item = reader.findVisible(id, caller);
        audit.record(caller, "ITEM_VIEWED", ItemWriter.ENTITY, id, id, Changes.none().set("via", via), null);
        return reader.response(item);
    }

    /** Looking a patient up is a view of patient data: record who searched and what they found. */
    @Transactional
    public void recordPatientSearch(List<ItemSummaryResponse> found, Caller caller) {
        audit.record(caller, "PATIENT_SEARCHED", ItemWriter.ENTITY, 0, null, Changes.none()
                .set("items", found.stream().map(ItemSummaryResponse::id).toList()), null);
    }

    /** The item's audit trail, oldest first; reading it is itself recorded. */
    @Transactional
    public List<AuditEventResponse> history(long id, Caller caller) {
        reader.findVisible(id, caller);
        List<AuditEventResponse> history = audit.itemHistory(id);
        audit.record(caller, "HISTORY_VIEWED", ItemWriter.ENTITY, id, id, Changes.none(), null);
        return history;
    }

    /** The items with these ids, masked as in a list, lowest id first, among those at the caller's sites. */
    @Transactional(readOnly = true)
    public List<ItemSummaryResponse> summaries(Collection<Long> ids, Caller caller) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return items.findByIdIn(ids).stream()
                .filter(i -> caller.canAccessSite(i.site()))
                .sorted(Comparator.comparing(Item::id))
                .map(i -> ItemSummaryResponse.of(i, reader.urgency()))
                .toList();
    }

    /** The items with these ids in full, in the order given, each view recorded in the audit trail. */
    @Transactional
    public List<ItemResponse> viewed(List<Long> ids, Caller caller) {
        List<ItemResponse> found = responses(ids);
        audit.recordForItems(caller, "ITEM_VIEWED", found.stream().map(ItemResponse::id).toList(), Changes.none(), null);
        return found;
    }

    /** The items with these ids, masked as in a list, in the order given. */
    @Transactional(readOnly = true)
    public List<ItemSummaryResponse> listed(List<Long> ids) {
        Urgency urgency = reader.urgency();
        return inOrder(ids).stream().map(i -> ItemSummaryResponse.of(i, urgency)).toList();
    }

    /** The items with these ids in full, in the order given (for the person they are assigned to). */
    @Transactional(readOnly = true)
    public List<ItemResponse> responses(List<Long> ids) {
        return inOrder(ids).stream().map(reader::response).toList();
    }

    private List<Item> inOrder(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Item> byId = items.findByIdIn(ids).stream().collect(Collectors.toMap(Item::id, Function.identity()));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    static ItemStatus statusIn(OutageForLogging outage, String targetSystem) {
        // Logged while its system is down it waits; logged after the system came back it is ready at once.
        return outage.systems().get(targetSystem) == null ? ItemStatus.LOGGED : ItemStatus.READY;
    }

    /**
     * When a corrected item is due: not at all while it waits for its (new) system; from its system's recovery (or its
     * logging, when later) when the correction moves it into a recovered system; else as before, moved to the new
     * band's target when its band changed.
     */
    private Instant dueAfterCorrection(Item current, CapturedFields captured, ItemState next, ItemPriority priority,
                                       @Nullable OutageForLogging outage) {
        Instant due = current.priority().dueAt();
        if (next.status() == ItemStatus.LOGGED) {
            return null;
        }
        if (current.status() == ItemStatus.LOGGED) {
            Instant recovered = outage.systems().get(captured.targetSystem());
            Instant from = recovered.isAfter(current.loggedAt()) ? recovered : current.loggedAt();
            return priorities.dueAt(from, priority.band());
        }
        if (due != null && priority.band() != current.priority().band()) {
            return priorities.dueAfterBandChange(due, current.priority().band(), priority.band());
        }
        return due;
    }

    private Priority priorityOf(CapturedFields c, Instant now) {
        return priorities.of(c.category(), c.highRisk(), c.patientStatus(), c.occurredAt(), now);
    }

    private static PossibleDuplicates.Key duplicateKey(Item item) {
        CapturedFields c = item.captured();
        return new PossibleDuplicates.Key(item.outageId(), c.category(), c.targetSystem(), c.patient().nhsNumber(),
                c.patient().localId(), c.occurredAt());
    }

    private String hash(CapturedFields request) {
        try {
            byte[] canonical = json.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
