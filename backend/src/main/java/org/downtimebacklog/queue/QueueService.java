package org.downtimebacklog.queue;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.account.UserService;
import org.downtimebacklog.item.ItemResponse;
import org.downtimebacklog.item.ItemService;
import org.downtimebacklog.item.ItemSummaryResponse;
import org.downtimebacklog.item.ItemWorkflow;
import org.downtimebacklog.outage.OutageService;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.web.ConflictException;
import org.downtimebacklog.web.InvalidInputException;
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

    private final QueueRepository queue;
    private final ItemWorkflow workflow;
    private final ItemService items;
    private final UserService users;
    private final QueueSettings settings;
    private final Clock clock;
    private final OutageService outages;

    QueueService(QueueRepository queue, ItemWorkflow workflow, ItemService items, UserService users,
                 QueueSettings settings, Clock clock, OutageService outages) {
        this.outages = outages;
        this.queue = queue;
        this.workflow = workflow;
        this.items = items;
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
        checkCap(caller, "You already hold %d items, the most allowed at once. Finish or release one first.");
        boolean drill = Boolean.TRUE.equals(request.drill());
        Set<Long> drills = outages.drillIds();
        if (drill && drills.isEmpty()) {
            return Optional.empty();
        }
        return queue.lockNextReady(systems, sites, drills, drill).map(id -> workflow.assign(id, caller, caller, "ITEM_CLAIMED"));
    }

    /**
     * A team lead gives a READY item to someone, who must work at its site and in its system and have room under the
     * cap.
     */
    @Transactional
    public ItemResponse assign(long id, Caller assignee, Caller lead) {
        checkCap(assignee, assignee.username() + " already holds %d items, the most allowed at once.");
        return workflow.assign(id, assignee, lead, "ITEM_ASSIGNED");
    }

    /**
     * 409 when the person already holds the most items allowed. Their row stays locked until the transaction ends,
     * so one person's concurrent claims are counted one at a time (the person first, then the item: every claim and
     * assignment takes its locks in that order).
     */
    private void checkCap(Caller person, String message) {
        users.lock(person.userId());
        long held = queue.countAssignedTo(person.username(), settings.getMaxAssigned());
        if (held >= settings.getMaxAssigned()) {
            throw new ConflictException(String.format(message, held),
                    Map.of("assigned", held, "maxAssigned", settings.getMaxAssigned()));
        }
    }

    /** The items the caller holds now, most urgent first, patient details included: each is recorded as viewed. */
    @Transactional
    public List<ItemResponse> mine(Caller caller) {
        return items.viewed(queue.findAssignedTo(caller.username()), caller);
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
        List<Long> ids = queue.findAwaitingVerification(caller.username(), new TreeSet<>(caller.targetSystems()),
                caller.allSites() ? null : caller.sites(), VERIFY_LIST_LIMIT);
        return items.listed(ids);
    }

    /**
     * Returns to READY every ASSIGNED item that has not changed for the lease ({@code backlog.queue.lease}), in
     * batches; safe to run on every node at once. Returns how many it released.
     */
    @Transactional
    public int expireLeases() {
        Instant now = Instant.now(clock);
        List<Long> expired = queue.lockExpiredLeases(now.minus(settings.getLease()), LEASE_BATCH);
        for (long id : expired) {
            workflow.expireLease(id, "lease expired: no progress for " + settings.getLease());
        }
        return expired.size();
    }
}
