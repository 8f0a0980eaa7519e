package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.account.UserService;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.security.Role;
import org.downtimebacklog.web.AccessDeniedException;
import org.downtimebacklog.web.ConflictException;
import org.downtimebacklog.web.InvalidInputException;
import org.downtimebacklog.web.NotFoundException;
import org.downtimebacklog.web.Violation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The reconciliation queue: hands each READY item to exactly one person, riskiest first, and takes abandoned work back.
 * A claim is one short transaction: the next READY item is read with FOR UPDATE SKIP LOCKED (so concurrent claimers,
 * on any node, pass over each other's rows instead of waiting or colliding) and assigned in the same transaction.
 */
@Singleton
public class QueueService {

    private static final int VERIFY_LIST_LIMIT = 200;

    static final int LEASE_BATCH = 500;

    private final ItemRepository items;
    private final ItemService itemService;
    private final UserService users;
    private final QueueSettings settings;
    private final Clock clock;

    QueueService(ItemRepository items, ItemService itemService, UserService users, QueueSettings settings, Clock clock) {
        this.items = items;
        this.itemService = itemService;
        this.users = users;
        this.settings = settings;
        this.clock = clock;
    }

    /** The highest-priority READY item the caller may work, now ASSIGNED to them; empty when nothing fits. */
    @Transactional
    public Optional<ItemResponse> next(NextRequest request, Caller caller) {
        Set<String> systems = new TreeSet<>(caller.targetSystems());
        List<Violation> violations = new ArrayList<>();
        if (request.targetSystems() != null && !request.targetSystems().isEmpty()) {
            Set<String> foreign = new TreeSet<>(request.targetSystems());
            foreign.removeAll(caller.targetSystems());
            if (!foreign.isEmpty()) {
                violations.add(new Violation("targetSystems", "you do not work in " + String.join(", ", foreign)));
            }
            systems.retainAll(request.targetSystems());
        }
        Set<String> sites = caller.allSites() ? null : caller.sites();
        if (request.site() != null) {
            if (!caller.canAccessSite(request.site())) {
                violations.add(new Violation("site", "is not one of your sites"));
            }
            sites = Set.of(request.site());
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        if (systems.isEmpty() || (sites != null && sites.isEmpty())) {
            return Optional.empty();
        }
        // One person's claims are counted one at a time, so the cap holds under concurrent requests.
        users.lock(caller.userId());
        long held = items.countAssignedTo(caller.username());
        if (held >= settings.getMaxAssigned()) {
            throw new ConflictException("You already hold " + held + " items, the most allowed at once. "
                    + "Finish or release one first.", Map.of("assigned", held, "maxAssigned", settings.getMaxAssigned()));
        }
        Instant now = Instant.now(clock);
        return items.nextReady(systems, sites).map(item -> itemService.response(itemService.changeState(item,
                ItemLifecycle.assigned(item, caller.username(), now), caller, "ITEM_CLAIMED", now)));
    }

    /**
     * A team lead gives a READY item to someone, who must work at its site and in its system and have room under the
     * cap.
     */
    @Transactional
    public ItemResponse assign(long id, Caller assignee, Caller lead) {
        Item item = items.findByIdForUpdate(id).filter(i -> lead.canAccessSite(i.site()))
                .orElseThrow(() -> new NotFoundException("Item " + id));
        List<Violation> violations = new ArrayList<>();
        if (!assignee.canAccessSite(item.site())) {
            violations.add(new Violation("assignee", assignee.username() + " does not work at " + item.site()));
        }
        if (!assignee.targetSystems().contains(item.targetSystem())) {
            violations.add(new Violation("assignee", assignee.username() + " does not work in " + item.targetSystem()));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        Instant now = Instant.now(clock);
        ItemState assigned = ItemLifecycle.assigned(item, assignee.username(), now);
        users.lock(assignee.userId());
        long held = items.countAssignedTo(assignee.username());
        if (held >= settings.getMaxAssigned()) {
            throw new ConflictException(assignee.username() + " already holds " + held + " items, the most allowed at once.",
                    Map.of("assigned", held, "maxAssigned", settings.getMaxAssigned()));
        }
        return itemService.response(itemService.changeState(item, assigned, lead, "ITEM_ASSIGNED", now));
    }

    /** The items the caller holds now, most urgent first. */
    @Transactional(readOnly = true)
    public List<ItemResponse> mine(Caller caller) {
        return items.findAssignedTo(caller.username()).stream().map(itemService::response).toList();
    }

    /**
     * Items someone else entered that still need a second person's check, in the caller's systems and sites, most
     * urgent first (at most 200).
     */
    @Transactional(readOnly = true)
    public List<ItemSummaryResponse> awaitingVerification(Caller caller) {
        if (caller.targetSystems().isEmpty() || (!caller.allSites() && caller.sites().isEmpty())) {
            return List.of();
        }
        // With every site, the site list is not read; it only has to be non-empty for IN (...).
        return items.findAwaitingVerification(caller.username(), caller.targetSystems(), caller.allSites(),
                        caller.allSites() ? List.of(Caller.ALL_SITES) : caller.sites(), VERIFY_LIST_LIMIT)
                .stream().map(ItemSummaryResponse::of).toList();
    }

    /** Gives an ASSIGNED item back to the queue: by the person holding it, or a team lead. */
    @Transactional
    public ItemResponse release(long id, @Nullable String reason, Caller caller) {
        Item item = items.findByIdForUpdate(id).filter(i -> caller.canAccessSite(i.site()))
                .orElseThrow(() -> new NotFoundException("Item " + id));
        if (item.status() != ItemStatus.ASSIGNED) {
            throw new ConflictException("The item is " + item.status() + ", not ASSIGNED.",
                    Map.of("currentStatus", item.status().name(), "requestedStatus", ItemStatus.READY.name()));
        }
        if (!caller.username().equals(item.assignedTo()) && !caller.hasAnyRole(Role.TEAM_LEAD, Role.ADMIN)) {
            throw AccessDeniedException.forbidden("Only the person it is assigned to or a team lead can release it.");
        }
        Instant now = Instant.now(clock);
        return itemService.response(itemService.changeState(item, ItemLifecycle.released(blank(reason)), caller,
                "ITEM_RELEASED", now));
    }

    /**
     * Returns to READY every ASSIGNED item that has not changed for the lease ({@code backlog.queue.lease}), in
     * batches; safe to run on every node at once. Returns how many it released.
     */
    @Transactional
    public int expireLeases() {
        Instant now = Instant.now(clock);
        List<Item> expired = items.findExpiredLeases(now.minus(settings.getLease()), LEASE_BATCH);
        for (Item item : expired) {
            itemService.changeState(item, ItemLifecycle.released("lease expired: no progress for " + settings.getLease()),
                    null, "LEASE_EXPIRED", now);
        }
        return expired.size();
    }

    private static String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
