package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;
import org.downtimebacklog.database.DuplicateKeys;
import org.downtimebacklog.outage.OutageForLogging;
import org.downtimebacklog.outage.OutageService;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.web.ConflictException;
import org.downtimebacklog.web.ConstraintViolationHandler;
import org.downtimebacklog.web.InvalidInputException;
import org.downtimebacklog.web.NotFoundException;
import org.downtimebacklog.web.ProblemException;
import org.downtimebacklog.web.Violation;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Logs many items in one request, each exactly once per Idempotency-Key and by the same rules as
 * {@link ItemService#create}. Every item is checked first, on its own; then, in one transaction, the keys sent before
 * are answered as replays and the good items are written together: an insert per item, one multi-row insert of their
 * keys, one move of the running counts, one of audit events and one look for possible duplicates. A bad item
 * is answered with its own problem and stops none of the others.
 */
@Singleton
class ItemBatchService {

    /**
     * A batch is made again, whole, when one of its keys was stored meanwhile by a racing request (which the next
     * attempt answers as a replay). A clash with another transaction is made again by the controller
     * ({@code @RetriedOnClash}), like every other write.
     */
    private static final int ATTEMPTS = 4;

    private final ItemRepository items;
    private final ItemReader reader;
    private final ItemWriter writer;
    private final ItemService single;
    private final OutageService outages;
    private final CaptureRules rules;
    private final PriorityPolicy priorities;
    private final PossibleDuplicates duplicates;
    private final SheetCheck sheets;
    private final Validator validator;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    ItemBatchService(ItemRepository items, ItemReader reader, ItemWriter writer, ItemService single,
                     OutageService outages, CaptureRules rules, PriorityPolicy priorities,
                     PossibleDuplicates duplicates, SheetCheck sheets, Validator validator,
                     TransactionOperations<Connection> transactions, Clock clock) {
        this.items = items;
        this.reader = reader;
        this.writer = writer;
        this.single = single;
        this.outages = outages;
        this.rules = rules;
        this.priorities = priorities;
        this.duplicates = duplicates;
        this.sheets = sheets;
        this.validator = validator;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** One entry of the batch as checked before anything is read: its fields as stored, or why it is refused. */
    private record Checked(int index, String key, CapturedFields request, @Nullable CapturedFields captured,
                           @Nullable String hash, @Nullable ProblemException problem) {
    }

    ItemBatchResponse create(ItemBatchRequest request, Caller caller) {
        List<ItemBatchRequest.Entry> entries = request.items();
        refuseRepeatedKeys(entries);
        List<Checked> checked = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            checked.add(check(i, entries.get(i)));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.executeWrite(tx -> write(checked, caller));
            } catch (RuntimeException e) {
                if (!DuplicateKeys.isDuplicateKey(e)) {
                    throw e;
                }
                if (attempt >= ATTEMPTS) {
                    throw new ConflictException("Idempotency-Key: a request with one of these keys is still being "
                            + "processed. Retry shortly.");
                }
            }
        }
    }

    /** Two entries with one key (as the database compares keys: without regard to case) refuse the whole batch. */
    private static void refuseRepeatedKeys(List<ItemBatchRequest.Entry> entries) {
        Map<String, Integer> first = new HashMap<>();
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Integer earlier = first.putIfAbsent(sameKey(entries.get(i).idempotencyKey()), i);
            if (earlier != null) {
                violations.add(new Violation("items[" + i + "].idempotencyKey",
                        "repeats the key of items[" + earlier + "]; each item needs its own key"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    private static String sameKey(String key) {
        return key.toLowerCase(Locale.ROOT);
    }

    /** The item's fields, as POST /api/items checks them before it reads anything: 400 or 422 naming each field. */
    private Checked check(int index, ItemBatchRequest.Entry entry) {
        CapturedFields request = entry.item();
        List<Violation> invalid = validator.validate(request).stream()
                .map(v -> new Violation(ConstraintViolationHandler.fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field))
                .toList();
        if (!invalid.isEmpty()) {
            return refused(index, entry, new InvalidInputException(HttpStatus.BAD_REQUEST, invalid));
        }
        try {
            return new Checked(index, entry.idempotencyKey(), request, request.normalised(),
                    single.contentHash(request), null);
        } catch (InvalidInputException e) {
            return refused(index, entry, e);
        }
    }

    private static Checked refused(int index, ItemBatchRequest.Entry entry, ProblemException problem) {
        return new Checked(index, entry.idempotencyKey(), entry.item(), null, null, problem);
    }

    private ItemBatchResponse write(List<Checked> checked, Caller caller) {
        Instant now = Instant.now(clock);
        ItemBatchResponse.Result[] results = new ItemBatchResponse.Result[checked.size()];
        List<Checked> valid = new ArrayList<>();
        for (Checked c : checked) {
            if (c.problem() == null) {
                valid.add(c);
            } else {
                results[c.index()] = refusal(c, c.problem());
            }
        }

        // Keys sent before: the same item again is a replay, another item under a used key is refused.
        Map<String, IdempotencyRecord> sentBefore = new HashMap<>();
        if (!valid.isEmpty()) {
            items.findIdempotencyKeys(caller.userId(), valid.stream().map(Checked::key).toList())
                    .forEach(k -> sentBefore.put(sameKey(k.idemKey()), k));
        }
        Map<Checked, Long> replays = new java.util.LinkedHashMap<>();
        List<Checked> fresh = new ArrayList<>();
        for (Checked c : valid) {
            IdempotencyRecord previous = sentBefore.get(sameKey(c.key()));
            if (previous == null) {
                fresh.add(c);
            } else if (previous.itemId() == null) {
                results[c.index()] = refusal(c, new ConflictException(
                        "Idempotency-Key: a request with this key is still being processed. Retry shortly."));
            } else if (!previous.requestHash().equals(c.hash())) {
                results[c.index()] = refusal(c, InvalidInputException.of("idempotencyKey",
                        "was already used for a different request; use a new key for a new item"));
            } else {
                replays.put(c, previous.itemId());
            }
        }

        // Each outage once, in id order, its systems under a shared lock (ordered with a recovery recorded now).
        Map<Long, Optional<OutageForLogging>> outagesById = new TreeMap<>();
        fresh.forEach(c -> outagesById.put(c.request().outageId(), Optional.empty()));
        outagesById.replaceAll((id, none) -> outages.findForLogging(id, caller));

        List<Checked> good = new ArrayList<>();
        List<List<CaptureWarning>> warnings = new ArrayList<>();
        List<Item> newItems = new ArrayList<>();
        for (Checked c : fresh) {
            CapturedFields request = c.request();
            OutageForLogging outage = outagesById.get(request.outageId()).orElse(null);
            if (outage == null) {
                results[c.index()] = refusal(c, new NotFoundException("Outage " + request.outageId()));
                continue;
            }
            List<Violation> violations = new ArrayList<>();
            rules.checkPlacement(outage, request.site(), request.targetSystem(), caller, violations);
            // a site refused as not the caller's is not asked about its patients (its temporary ids)
            boolean placed = violations.isEmpty();
            rules.checkOccurredAt(outage, request.occurredAt(), violations);
            if (placed) {
                rules.checkPatient(outage, c.captured().site(), c.captured().patient(), violations);
            }
            if (!violations.isEmpty()) {
                results[c.index()] = refusal(c, new InvalidInputException(violations));
            } else if (outage.closed()) {
                results[c.index()] = refusal(c, new ConflictException(
                        "Outage " + outage.reference() + " is closed; items can no longer be logged against it."));
            } else {
                CapturedFields captured = c.captured();
                List<CaptureWarning> found;
                try {
                    found = captured.sheetId() == null ? List.of()
                            : sheets.check(captured.sheetId(), captured.site(), captured.ward(), caller);
                } catch (ProblemException e) {
                    results[c.index()] = refusal(c, e);
                    continue;
                }
                good.add(c);
                warnings.add(found);
                newItems.add(Item.logged(captured, ItemService.statusIn(outage, captured.targetSystem()),
                        priorities.of(captured.category(), captured.highRisk(), captured.patientStatus(),
                                captured.occurredAt(), now), priorities, caller.username(), now));
            }
        }

        List<Item> saved = writer.createAll(newItems, caller);
        List<ItemRepository.NewKey> keys = new ArrayList<>();
        for (int i = 0; i < saved.size(); i++) {
            keys.add(new ItemRepository.NewKey(good.get(i).key(), good.get(i).hash(), saved.get(i).id()));
        }
        items.insertIdempotencyKeys(caller.userId(), keys, now);
        // each sheet moved on once, for all the items of an outage that name it
        Map<String, Map<Long, List<Long>>> bySheet = new TreeMap<>();
        for (Item item : saved) {
            if (item.captured().sheetId() != null) {
                bySheet.computeIfAbsent(item.captured().sheetId(), s -> new TreeMap<>())
                        .computeIfAbsent(item.outageId(), o -> new ArrayList<>()).add(item.id());
            }
        }
        bySheet.forEach((sheet, byOutage) -> byOutage.forEach((outage, ids) -> sheets.logged(sheet, outage, ids, caller)));
        Map<Long, List<Long>> possible = duplicates.flagOnLogging(saved.stream().map(Item::id).toList(), caller, now);
        for (int i = 0; i < saved.size(); i++) {
            Item item = saved.get(i);
            results[good.get(i).index()] = new ItemBatchResponse.Result(good.get(i).key(), 201,
                    reader.response(item, possible.getOrDefault(item.id(), List.of())).withWarnings(warnings.get(i)),
                    null);
        }

        if (!replays.isEmpty()) {
            Map<Long, Item> byId = new HashMap<>();
            items.findByIdIn(replays.values()).forEach(i -> byId.put(i.id(), i));
            replays.forEach((c, id) -> {
                Item item = byId.get(id);
                results[c.index()] = item != null && caller.canAccessSite(item.site())
                        ? new ItemBatchResponse.Result(c.key(), 200, reader.response(item), null)
                        : refusal(c, new NotFoundException("Item " + id));
            });
        }
        return ItemBatchResponse.of(Arrays.asList(results));
    }

    private static ItemBatchResponse.Result refusal(Checked c, ProblemException problem) {
        return new ItemBatchResponse.Result(c.key(), problem.status().getCode(), null,
                ItemBatchResponse.Problem.of(problem));
    }
}
