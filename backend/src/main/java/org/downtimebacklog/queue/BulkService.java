package org.downtimebacklog.queue;

import jakarta.inject.Singleton;
import org.downtimebacklog.account.UserService;
import org.downtimebacklog.item.ItemResponse;
import org.downtimebacklog.item.ItemStatus;
import org.downtimebacklog.item.ItemSummaryResponse;
import org.downtimebacklog.item.ItemWorkflow;
import org.downtimebacklog.item.PriorityOverrideRequest;
import org.downtimebacklog.item.PriorityService;
import org.downtimebacklog.item.TransitionRequest;
import org.downtimebacklog.database.LockConflicts;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.web.InvalidInputException;
import org.downtimebacklog.web.ProblemException;
import org.downtimebacklog.web.Text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.LongFunction;

/**
 * A team lead's actions on many items. Each item is changed in its own transaction and answered for on its own, so
 * one item that cannot be changed (already closed, another site, a bad state) does not stop the others.
 */
@Singleton
public class BulkService {

    private final ItemWorkflow workflow;
    private final PriorityService priorities;
    private final QueueService queue;
    private final UserService users;

    BulkService(ItemWorkflow workflow, PriorityService priorities, QueueService queue, UserService users) {
        this.workflow = workflow;
        this.priorities = priorities;
        this.queue = queue;
        this.users = users;
    }

    public BulkResponse assign(AssignRequest request, Caller lead) {
        Caller assignee = users.activeUser(request.assignee())
                .filter(Caller::canChangeItems)
                .orElseThrow(() -> InvalidInputException.of("assignee", "is not an active user who can enter items"));
        return each(request.ids(), id -> queue.assign(id, assignee, lead));
    }

    public BulkResponse apply(BulkRequest request, Caller lead) {
        String reason = Text.blankToNull(request.reason());
        return switch (request.action()) {
            case HOLD -> each(request.ids(), id -> workflow.transitionInBulk(id,
                    new TransitionRequest(ItemStatus.ON_HOLD, reason, null, null), lead));
            case NOT_REQUIRED -> each(request.ids(), id -> workflow.transitionInBulk(id,
                    new TransitionRequest(ItemStatus.NOT_REQUIRED, reason, null, null), lead));
            case OVERRIDE_PRIORITY -> {
                if (request.band() == null) {
                    throw InvalidInputException.of("band", "is required: P1, P2, P3 or P4");
                }
                yield each(request.ids(), id -> priorities.override(id, new PriorityOverrideRequest(request.band(), reason), lead));
            }
            case CLEAR_PRIORITY -> each(request.ids(), id -> priorities.override(id, new PriorityOverrideRequest(null, reason), lead));
            case RELEASE -> each(request.ids(), id -> workflow.release(id, reason, lead));
        };
    }

    private static BulkResponse each(List<Long> ids, LongFunction<ItemResponse> change) {
        List<BulkResponse.Result> results = new ArrayList<>();
        int ok = 0;
        for (long id : new LinkedHashSet<>(ids)) {
            try {
                ItemResponse item = change.apply(id);
                results.add(new BulkResponse.Result(id, 200, ItemSummaryResponse.of(item), null, List.of()));
                ok++;
            } catch (ProblemException e) {
                results.add(new BulkResponse.Result(id, e.status().getCode(), null, e.detail(), e.violations()));
            } catch (RuntimeException e) {
                if (!LockConflicts.isLockConflict(e)) {
                    throw e;
                }
                // this item's change was rolled back whole; the others stand
                results.add(new BulkResponse.Result(id, 503, null, "This item's change clashed with another made at "
                        + "the same moment and was not made. Try it again.", List.of()));
            }
        }
        return new BulkResponse(ok, results.size() - ok, results);
    }
}
