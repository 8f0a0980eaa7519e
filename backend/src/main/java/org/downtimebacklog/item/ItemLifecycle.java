package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.security.Role;
import org.downtimebacklog.web.AccessDeniedException;
import org.downtimebacklog.web.ConflictException;
import org.downtimebacklog.web.InvalidInputException;
import org.downtimebacklog.web.Violation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.downtimebacklog.item.ItemStatus.ASSIGNED;
import static org.downtimebacklog.item.ItemStatus.DUPLICATE;
import static org.downtimebacklog.item.ItemStatus.ENTERED;
import static org.downtimebacklog.item.ItemStatus.LOGGED;
import static org.downtimebacklog.item.ItemStatus.NOT_REQUIRED;
import static org.downtimebacklog.item.ItemStatus.ON_HOLD;
import static org.downtimebacklog.item.ItemStatus.READY;
import static org.downtimebacklog.item.ItemStatus.VERIFIED;

/**
 * The one place that says which status moves are legal, who may make each, what each needs, and what it records.
 * <pre>
 * LOGGED   -> READY (its system recovered), DUPLICATE, NOT_REQUIRED
 * READY    -> ASSIGNED (claimed or assigned), ON_HOLD, DUPLICATE, NOT_REQUIRED
 * ASSIGNED -> ENTERED, READY (released, or the lease ran out), ON_HOLD, DUPLICATE, NOT_REQUIRED
 * ON_HOLD  -> READY, DUPLICATE, NOT_REQUIRED
 * ENTERED  -> VERIFIED (by someone other than who entered it)
 * </pre>
 * An item is closed when VERIFIED, DUPLICATE or NOT_REQUIRED, or ENTERED when it does not need verification.
 */
final class ItemLifecycle {

    private static final Map<ItemStatus, Set<ItemStatus>> MOVES = new EnumMap<>(ItemStatus.class);

    static {
        MOVES.put(LOGGED, EnumSet.of(READY, DUPLICATE, NOT_REQUIRED));
        MOVES.put(READY, EnumSet.of(ASSIGNED, ON_HOLD, DUPLICATE, NOT_REQUIRED));
        MOVES.put(ASSIGNED, EnumSet.of(ENTERED, READY, ON_HOLD, DUPLICATE, NOT_REQUIRED));
        MOVES.put(ON_HOLD, EnumSet.of(READY, DUPLICATE, NOT_REQUIRED));
        MOVES.put(ENTERED, EnumSet.of(VERIFIED));
        MOVES.put(VERIFIED, EnumSet.noneOf(ItemStatus.class));
        MOVES.put(DUPLICATE, EnumSet.noneOf(ItemStatus.class));
        MOVES.put(NOT_REQUIRED, EnumSet.noneOf(ItemStatus.class));
    }

    /** Statuses in which the captured fields may still be corrected. */
    static final Set<ItemStatus> CORRECTABLE = EnumSet.of(LOGGED, READY, ASSIGNED, ON_HOLD);

    /**
     * Statuses in which an item waits for its back-entry, and its due time runs (a hold does not stop it). Once
     * entered (verified or not) or closed without entry it is done: past its due time while waiting, it is BREACHED.
     * The repositories' breach conditions (status IN ('READY', 'ASSIGNED', 'ON_HOLD') AND due_at < now) say the same.
     */
    static final Set<ItemStatus> AWAITING_ENTRY = EnumSet.of(READY, ASSIGNED, ON_HOLD);

    private static final String RELEASE_DENIED = "Only the person it is assigned to or a team lead can release it.";

    private ItemLifecycle() {
    }

    static boolean isBreached(ItemStatus status, @Nullable Instant dueAt, Instant now) {
        return dueAt != null && AWAITING_ENTRY.contains(status) && now.isAfter(dueAt);
    }

    static boolean isClosed(ItemStatus status, boolean needsVerification) {
        return status == VERIFIED || status == DUPLICATE || status == NOT_REQUIRED
                || (status == ENTERED && !needsVerification);
    }

    /**
     * Four eyes hold: once an item needs a second person's check, a correction that would remove the need (its
     * category or high risk) is for a team lead who neither holds nor entered it (403 for anyone else), with a reason
     * (422 without). Nothing the person doing the entry can do takes the check away.
     */
    static void checkSecondCheckMayGo(Item item, Caller caller, @Nullable String reason) {
        String who = caller.username();
        if (!caller.isLead() || who.equals(item.state().assignedTo()) || who.equals(item.state().enteredBy())) {
            throw AccessDeniedException.forbidden("Four eyes: this item needs a second person's check. Only a team "
                    + "lead who neither holds nor entered it can make a correction that removes that check.");
        }
        if (reason == null || reason.isBlank()) {
            throw InvalidInputException.of("reason", "is required to remove the need for a second check");
        }
    }

    /** 409 unless the move is legal from the item's current status. */
    static void checkLegal(ItemStatus from, ItemStatus to) {
        if (!MOVES.get(from).contains(to)) {
            throw new ConflictException("The item is " + from + " and cannot become " + to + ".",
                    Map.of("currentStatus", from.name(), "requestedStatus", to.name()));
        }
    }

    /**
     * The state after a move asked for through the transitions endpoint, checking legality (409), the caller's right
     * to make it (403) and what it needs (422). Claiming (to ASSIGNED) and release on recovery (LOGGED to READY) have
     * their own endpoints and paths.
     */
    static ItemState move(Item item, TransitionRequest request, Caller caller, boolean needsVerification, Instant now) {
        ItemStatus from = item.status();
        ItemStatus to = request.to();
        checkLegal(from, to);
        if (!caller.canChangeItems()) {
            throw AccessDeniedException.forbidden("Your role cannot change items.");
        }
        boolean lead = caller.isLead();
        boolean assignee = caller.username().equals(item.state().assignedTo());
        return switch (to) {
            case ASSIGNED -> throw new ConflictException(
                    "Items are taken with POST /api/queue/next or given with POST /api/items/assign.",
                    Map.of("currentStatus", from.name(), "requestedStatus", to.name()));
            case READY -> {
                if (from == LOGGED) {
                    throw new ConflictException("An item becomes READY when the recovery of its system is recorded.",
                            Map.of("currentStatus", from.name(), "requestedStatus", to.name()));
                }
                if (from == ASSIGNED && !assignee && !lead) {
                    throw AccessDeniedException.forbidden(RELEASE_DENIED);
                }
                yield ItemState.released(reason(request, false));
            }
            case ENTERED -> {
                if (!assignee) {
                    throw AccessDeniedException.forbidden("Only the person the item is assigned to can record its entry.");
                }
                String reference = required(request.externalReference(), "externalReference",
                        "is required: the id of the record in " + item.captured().targetSystem());
                yield item.state().entered(reference, caller.username(), now, reason(request, false), needsVerification);
            }
            case VERIFIED -> {
                if (caller.username().equals(item.state().enteredBy())) {
                    throw AccessDeniedException.forbidden("Four eyes: someone other than the person who entered it must verify it.");
                }
                if (!caller.hasRole(Role.ADMIN) && !caller.targetSystems().contains(item.captured().targetSystem())) {
                    throw AccessDeniedException.forbidden("You do not work in " + item.captured().targetSystem() + ".");
                }
                yield item.state().verified(caller.username(), now, reason(request, false));
            }
            case ON_HOLD -> {
                if (!lead && !assignee) {
                    throw AccessDeniedException.forbidden("Only the person it is assigned to or a team lead can hold it.");
                }
                yield ItemState.onHold(reason(request, true));
            }
            case DUPLICATE -> {
                requireLead(lead);
                Long original = request.duplicateOf();
                if (original == null) {
                    throw InvalidInputException.of("duplicateOf", "is required: the id of the item this one repeats");
                }
                if (original.equals(item.id())) {
                    throw InvalidInputException.of("duplicateOf", "cannot be the item itself");
                }
                yield ItemState.duplicate(original, reason(request, false), now);
            }
            case NOT_REQUIRED -> {
                requireLead(lead);
                yield ItemState.notRequired(reason(request, true), now);
            }
            case LOGGED -> throw new IllegalStateException("not reachable: no move leads to LOGGED");
        };
    }

    /**
     * ASSIGNED to the given person (claim or assignment): only from READY (409), and only to someone who works at
     * the item's site and in its system (422).
     */
    static ItemState assigned(Item item, Caller assignee, Instant now) {
        List<Violation> violations = new ArrayList<>();
        if (!assignee.canAccessSite(item.site())) {
            violations.add(new Violation("assignee", assignee.username() + " does not work at " + item.site()));
        }
        if (!assignee.targetSystems().contains(item.captured().targetSystem())) {
            violations.add(new Violation("assignee", assignee.username() + " does not work in " + item.captured().targetSystem()));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        checkLegal(item.status(), ASSIGNED);
        return ItemState.assigned(assignee.username(), now);
    }

    /** Back to the queue from ASSIGNED (409 otherwise), by the person holding it or a team lead (403 otherwise). */
    static ItemState released(Item item, Caller caller, @Nullable String reason) {
        if (item.status() != ASSIGNED) {
            throw new ConflictException("The item is " + item.status() + ", not ASSIGNED.",
                    Map.of("currentStatus", item.status().name(), "requestedStatus", READY.name()));
        }
        if (!caller.username().equals(item.state().assignedTo()) && !caller.isLead()) {
            throw AccessDeniedException.forbidden(RELEASE_DENIED);
        }
        return ItemState.released(reason);
    }

    /** Back to the queue because its holder made no progress for the lease: only from ASSIGNED. */
    static ItemState leaseExpired(Item item, String reason) {
        checkLegal(item.status(), READY);
        return ItemState.released(reason);
    }

    private static void requireLead(boolean lead) {
        if (!lead) {
            throw AccessDeniedException.forbidden("Only a team lead can close an item without entry.");
        }
    }

    private static String reason(TransitionRequest request, boolean required) {
        if (required) {
            return required(request.reason(), "reason", "is required for this move");
        }
        return request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
    }

    private static String required(@Nullable String value, String field, String message) {
        if (value == null || value.isBlank()) {
            throw InvalidInputException.of(field, message);
        }
        return value.strip();
    }
}
